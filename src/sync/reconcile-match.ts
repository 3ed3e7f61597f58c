import type { MdmDevice } from './mdm-device';
import { summary } from './reconcile-duplicates';
import { keyTextOf, looksReenrolled, push, type KeyOf, type LedgerIndex } from './reconcile-keys';
import { planCreate, planUpdate } from './reconcile-plan';
import type {
  DeviceCreate,
  DeviceUpdate,
  LedgerDeviceView,
  ReenrolmentFinding,
  Relink,
} from './reconcile-types';
import type { SyncSettings } from './settings';

/** What the walk over the MDM's devices builds up, device by device. */
export interface MatchState {
  updates: DeviceUpdate[];
  creates: DeviceCreate[];
  relinks: Relink[];
  reenrolments: ReenrolmentFinding[];
  /** Ledger ids of the records re-enrolled devices took over. */
  relinked: Set<string>;
  seen: Set<string>;
  mdmByKey: Map<string, MdmDevice[]>;
  unchanged: number;
  userChanges: number;
}

export function emptyMatchState(): MatchState {
  return {
    updates: [],
    creates: [],
    relinks: [],
    reenrolments: [],
    relinked: new Set(),
    seen: new Set(),
    mdmByKey: new Map(),
    unchanged: 0,
    userChanges: 0,
  };
}

export interface MatchRules {
  settings: SyncSettings;
  serialKey: (s: string | null | undefined) => string | null;
  keyOf: KeyOf;
  index: LedgerIndex;
}

/** One MDM device through rules 1–5 (see reconcile.ts): an update, a create, or a finding. */
export function matchDevice(rules: MatchRules, state: MatchState, device: MdmDevice): void {
  const { settings, serialKey, keyOf, index } = rules;
  const { keysInUse, holders } = index;
  if (state.seen.has(device.deviceId)) return; // an MDM that repeats a record across pages
  state.seen.add(device.deviceId);
  const key = keyOf(device);

  let target = index.pinned.get(device.deviceId);
  const firstLink = !target;
  let relinkedFrom: string | null = null;
  if (!target && key && !keysInUse.has(key)) {
    const orphan = index.orphansByKey.get(key)?.find((o) => !state.relinked.has(o.id));
    if (orphan) {
      target = orphan;
      relinkedFrom = relink(state, orphan, device);
    } else target = index.candidatesByKey.get(key)?.[0];
    if (target) {
      keysInUse.set(key, [target.assetNumber]);
      holders.set(key, { mdm: device, ledger: target });
    }
  } else if (!target && key && looksReenrolled(device, holders.get(key))) {
    const holder = holders.get(key)!;
    state.reenrolments.push({
      ledgerId: holder.ledger?.id ?? null,
      assetNumber: holder.ledger?.assetNumber ?? null,
      matchKey: settings.matchKey,
      keyValue: key,
      keyText: keyTextOf(settings.matchKey, device) ?? key,
      oldMdm: summary(holder.mdm),
      newMdm: summary(device),
    });
    return; // not imported, and not an MDM-side duplicate: the finding tells the admin
  }
  if (key) push(state.mdmByKey, key, device);
  if (target) {
    const link = firstLink && !relinkedFrom;
    const { update, changes } = planUpdate(target, device, link, relinkedFrom, serialKey);
    if (changes.length === 0 && Object.keys(update.set).length === 0) state.unchanged++;
    else state.updates.push(update);
    if (!update.firstLink && changes.some((c) => c.field === 'user')) state.userChanges++;
    return;
  }
  const create = planCreate(device, settings, serialKey, index.takenAssetNumbers);
  if (create.assetNumber) index.takenAssetNumbers.set(create.assetNumber, create.assetNumber);
  if (key && !keysInUse.has(key)) {
    keysInUse.set(key, []);
    holders.set(key, { mdm: device, ledger: null });
  }
  state.creates.push(create);
}

/** Rule 2: the re-enrolled device takes over the orphan; returns the MDM id it was pinned to. */
function relink(state: MatchState, orphan: LedgerDeviceView, device: MdmDevice): string {
  const relinkedFrom = orphan.mdm!.deviceId;
  state.relinked.add(orphan.id);
  state.relinks.push({
    ledgerId: orphan.id,
    assetNumber: orphan.assetNumber,
    serialNumber: orphan.serialNumber,
    oldMdmId: relinkedFrom,
    newMdmId: device.deviceId,
    deviceName: device.deviceName,
  });
  return relinkedFrom;
}
