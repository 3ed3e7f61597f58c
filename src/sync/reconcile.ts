import type { MdmDevice } from './mdm-device';
import { fieldChanges, mdmBlockChanges, mdmBlockOf } from './field-rules';
import type {
  DeviceCreate,
  DeviceUpdate,
  DuplicateFinding,
  LedgerDeviceView,
  MdmDeviceSummary,
  MissingFinding,
  ReenrolmentFinding,
  Relink,
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

/** The MDM device that holds a key value in this run, and its ledger device when known. */
interface KeyHolder {
  mdm: MdmDevice;
  /** Null for a device this run imports new (its asset number is known only once written). */
  ledger: LedgerDeviceView | null;
}

/**
 * Seed 000's master integration as a pure function: ledger snapshot + MDM devices + settings →
 * the plan of writes and findings. No I/O; the runner applies the plan.
 *
 * 1. A ledger device pinned to an MDM device id (its `mdm` block) always matches that device.
 * 2. Re-enrolment (the 2025/12/15 rule): a ledger device pinned to an MDM device the MDM no
 *    longer lists takes the new MDM device with its key value — with the serial key, the wiped
 *    and re-enrolled device (new id, same serial); with Intune's UUID key never (the new
 *    enrolment has a new UUID, so it is imported new). Its pin moves to the new id.
 * 3. Otherwise the matching key (serial number or UUID) links an unpinned ledger device; after
 *    that first match the device is pinned, so later edits of its serial never duplicate it.
 * 4. Several MDM devices with one key value: the first the MDM returns links (to the oldest
 *    ledger device with that value); each later one is imported new; one duplicate finding
 *    names them all. Several ledger devices with the value: the oldest links, the rest are named.
 *    Except a later one that looks like a re-enrolment of the first (enrolled after the first
 *    was last seen): it is not imported, a re-enrolment finding says so, and it takes over the
 *    first one's ledger device once the old enrolment has left the MDM (rule 2).
 * 5. An unmatched MDM device is imported new; its asset number comes from the rule, else SYS.
 * 6. A pinned device the MDM no longer returns is never deleted: it is flagged missing.
 */
export function reconcile(input: ReconcileInput): SyncPlan {
  const { settings, ledger, mdm, serialKey } = input;
  const keyOf = (v: { serialNumber: string | null; uuid: string | null }): string | null =>
    settings.matchKey === 'serial' ? serialKey(v.serialNumber) : normalizeUuid(v.uuid);

  const listed = new Set(mdm.map((d) => d.deviceId));
  const pinned = new Map<string, LedgerDeviceView>();
  const candidatesByKey = new Map<string, LedgerDeviceView[]>();
  // Ledger devices pinned to an MDM device the MDM no longer lists, by their key value: the
  // records a re-enrolled device takes over.
  const orphansByKey = new Map<string, LedgerDeviceView[]>();
  const takenAssetNumbers = new Map<string, string>(); // asset number → holder description
  for (const d of ledger) {
    takenAssetNumbers.set(d.assetNumber, d.assetNumber);
    if (d.mdm && d.mdm.provider === settings.provider) {
      pinned.set(d.mdm.deviceId, d);
      const key = listed.has(d.mdm.deviceId) ? null : keyOf(d);
      if (key) push(orphansByKey, key, d);
    } else if (!d.mdm) {
      const key = keyOf(d);
      if (key) push(candidatesByKey, key, d);
    }
  }
  for (const list of candidatesByKey.values())
    list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const list of orphansByKey.values()) list.sort(mostRecentlySeenFirst);

  // Key values that an MDM device already pinned in the ledger carries: a new MDM device with
  // the same value is a later duplicate, imported new, never linked to a flagged ledger twin
  // (or, when it looks like a re-enrolment of that device, held back).
  const keysInUse = new Map<string, string[]>(); // key → asset numbers linked by it
  const holders = new Map<string, KeyHolder>(); // key → the first MDM device that holds it
  for (const device of mdm) {
    const holder = pinned.get(device.deviceId);
    const key = holder ? keyOf(device) : null;
    if (!holder || !key) continue;
    push(keysInUse, key, holder.assetNumber);
    if (!holders.has(key)) holders.set(key, { mdm: device, ledger: holder });
  }

  const updates: DeviceUpdate[] = [];
  const creates: DeviceCreate[] = [];
  const relinks: Relink[] = [];
  const reenrolments: ReenrolmentFinding[] = [];
  const relinked = new Set<string>(); // ledger ids
  const seen = new Set<string>();
  const mdmByKey = new Map<string, MdmDevice[]>();
  let unchanged = 0;
  let userChanges = 0;

  for (const device of mdm) {
    if (seen.has(device.deviceId)) continue; // an MDM that repeats a record across pages
    seen.add(device.deviceId);
    const key = keyOf(device);

    let target = pinned.get(device.deviceId);
    const firstLink = !target;
    let relinkedFrom: string | null = null;
    if (!target && key && !keysInUse.has(key)) {
      const orphan = orphansByKey.get(key)?.find((o) => !relinked.has(o.id));
      if (orphan) {
        target = orphan;
        relinkedFrom = orphan.mdm!.deviceId;
        relinked.add(orphan.id);
        relinks.push({
          ledgerId: orphan.id,
          assetNumber: orphan.assetNumber,
          serialNumber: orphan.serialNumber,
          oldMdmId: relinkedFrom,
          newMdmId: device.deviceId,
          deviceName: device.deviceName,
        });
      } else target = candidatesByKey.get(key)?.[0];
      if (target) {
        keysInUse.set(key, [target.assetNumber]);
        holders.set(key, { mdm: device, ledger: target });
      }
    } else if (!target && key && looksReenrolled(device, holders.get(key))) {
      const holder = holders.get(key)!;
      reenrolments.push({
        ledgerId: holder.ledger?.id ?? null,
        assetNumber: holder.ledger?.assetNumber ?? null,
        matchKey: settings.matchKey,
        keyValue: key,
        keyText: keyTextOf(settings.matchKey, device) ?? key,
        oldMdm: summary(holder.mdm),
        newMdm: summary(device),
      });
      continue; // not imported, and not an MDM-side duplicate: the finding tells the admin
    }
    if (key) push(mdmByKey, key, device);
    if (target) {
      const update = planUpdate(
        target,
        device,
        firstLink && !relinkedFrom,
        relinkedFrom,
        serialKey,
      );
      if (update.changes.length === 0 && Object.keys(update.set).length === 0) unchanged++;
      else updates.push(update);
      if (!update.firstLink && update.changes.some((c) => c.field === 'user')) userChanges++;
      continue;
    }
    const create = planCreate(device, settings, serialKey, takenAssetNumbers);
    if (create.assetNumber) takenAssetNumbers.set(create.assetNumber, create.assetNumber);
    if (key && !keysInUse.has(key)) {
      keysInUse.set(key, []);
      holders.set(key, { mdm: device, ledger: null });
    }
    creates.push(create);
  }

  const missing: MissingFinding[] = [];
  for (const [deviceId, d] of pinned) {
    if (seen.has(deviceId) || relinked.has(d.id) || d.mdm?.missingFromMdm) continue;
    missing.push({
      ledgerId: d.id,
      assetNumber: d.assetNumber,
      mdmDeviceId: deviceId,
      deviceName: d.mdm?.deviceName ?? null,
    });
  }

  const orphansLeft = new Map<string, LedgerDeviceView[]>();
  for (const [key, list] of orphansByKey) {
    const left = list.filter((o) => !relinked.has(o.id));
    if (left.length > 0) orphansLeft.set(key, left);
  }

  return {
    provider: settings.provider,
    updates,
    creates,
    unchanged,
    duplicates: findDuplicates(settings, mdmByKey, candidatesByKey, keysInUse, {
      orphans: orphansLeft,
      holders,
    }),
    missing,
    relinks,
    reenrolments,
    syncedBefore: pinned.size,
    userChanges,
  };
}

/**
 * Whether a new MDM device looks like the same physical device enrolled again while its old
 * enrolment is still listed: it was enrolled after the old one was last seen (a wiped device's
 * old enrolment never checks in again). Two devices in use that share a serial both keep
 * checking in, so the newer one is then a plain duplicate, imported new as seed 000 says.
 */
function looksReenrolled(device: MdmDevice, holder: KeyHolder | undefined): boolean {
  if (!holder || holder.mdm.deviceId === device.deviceId) return false;
  const enrolled = time(device.enrolledAt);
  const lastSeen = time(holder.mdm.lastCheckInAt);
  return enrolled !== null && lastSeen !== null && enrolled >= lastSeen;
}

function time(iso: string | null): number | null {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? null : t;
}

/**
 * Which record a re-enrolled device takes over when several were linked to devices the MDM no
 * longer lists with the same key value: the one seen most recently (its MDM device's last
 * check-in), then the oldest record, as the duplicate rules prefer.
 */
function mostRecentlySeenFirst(a: LedgerDeviceView, b: LedgerDeviceView): number {
  const ta = time(a.mdm?.lastCheckInAt ?? null) ?? -Infinity;
  const tb = time(b.mdm?.lastCheckInAt ?? null) ?? -Infinity;
  if (ta !== tb) return tb - ta;
  return a.createdAt.getTime() - b.createdAt.getTime();
}

function planUpdate(
  ledger: LedgerDeviceView,
  device: MdmDevice,
  firstLink: boolean,
  relinkedFrom: string | null,
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
  if (relinkedFrom) {
    // The re-link itself, with the old and the new MDM ids; the missing flag goes with it.
    changes.unshift({
      field: 'mdm.deviceId',
      old: relinkedFrom,
      new: device.deviceId,
      rule: 're-enrolled',
    });
    for (const h of blockDiff.history) if (h.rule === 'back-in-mdm') h.rule = 're-enrolled';
  }
  changes.push(...blockDiff.history);
  return {
    ledgerId: ledger.id,
    assetNumber: ledger.assetNumber,
    mdmDeviceId: device.deviceId,
    firstLink,
    relinkedFrom,
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

function summary(d: MdmDevice): MdmDeviceSummary {
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

/** A key value as the MDM or an admin wrote it (trimmed), for people to read; never for matching. */
function keyTextOf(
  matchKey: string,
  v: { serialNumber?: string | null; uuid?: string | null },
): string | null {
  const raw = matchKey === 'serial' ? v.serialNumber : v.uuid;
  return raw?.trim() || null;
}
