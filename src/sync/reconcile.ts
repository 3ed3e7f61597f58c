import type { MdmDevice } from './mdm-device';
import { fieldChanges, mdmBlockChanges, mdmBlockOf } from './field-rules';
import type {
  DeviceCreate,
  DeviceUpdate,
  DuplicateFinding,
  LedgerDeviceView,
  MissingFinding,
  SyncPlan,
} from './reconcile-types';
import type { SyncSettings } from './settings';

export interface ReconcileInput {
  settings: SyncSettings;
  ledger: LedgerDeviceView[];
  /** Every device of the MDM, in the order the MDM returned them (a complete read). */
  mdm: MdmDevice[];
  serialKey: (s: string | null | undefined) => string | null;
}

/**
 * Seed 000's master integration as a pure function: ledger snapshot + MDM devices + settings →
 * the plan of writes and findings. No I/O; the runner applies the plan.
 *
 * 1. A ledger device pinned to an MDM device id (its `mdm` block) always matches that device.
 * 2. Otherwise the matching key (serial number or UUID) links an unpinned ledger device; after
 *    that first match the device is pinned, so later edits of its serial never duplicate it.
 * 3. Several MDM devices with one key value: the first the MDM returns links (to the oldest
 *    ledger device with that value); each later one is imported new; one duplicate finding
 *    names them all. Several ledger devices with the value: the oldest links, the rest are named.
 * 4. An unmatched MDM device is imported new; its asset number comes from the rule, else SYS.
 * 5. A pinned device the MDM no longer returns is never deleted: it is flagged missing.
 */
export function reconcile(input: ReconcileInput): SyncPlan {
  const { settings, ledger, mdm, serialKey } = input;
  const keyOf = (v: { serialNumber: string | null; uuid: string | null }): string | null =>
    settings.matchKey === 'serial' ? serialKey(v.serialNumber) : normalizeUuid(v.uuid);

  const pinned = new Map<string, LedgerDeviceView>();
  const candidatesByKey = new Map<string, LedgerDeviceView[]>();
  const takenAssetNumbers = new Map<string, string>(); // asset number → holder description
  for (const d of ledger) {
    takenAssetNumbers.set(d.assetNumber, d.assetNumber);
    if (d.mdm && d.mdm.provider === settings.provider) pinned.set(d.mdm.deviceId, d);
    else if (!d.mdm) {
      const key = keyOf(d);
      if (key) push(candidatesByKey, key, d);
    }
  }
  for (const list of candidatesByKey.values())
    list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  // Key values that an MDM device already pinned in the ledger carries: a new MDM device with
  // the same value is a later duplicate, imported new, never linked to a flagged ledger twin.
  const keysInUse = new Map<string, string[]>(); // key → asset numbers linked by it
  for (const device of mdm) {
    const holder = pinned.get(device.deviceId);
    const key = holder ? keyOf(device) : null;
    if (holder && key) push(keysInUse, key, holder.assetNumber);
  }

  const updates: DeviceUpdate[] = [];
  const creates: DeviceCreate[] = [];
  const seen = new Set<string>();
  const mdmByKey = new Map<string, MdmDevice[]>();
  let unchanged = 0;
  let userChanges = 0;

  for (const device of mdm) {
    if (seen.has(device.deviceId)) continue; // an MDM that repeats a record across pages
    seen.add(device.deviceId);
    const key = keyOf(device);
    if (key) push(mdmByKey, key, device);

    let target = pinned.get(device.deviceId);
    const firstLink = !target;
    if (!target && key && !keysInUse.has(key)) {
      target = candidatesByKey.get(key)?.[0];
      if (target) keysInUse.set(key, [target.assetNumber]);
    }
    if (target) {
      const update = planUpdate(target, device, firstLink, serialKey);
      if (update.changes.length === 0 && Object.keys(update.set).length === 0) unchanged++;
      else updates.push(update);
      if (!firstLink && update.changes.some((c) => c.field === 'user')) userChanges++;
      continue;
    }
    const create = planCreate(device, settings, serialKey, takenAssetNumbers);
    if (create.assetNumber) takenAssetNumbers.set(create.assetNumber, create.assetNumber);
    if (key && !keysInUse.has(key)) keysInUse.set(key, []);
    creates.push(create);
  }

  const missing: MissingFinding[] = [];
  for (const [deviceId, d] of pinned) {
    if (seen.has(deviceId) || d.mdm?.missingFromMdm) continue;
    missing.push({
      ledgerId: d.id,
      assetNumber: d.assetNumber,
      mdmDeviceId: deviceId,
      deviceName: d.mdm?.deviceName ?? null,
    });
  }

  return {
    provider: settings.provider,
    updates,
    creates,
    unchanged,
    duplicates: findDuplicates(settings, mdmByKey, candidatesByKey, keysInUse),
    missing,
    syncedBefore: pinned.size,
    userChanges,
  };
}

function planUpdate(
  ledger: LedgerDeviceView,
  device: MdmDevice,
  firstLink: boolean,
  serialKey: (s: string | null) => string | null,
): DeviceUpdate {
  const changes = fieldChanges(ledger, device, serialKey);
  const set: Record<string, unknown> = {};
  for (const c of changes) set[c.field] = c.new;
  if (firstLink) {
    changes.unshift({ field: 'source', old: ledger.source, new: device.provider, rule: 'link' });
    set.source = device.provider;
  }
  const block = mdmBlockOf(device);
  const blockDiff = mdmBlockChanges(ledger.mdm, block);
  if (blockDiff.changed) set.mdm = block;
  changes.push(...blockDiff.history);
  return {
    ledgerId: ledger.id,
    assetNumber: ledger.assetNumber,
    mdmDeviceId: device.deviceId,
    firstLink,
    set,
    changes,
  };
}

function planCreate(
  device: MdmDevice,
  settings: SyncSettings,
  serialKey: (s: string | null) => string | null,
  taken: Map<string, string>,
): DeviceCreate {
  const wanted = assetNumberFromRule(device, settings, serialKey);
  const takenBy = wanted ? taken.get(wanted) : undefined;
  return {
    mdm: device,
    assetNumber: wanted && !takenBy ? wanted : null,
    conflictWith: wanted && takenBy ? { wanted, takenBy } : null,
    device: {
      serialNumber: serialKey(device.serialNumber) ? device.serialNumber!.trim() : null,
      os: device.os,
      manufacturer: device.manufacturer,
      model: device.model,
      deviceType: null,
      status: null,
      user: device.user,
      procurementDate: null,
      disposalDate: null,
      uuid: device.uuid,
      source: device.provider,
      mdm: mdmBlockOf(device),
    },
  };
}

/** The asset number the rule gives a new device, or null when that value is empty. */
export function assetNumberFromRule(
  device: MdmDevice,
  settings: SyncSettings,
  serialKey: (s: string | null) => string | null,
): string | null {
  const value =
    settings.assetNumberRule === 'uuid'
      ? device.uuid
      : settings.assetNumberRule === 'deviceName'
        ? device.deviceName
        : serialKey(device.serialNumber)
          ? device.serialNumber
          : null;
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, 64) : null;
}

function findDuplicates(
  settings: SyncSettings,
  mdmByKey: Map<string, MdmDevice[]>,
  candidatesByKey: Map<string, LedgerDeviceView[]>,
  keysInUse: Map<string, string[]>,
): DuplicateFinding[] {
  const findings: DuplicateFinding[] = [];
  for (const [key, devices] of mdmByKey) {
    if (devices.length < 2) continue;
    findings.push({
      side: 'mdm',
      matchKey: settings.matchKey,
      keyValue: key,
      mdmDevices: devices.map(summary),
      assetNumbers: [...(keysInUse.get(key) ?? [])],
    });
  }
  for (const [key, ledgerDevices] of candidatesByKey) {
    const linked = keysInUse.get(key) ?? [];
    const others = ledgerDevices.filter((d) => !linked.includes(d.assetNumber));
    if (linked.length + others.length < 2 || others.length === 0) continue;
    findings.push({
      side: 'ledger',
      matchKey: settings.matchKey,
      keyValue: key,
      mdmDevices: (mdmByKey.get(key) ?? []).map(summary),
      assetNumbers: [...linked, ...others.map((d) => d.assetNumber)],
    });
  }
  return findings;
}

function summary(d: MdmDevice): DuplicateFinding['mdmDevices'][number] {
  return {
    deviceId: d.deviceId,
    deviceName: d.deviceName,
    enrolledAt: d.enrolledAt,
    lastCheckInAt: d.lastCheckInAt,
    user: d.user,
  };
}

function normalizeUuid(v: string | null | undefined): string | null {
  const t = v?.trim().toLowerCase();
  return t ? t : null;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
