import type { AlertDoc, SyncJournalEntry } from '../../db/collections';
import type { SyncPlan } from '../../sync/reconcile-types';
import { alertDocs, type ConflictFinding } from '../alert-seam';
import type { LedgerStore } from '../ledger-store';
import type { UsageService } from '../usage-service';
import { reserveSysNumbers } from '../sys-reservations';
import { CreateBatch, writeCreates } from './creates';
import {
  missingWrite,
  reservationKey,
  updateWrite,
  type CommitRun,
  type PendingWrite,
  type SerialKey,
} from './entries';
import { CommitJournal, replayJournals } from './journal';

/**
 * Devices per batch: one journal insert, one or two device bulk writes, one history insert, one
 * usage bulk write and one alerts insert each. Big enough that a sync of 5,000 devices is one
 * batch; small enough that a batch's history (built when the batch is written) stays a few MB.
 */
const BATCH = 5000;

export interface CommitResult {
  created: number;
  linked: number;
  /** Re-enrolled devices that took over the ledger record of their old enrolment. */
  relinked: number;
  updated: number;
  missing: number;
  conflicts: ConflictFinding[];
  /** Asset numbers given to the MDM devices imported new, by MDM device id. */
  createdAssetNumbers: Map<string, string>;
  errors: string[];
  documentsWritten: number;
}

export interface CommitDeps {
  store: LedgerStore;
  usage: UsageService;
  serialKey: SerialKey;
}

/**
 * Commits a sync's plan with idempotent, batched writes and no transaction: creates are upserts
 * keyed by the MDM device id, updates are `$set`s by _id, SYS numbers are reserved per MDM device,
 * and the side records of every batch (field and usage history, alerts) are journaled before the
 * devices are written (journal.ts). A run killed anywhere and run again therefore converges to
 * the same ledger, history included. Call while holding the sync lease.
 */
export async function commitPlan(
  deps: CommitDeps,
  plan: SyncPlan,
  run: CommitRun,
): Promise<CommitResult> {
  const result = emptyResult();
  // What runs killed before writing their side records left behind, before anything new.
  result.documentsWritten += await replayJournals(deps.store, deps.usage);
  const keys = plan.creates.filter((cr) => !cr.assetNumber).map(reservationKey);
  const sys = await reserveSysNumbers(deps.store, keys, run.at);
  const journal = new CommitJournal(deps.store, deps.usage, run.runId, run.at);
  const changes = plan.updates.length + plan.missing.length;
  const total = changes + plan.creates.length;
  for (let from = 0; from < total; from += BATCH) {
    const to = Math.min(total, from + BATCH);
    const updates = updateWrites(plan, run, deps.serialKey, from, Math.min(to, changes));
    const creates = plan.creates.slice(Math.max(0, from - changes), Math.max(0, to - changes));
    const batch = new CreateBatch(creates, sys, plan.provider, run, deps.serialKey);
    batch.journalOffset = updates.length;
    await journal.record([...updates.map((w) => w.entry), ...batch.entries]);
    // Links before creates: the plan imports a later MDM twin new *because* the first one links.
    // Were the twin created first and the run killed before the link, the next run would find
    // the twin's serial in use and import the first device new too, leaving the ledger device
    // unlinked for good (drill-sync-kill showed it).
    if (updates.length > 0) {
      const r = await deps.store.devices.bulkWrite(
        updates.map((w) => w.op),
        { ordered: false },
      );
      result.documentsWritten += r.modifiedCount;
    }
    const written = await createdEntries(deps, batch, journal, result);
    const last = to === total ? findingAlerts(plan, run, result) : [];
    const entries = [...updates.map((w) => w.entry), ...written];
    result.documentsWritten += await journal.write(entries, last);
  }
  if (total === 0) await deps.store.raiseAlerts(findingAlerts(plan, run, result));
  countUpdates(plan, result);
  return result;
}

/** The writes of the updates and missing devices from `from` to `to` (one index over both). */
function updateWrites(
  plan: SyncPlan,
  run: CommitRun,
  serialKey: SerialKey,
  from: number,
  to: number,
): PendingWrite[] {
  const out: PendingWrite[] = [];
  const u = plan.updates.length;
  for (let i = from; i < to; i++) {
    out.push(
      i < u
        ? updateWrite(plan.updates[i], plan.provider, run, serialKey)
        : missingWrite(plan.missing[i - u], plan.provider, run),
    );
  }
  return out;
}

async function createdEntries(
  deps: CommitDeps,
  batch: CreateBatch,
  journal: CommitJournal,
  result: CommitResult,
): Promise<SyncJournalEntry[]> {
  if (batch.creates.length === 0) return [];
  const written = await writeCreates(deps.store, batch, journal);
  result.errors.push(...written.errors);
  for (const [id, assetNumber] of written.assetNumbers)
    result.createdAssetNumbers.set(id, assetNumber);
  result.created += written.created.length;
  result.documentsWritten += written.created.length;
  for (const j of written.created) {
    const conflict = batch.conflicts[j];
    if (conflict) result.conflicts.push(conflict);
  }
  return written.created.map((j) => batch.entries[j]);
}

/**
 * Findings that need no journal, raised with the last batch: duplicates (found again by every
 * run) and new enrolments held back while the old one is still listed (one alert each, once: its
 * `_id` is the pair of MDM ids). After the devices, so an old enrolment this run imported new is
 * named by the asset number it got; a killed run's next run raises them the same way.
 */
function findingAlerts(plan: SyncPlan, run: CommitRun, result: CommitResult): AlertDoc[] {
  const reenrolments = plan.reenrolments.map((r) => ({
    ...r,
    assetNumber: r.assetNumber ?? result.createdAssetNumbers.get(r.oldMdm.deviceId) ?? null,
  }));
  const findings = { duplicates: [], conflicts: [], missing: [], reenrolments };
  return [
    ...alertDocs(plan.provider, run.runId, findings, run.at),
    ...alertDocs(
      plan.provider,
      run.runId,
      { duplicates: plan.duplicates, conflicts: [], missing: [] },
      run.at,
    ),
  ];
}

function countUpdates(plan: SyncPlan, result: CommitResult): void {
  for (const u of plan.updates) {
    if (u.firstLink) result.linked++;
    else if (u.relinkedFrom) result.relinked++;
    else result.updated++;
  }
  result.missing = plan.missing.length;
}

function emptyResult(): CommitResult {
  return {
    created: 0,
    linked: 0,
    relinked: 0,
    updated: 0,
    missing: 0,
    conflicts: [],
    createdAssetNumbers: new Map(),
    errors: [],
    documentsWritten: 0,
  };
}
