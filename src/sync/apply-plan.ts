import { writeErrorsOf } from '../errors';
import { MongoBulkWriteError, ObjectId, type AnyBulkWriteOperation } from 'mongodb';
import type { FieldHistoryDoc, SyncJournalEntry } from '../db/collections';
import type { Actor } from '../ledger/actor';
import type { MdmProvider, StoredDevice } from '../ledger/device';
import type { LedgerService } from '../ledger/ledger-service';
import { historyDocs } from '../ledger/ledger-service';
import { alertDocs, Alerts, type ConflictFinding } from '../alerts';
import { reserveSysNumbers } from './sys-reservations';
import { replayJournals, SyncJournal } from './sync-journal';
import type { DeviceCreate, RuleChange, SyncPlan } from './reconcile-types';

const BATCH = 500;

export interface ApplyResult {
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

/**
 * Applies a plan with idempotent, batched writes and no transaction: creates are upserts keyed by
 * the MDM device id, updates are `$set`s by _id, SYS numbers are reserved per MDM device, and the
 * side records of every batch (field and usage history, alerts) are journaled before the devices
 * are written (sync-journal.ts). A run killed anywhere and run again therefore converges to the
 * same ledger, history included. Call while holding the sync lease.
 */
export async function applyPlan(
  ledger: LedgerService,
  plan: SyncPlan,
  actor: Actor,
  now: Date,
  runId: ObjectId,
): Promise<ApplyResult> {
  const c = ledger.c;
  const result: ApplyResult = {
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
  // What runs killed before writing their side records left behind, before anything new.
  result.documentsWritten += await replayJournals(c, ledger.usage);
  const journal = new SyncJournal(c, ledger.usage, runId, now);

  const updates: { op: AnyBulkWriteOperation<StoredDevice>; entry: SyncJournalEntry }[] = [];
  for (const u of plan.updates) {
    const _id = new ObjectId(u.ledgerId);
    const user = u.changes.find((ch) => ch.field === 'user');
    updates.push({
      op: {
        updateOne: {
          filter: { _id },
          update: { $set: withDerived(ledger, { ...u.set, updatedAt: now, lastSyncRun: runId }) },
        },
      },
      entry: {
        device: _id,
        history: syncHistory(
          { _id, assetNumber: u.assetNumber },
          u.changes,
          plan.provider,
          actor,
          now,
        ),
        user: user
          ? {
              assetNumber: u.assetNumber,
              oldUser: user.old as string | null,
              newUser: user.new as string | null,
            }
          : null,
        alerts: [],
      },
    });
    if (u.firstLink) result.linked++;
    else if (u.relinkedFrom) result.relinked++;
    else result.updated++;
  }
  for (const m of plan.missing) {
    const _id = new ObjectId(m.ledgerId);
    updates.push({
      op: {
        updateOne: {
          filter: { _id },
          update: {
            $set: {
              'mdm.missingFromMdm': true,
              'mdm.missingSince': now.toISOString(),
              updatedAt: now,
              lastSyncRun: runId,
            },
          },
        },
      },
      entry: {
        device: _id,
        history: syncHistory(
          { _id, assetNumber: m.assetNumber },
          [{ field: 'mdm.missingFromMdm', old: null, new: true, rule: 'missing-from-mdm' }],
          plan.provider,
          actor,
          now,
        ),
        user: null,
        alerts: alertDocs(
          plan.provider,
          runId,
          { duplicates: [], conflicts: [], missing: [m] },
          now,
        ),
      },
    });
    result.missing++;
  }
  for (let i = 0; i < updates.length; i += BATCH) {
    const batch = updates.slice(i, i + BATCH);
    const entries = batch.map((b) => b.entry);
    const journalId = await journal.record(entries);
    const r = await c.devices.bulkWrite(
      batch.map((b) => b.op),
      { ordered: false },
    );
    result.documentsWritten += r.modifiedCount;
    result.documentsWritten += await journal.write(journalId, entries);
  }
  // Links before creates: the plan imports a later MDM twin new *because* the first one links.
  // Were the twin created first and the run killed before the link, the next run would find
  // the twin's serial in use and import the first device new too, leaving the ledger device
  // unlinked for good (drill-sync-kill showed it).
  await writeCreates(ledger, plan, actor, now, journal, result);
  await raiseReenrolments(ledger, plan, runId, now, result);
  return result;
}

/**
 * New enrolments held back while the old one is still listed: one alert each, once (its `_id`
 * is the pair of MDM ids). Written after the devices, so an old enrolment this run imported new
 * is named by the asset number it got; a killed run's next run raises it the same way.
 */
async function raiseReenrolments(
  ledger: LedgerService,
  plan: SyncPlan,
  runId: ObjectId,
  now: Date,
  result: ApplyResult,
): Promise<void> {
  const reenrolments = plan.reenrolments.map((r) => ({
    ...r,
    assetNumber: r.assetNumber ?? result.createdAssetNumbers.get(r.oldMdm.deviceId) ?? null,
  }));
  await new Alerts(ledger.c).raise(
    alertDocs(
      plan.provider,
      runId,
      { duplicates: [], conflicts: [], missing: [], reenrolments },
      now,
    ),
  );
}

async function writeCreates(
  ledger: LedgerService,
  plan: SyncPlan,
  actor: Actor,
  now: Date,
  journal: SyncJournal,
  result: ApplyResult,
): Promise<void> {
  const creates = plan.creates;
  if (creates.length === 0) return;
  const c = ledger.c;
  const sys = await reserveSysNumbers(c, creates.filter((cr) => !cr.assetNumber).map(key), now);
  for (let i = 0; i < creates.length; i += BATCH) {
    const batch = creates.slice(i, i + BATCH);
    // Each device's _id is chosen here, so the journal can name it before it exists.
    const ids = batch.map(() => new ObjectId());
    const numbers = batch.map((cr) => cr.assetNumber ?? sys.get(key(cr))!);
    const conflicts: (ConflictFinding | null)[] = batch.map((cr, j) =>
      cr.conflictWith ? conflictOf(cr, cr.conflictWith, numbers[j]) : null,
    );
    const entryOf = (j: number) =>
      createEntry(batch[j], ids[j], numbers[j], conflicts[j], plan.provider, actor, journal);
    // Made once: the history _ids in the journal must be the ones written (a replay skips them).
    const entries = batch.map((_, j) => entryOf(j));
    const journalId = await journal.record(entries);
    // An upsert keyed by the MDM device: a device an interrupted run created already stays.
    const upsert = (j: number) => ({
      filter: { 'mdm.provider': batch[j].mdm.provider, 'mdm.deviceId': batch[j].mdm.deviceId },
      update: { $setOnInsert: newDoc(ledger, batch[j], ids[j], numbers[j], now, journal.runId) },
    });
    const ops: AnyBulkWriteOperation<StoredDevice>[] = batch.map((_, j) => ({
      updateOne: { ...upsert(j), upsert: true },
    }));
    const failed = new Set<number>();
    try {
      await c.devices.bulkWrite(ops, { ordered: false });
    } catch (e) {
      if (!(e instanceof MongoBulkWriteError)) throw e;
      for (const we of writeErrorsOf(e)) failed.add(we.index);
    }
    // An asset number taken since the plan was made (by an admin or another writer): the device
    // gets a SYS number instead, like any conflict.
    if (failed.size > 0) {
      for (const j of failed) {
        // A fresh number (the atomic counter), remembered as this device's reservation.
        const fallback = await ledger.assetNumbers.next();
        const cr = batch[j];
        await c.reservations.updateOne(
          { _id: key(cr) },
          { $set: { assetNumber: fallback, at: now } },
          { upsert: true },
        );
        conflicts[j] = conflictOf(cr, { wanted: numbers[j], takenBy: numbers[j] }, fallback);
        numbers[j] = fallback;
        entries[j] = entryOf(j);
      }
      await journal.rewrite(journalId, entries);
      for (const j of failed) {
        const { filter, update } = upsert(j);
        try {
          await c.devices.updateOne(filter, update, { upsert: true });
        } catch (e) {
          result.errors.push(`${batch[j].mdm.deviceId}: ${(e as Error).message}`);
          numbers[j] = '';
        }
      }
    }
    const stored = await c.devices
      .find(
        {
          'mdm.provider': batch[0].mdm.provider,
          'mdm.deviceId': { $in: batch.map((cr) => cr.mdm.deviceId) },
        },
        { projection: { _id: 1, assetNumber: 1, 'mdm.deviceId': 1 } },
      )
      .toArray();
    const byDeviceId = new Map(stored.map((d) => [d.mdm!.deviceId, d]));
    const written: SyncJournalEntry[] = [];
    batch.forEach((cr, j) => {
      const doc = byDeviceId.get(cr.mdm.deviceId);
      if (!doc || !numbers[j]) return;
      result.createdAssetNumbers.set(cr.mdm.deviceId, doc.assetNumber);
      if (!doc._id.equals(ids[j])) return; // created by an earlier, interrupted run
      result.created++;
      result.documentsWritten++;
      if (conflicts[j]) result.conflicts.push(conflicts[j]!);
      written.push(entries[j]);
    });
    result.documentsWritten += await journal.write(journalId, written);
  }
}

/** The conflict alert's finding for a device imported under another asset number. */
function conflictOf(
  cr: DeviceCreate,
  conflict: { wanted: string; takenBy: string },
  assignedAssetNumber: string,
): ConflictFinding {
  return {
    mdmDeviceId: cr.mdm.deviceId,
    deviceName: cr.mdm.deviceName,
    wanted: conflict.wanted,
    takenBy: conflict.takenBy,
    assignedAssetNumber,
  };
}

/** What creating one device records: its fields as history, its user, its conflict alert. */
function createEntry(
  cr: DeviceCreate,
  _id: ObjectId,
  assetNumber: string,
  conflict: ConflictFinding | null,
  provider: MdmProvider,
  actor: Actor,
  journal: SyncJournal,
): SyncJournalEntry {
  const ref = { _id, assetNumber };
  const fields = { assetNumber, ...cr.device, mdm: undefined };
  const changes = Object.entries(fields)
    .filter(([f, v]) => v !== null && v !== undefined && f !== 'mdm')
    .map(([field, v]) => ({ field, old: null, new: v }));
  return {
    device: _id,
    history: withIds(historyDocs(ref, changes, 'created', actor, cr.mdm.provider, journal.at)),
    user: cr.device.user ? { assetNumber, oldUser: null, newUser: cr.device.user } : null,
    alerts: conflict
      ? alertDocs(
          provider,
          journal.runId,
          { duplicates: [], conflicts: [conflict], missing: [] },
          journal.at,
        )
      : [],
  };
}

function newDoc(
  ledger: LedgerService,
  cr: DeviceCreate,
  _id: ObjectId,
  assetNumber: string,
  now: Date,
  runId: ObjectId,
): StoredDevice & { _id: ObjectId } {
  return {
    _id,
    ...cr.device,
    assetNumber,
    serialKey: ledger.serialKey(cr.device.serialNumber),
    createdAt: now,
    updatedAt: now,
    lastSyncRun: runId,
  };
}

function withDerived(ledger: LedgerService, set: Record<string, unknown>): Record<string, unknown> {
  if ('serialNumber' in set)
    return { ...set, serialKey: ledger.serialKey(set.serialNumber as string | null) };
  return set;
}

function key(cr: DeviceCreate): string {
  return `${cr.mdm.provider}:${cr.mdm.deviceId}`;
}

function withIds(docs: FieldHistoryDoc[]): (FieldHistoryDoc & { _id: ObjectId })[] {
  return docs.map((d) => ({ _id: new ObjectId(), ...d }));
}

/** History entries for a sync's changes, each with the rule that made it and the MDM as source. */
function syncHistory(
  ref: { _id: ObjectId; assetNumber: string },
  changes: RuleChange[],
  provider: MdmProvider,
  actor: Actor,
  now: Date,
): (FieldHistoryDoc & { _id: ObjectId })[] {
  return withIds(changes.map((ch) => historyDocs(ref, [ch], ch.rule, actor, provider, now)[0]));
}
