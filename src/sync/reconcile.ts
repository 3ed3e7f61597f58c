import type { MdmDevice } from './mdm-device';
import { findDuplicates } from './reconcile-duplicates';
import { indexLedger, keyOfFor } from './reconcile-keys';
import { emptyMatchState, matchDevice } from './reconcile-match';
import type { LedgerDeviceView, MissingFinding, SyncPlan } from './reconcile-types';
import type { SyncSettings } from './settings';

export { assetNumberFromRule } from './reconcile-plan';

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
  const keyOf = keyOfFor(settings, serialKey);
  const index = indexLedger(ledger, mdm, settings, keyOf);
  const rules = { settings, serialKey, keyOf, index };
  const state = emptyMatchState();
  for (const device of mdm) matchDevice(rules, state, device);

  const missing: MissingFinding[] = [];
  for (const [deviceId, d] of index.pinned) {
    if (state.seen.has(deviceId) || state.relinked.has(d.id) || d.mdm?.missingFromMdm) continue;
    missing.push({
      ledgerId: d.id,
      assetNumber: d.assetNumber,
      mdmDeviceId: deviceId,
      deviceName: d.mdm?.deviceName ?? null,
    });
  }

  const orphansLeft = new Map<string, LedgerDeviceView[]>();
  for (const [key, list] of index.orphansByKey) {
    const left = list.filter((o) => !state.relinked.has(o.id));
    if (left.length > 0) orphansLeft.set(key, left);
  }

  return {
    provider: settings.provider,
    updates: state.updates,
    creates: state.creates,
    unchanged: state.unchanged,
    duplicates: findDuplicates(settings, state.mdmByKey, index.candidatesByKey, index.keysInUse, {
      orphans: orphansLeft,
      holders: index.holders,
    }),
    missing,
    relinks: state.relinks,
    reenrolments: state.reenrolments,
    syncedBefore: index.pinned.size,
    userChanges: state.userChanges,
  };
}
