import type { MdmDevice } from './mdm-device';
import { keyTextOf, type KeyHolder } from './reconcile-keys';
import type { DuplicateFinding, LedgerDeviceView, MdmDeviceSummary } from './reconcile-types';
import type { SyncSettings } from './settings';

export function findDuplicates(
  settings: SyncSettings,
  mdmByKey: Map<string, MdmDevice[]>,
  candidatesByKey: Map<string, LedgerDeviceView[]>,
  keysInUse: Map<string, string[]>,
  reenrolled: { orphans: Map<string, LedgerDeviceView[]>; holders: Map<string, KeyHolder> },
): DuplicateFinding[] {
  const findings: DuplicateFinding[] = [];
  for (const [key, devices] of mdmByKey) {
    if (devices.length < 2) continue;
    findings.push({
      side: 'mdm',
      matchKey: settings.matchKey,
      keyValue: key,
      keyText: keyTextOf(settings.matchKey, devices[0]) ?? key,
      mdmDevices: devices.map(summary),
      assetNumbers: [...(keysInUse.get(key) ?? [])],
    });
  }
  const keys = new Set([...candidatesByKey.keys(), ...reenrolled.orphans.keys()]);
  for (const key of keys) {
    const linked = keysInUse.get(key) ?? [];
    const others = (candidatesByKey.get(key) ?? []).filter((d) => !linked.includes(d.assetNumber));
    // Records of an enrolment that left the MDM while a listed device carries their key value:
    // a re-enrolled device imported as a second record (before the 2025/12/15 rule).
    const holder = reenrolled.holders.get(key);
    const orphans = holder && linked.length > 0 ? (reenrolled.orphans.get(key) ?? []) : [];
    if (linked.length + others.length + orphans.length < 2) continue;
    if (others.length + orphans.length === 0) continue;
    const written = [...(candidatesByKey.get(key) ?? []), ...orphans, ...(mdmByKey.get(key) ?? [])]
      .map((d) => keyTextOf(settings.matchKey, d))
      .find((v): v is string => !!v);
    findings.push({
      side: 'ledger',
      matchKey: settings.matchKey,
      keyValue: key,
      keyText: written ?? key,
      mdmDevices: (mdmByKey.get(key) ?? []).map(summary),
      assetNumbers: [
        ...linked,
        ...others.map((d) => d.assetNumber),
        ...orphans.map((d) => d.assetNumber),
      ],
      ...(orphans.length > 0
        ? {
            reenrolled: orphans.map((o) => ({
              assetNumber: o.assetNumber,
              oldMdmId: o.mdm!.deviceId,
              newMdmId: holder!.mdm.deviceId,
            })),
          }
        : {}),
    });
  }
  return findings;
}

export function summary(d: MdmDevice): MdmDeviceSummary {
  return {
    deviceId: d.deviceId,
    deviceName: d.deviceName,
    enrolledAt: d.enrolledAt,
    lastCheckInAt: d.lastCheckInAt,
    user: d.user,
  };
}
