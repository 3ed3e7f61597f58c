/**
 * The writes a sync plan turns into, counted the way src/sync/apply-plan.ts writes them:
 * device upserts and updates in bulkWrite batches of 500, one fieldHistory document per change
 * (and per non-empty field of a device created), SYS numbers reserved for devices without one.
 */
import type { SyncPlan } from '../../src/sync/reconcile-types';

export const BATCH = 500;

export interface PlanSize {
  devicesToInsert: number;
  devicesToUpdate: number;
  linked: number;
  unchanged: number;
  missing: number;
  duplicates: number;
  sysNumbersNeeded: number;
  assetNumberConflicts: number;
  fieldHistoryDocs: number;
  bulkWriteBatches: { batchSize: number; creates: number; updates: number; total: number };
}

export function planSize(plan: SyncPlan): PlanSize {
  const creates = plan.creates.length;
  const updates = plan.updates.length;
  const missing = plan.missing.length;
  let historyFromUpdates = 0;
  for (const u of plan.updates) historyFromUpdates += u.changes.length;
  let historyFromCreates = 0;
  for (const cr of plan.creates) {
    historyFromCreates++; // the asset number
    for (const [field, value] of Object.entries(cr.device))
      if (field !== 'mdm' && value !== null && value !== undefined) historyFromCreates++;
  }
  const updateOps = updates + missing;
  return {
    devicesToInsert: creates,
    devicesToUpdate: updateOps,
    linked: plan.updates.filter((u) => u.firstLink).length,
    unchanged: plan.unchanged,
    missing,
    duplicates: plan.duplicates.length,
    sysNumbersNeeded: plan.creates.filter((cr) => !cr.assetNumber).length,
    assetNumberConflicts: plan.creates.filter((cr) => cr.conflictWith).length,
    fieldHistoryDocs: historyFromUpdates + missing + historyFromCreates,
    bulkWriteBatches: {
      batchSize: BATCH,
      creates: Math.ceil(creates / BATCH),
      updates: Math.ceil(updateOps / BATCH),
      total: Math.ceil(creates / BATCH) + Math.ceil(updateOps / BATCH),
    },
  };
}
