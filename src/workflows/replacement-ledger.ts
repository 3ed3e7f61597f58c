import type { DeviceDoc, LedgerService } from '../ledger/ledger-service';
import type { Actor } from '../ledger/actor';
import { historyDocs } from '../ledger/history';
import { FIELD_RULES } from '../ledger/field-rules';
import type {
  CompletionPlan,
  LeftToMdm,
  OldDeviceOutcome,
  PlannedFieldChange,
} from './workflow-record';

/** The field-history rule of every ledger change a replacement workflow makes. */
export const REPLACEMENT_RULE = 'replacement-workflow';

/** Fields a sync overwrites with the MDM's value on a synced device (seed 000's "MDM wins"). */
const MDM_WINS_FIELDS = new Set<string>(
  FIELD_RULES.filter((r) => r.rule === 'mdm-wins').map((r) => r.field),
);

/**
 * Whether the MDM owns `field` on this device. Same test as the ledger's delete lock: a device
 * the MDM no longer reports (missingFromMdm) is the ledger's again, which is the usual case for
 * an old device whose licence was removed from the MDM as the first step of seed 004.
 */
export function mdmOwns(device: DeviceDoc, field: string): boolean {
  const synced = (device.source !== 'ledger' || device.mdm !== null) && !device.mdm?.missingFromMdm;
  return synced && MDM_WINS_FIELDS.has(field);
}

/**
 * The ledger edits of a completion (pure): the new device gets the old device's 利用者, the old
 * device gives it up, and gets the ステータス and 廃棄日 the admin chose. A field the MDM owns is
 * not written (the next sync would overwrite it) but listed in `leftToMdm`, so the admin is told
 * to change it in the MDM; the sync then moves the usage history itself.
 */
export function planCompletion(
  oldDevice: DeviceDoc,
  newDevice: DeviceDoc,
  outcome: OldDeviceOutcome,
  at: Date,
  actor: Actor,
): CompletionPlan {
  const changes: PlannedFieldChange[] = [];
  const leftToMdm: LeftToMdm[] = [];
  const want = (device: DeviceDoc, field: PlannedFieldChange['field'], value: string | null) => {
    const current = device[field] ?? null;
    if (current === value) return;
    if (mdmOwns(device, field)) {
      const provider = device.mdm?.provider ?? device.source;
      leftToMdm.push({ assetNumber: device.assetNumber, field, provider, wanted: value });
      return;
    }
    changes.push({
      deviceId: device._id,
      assetNumber: device.assetNumber,
      field,
      old: current,
      new: value,
    });
  };
  // Without a user on the old device there is nothing to hand over; the new one keeps its own.
  if (oldDevice.user !== null) {
    want(newDevice, 'user', oldDevice.user);
    want(oldDevice, 'user', null);
  }
  want(oldDevice, 'status', outcome.status);
  if (outcome.disposalDate !== null) want(oldDevice, 'disposalDate', outcome.disposalDate);
  return { at, by: actor.by, changes, leftToMdm };
}

export interface AppliedCompletion {
  applied: PlannedFieldChange[];
  /** Changes skipped because someone else changed the field since the plan was made. */
  superseded: PlannedFieldChange[];
}

/**
 * Applies a completion plan. Every write is idempotent, so running it again after a crash at any
 * point converges on the same ledger (no transactions, DESIGN.md): the device update accepts the
 * field at its old or already-new value, history entries are upserted by device + field + rule +
 * the plan's timestamp, and usage periods are keyed by device + user + day of that timestamp.
 */
export async function applyCompletion(
  ledger: LedgerService,
  plan: CompletionPlan,
): Promise<AppliedCompletion> {
  const result: AppliedCompletion = { applied: [], superseded: [] };
  for (const change of plan.changes) {
    const set = await ledger.setFieldIfOneOf(
      change.deviceId,
      change.field,
      [change.old, change.new],
      change.new,
      plan.at,
    );
    // A newer edit (an admin, or a sync) won; overwriting it would lose that change.
    if (!set) {
      result.superseded.push(change);
      continue;
    }
    await upsertHistory(ledger, change, plan);
    if (change.field === 'user') {
      await ledger.usage.userChanged(
        { _id: change.deviceId, assetNumber: change.assetNumber },
        change.old,
        change.new,
        plan.at,
      );
    }
    result.applied.push(change);
  }
  return result;
}

async function upsertHistory(
  ledger: LedgerService,
  change: PlannedFieldChange,
  plan: CompletionPlan,
): Promise<void> {
  const [doc] = historyDocs(
    { _id: change.deviceId, assetNumber: change.assetNumber },
    [change],
    REPLACEMENT_RULE,
    { by: plan.by },
    'ledger',
    plan.at,
  );
  await ledger.recordHistoryOnce(doc);
}
