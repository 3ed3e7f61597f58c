import type { MdmDevice } from './mdm-device';
import type { LedgerDeviceView } from './reconcile-types';
import type { SyncSettings } from './settings';

export type KeyOf = (v: { serialNumber: string | null; uuid: string | null }) => string | null;

/** The matching key of a device: its serial key or its normalized UUID, as the settings say. */
export function keyOfFor(
  settings: SyncSettings,
  serialKey: (s: string | null | undefined) => string | null,
): KeyOf {
  return (v) =>
    settings.matchKey === 'serial' ? serialKey(v.serialNumber) : normalizeUuid(v.uuid);
}

/** The MDM device that holds a key value in this run, and its ledger device when known. */
export interface KeyHolder {
  mdm: MdmDevice;
  /** Null for a device this run imports new (its asset number is known only once written). */
  ledger: LedgerDeviceView | null;
}

/** The ledger snapshot and the MDM's list, indexed for the matching rules. */
export interface LedgerIndex {
  /** Ledger devices pinned to an MDM device of this provider, by MDM device id (rule 1). */
  pinned: Map<string, LedgerDeviceView>;
  /** Unpinned ledger devices by key value, oldest first (rule 3). */
  candidatesByKey: Map<string, LedgerDeviceView[]>;
  /**
   * Ledger devices pinned to an MDM device the MDM no longer lists, by their key value: the
   * records a re-enrolled device takes over (rule 2), most recently seen first.
   */
  orphansByKey: Map<string, LedgerDeviceView[]>;
  /** Asset number → holder description. */
  takenAssetNumbers: Map<string, string>;
  /**
   * Key values that an MDM device already pinned in the ledger carries: a new MDM device with
   * the same value is a later duplicate, imported new, never linked to a flagged ledger twin
   * (or, when it looks like a re-enrolment of that device, held back). Key → asset numbers.
   */
  keysInUse: Map<string, string[]>;
  /** Key → the first MDM device that holds it. */
  holders: Map<string, KeyHolder>;
}

export function indexLedger(
  ledger: LedgerDeviceView[],
  mdm: MdmDevice[],
  settings: SyncSettings,
  keyOf: KeyOf,
): LedgerIndex {
  const listed = new Set(mdm.map((d) => d.deviceId));
  const pinned = new Map<string, LedgerDeviceView>();
  const candidatesByKey = new Map<string, LedgerDeviceView[]>();
  const orphansByKey = new Map<string, LedgerDeviceView[]>();
  const takenAssetNumbers = new Map<string, string>();
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

  const keysInUse = new Map<string, string[]>();
  const holders = new Map<string, KeyHolder>();
  for (const device of mdm) {
    const holder = pinned.get(device.deviceId);
    const key = holder ? keyOf(device) : null;
    if (!holder || !key) continue;
    push(keysInUse, key, holder.assetNumber);
    if (!holders.has(key)) holders.set(key, { mdm: device, ledger: holder });
  }
  return { pinned, candidatesByKey, orphansByKey, takenAssetNumbers, keysInUse, holders };
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

/**
 * Whether a new MDM device looks like the same physical device enrolled again while its old
 * enrolment is still listed: it was enrolled after the old one was last seen (a wiped device's
 * old enrolment never checks in again). Two devices in use that share a serial both keep
 * checking in, so the newer one is then a plain duplicate, imported new as seed 000 says.
 */
export function looksReenrolled(device: MdmDevice, holder: KeyHolder | undefined): boolean {
  if (!holder || holder.mdm.deviceId === device.deviceId) return false;
  const enrolled = time(device.enrolledAt);
  const lastSeen = time(holder.mdm.lastCheckInAt);
  return enrolled !== null && lastSeen !== null && enrolled >= lastSeen;
}

function time(iso: string | null): number | null {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? null : t;
}

function normalizeUuid(v: string | null | undefined): string | null {
  const t = v?.trim().toLowerCase();
  return t ? t : null;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A key value as the MDM or an admin wrote it (trimmed), for people to read; never for matching. */
export function keyTextOf(
  matchKey: string,
  v: { serialNumber?: string | null; uuid?: string | null },
): string | null {
  const raw = matchKey === 'serial' ? v.serialNumber : v.uuid;
  return raw?.trim() || null;
}
