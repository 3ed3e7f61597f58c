import { MongoBulkWriteError, ObjectId } from 'mongodb';
import type { AlertDoc, SyncJournalEntry } from '../../db/collections';
import { onlyDuplicateKeys } from '../../errors';
import type { LedgerStore } from '../ledger-store';
import type { UsageService } from '../usage-service';

/** Entries per journal document: a create's history is ~15 entries, so ~3 MB, well under 16 MB. */
const ENTRIES_PER_DOCUMENT = 1000;

/**
 * The side records of a commit's device writes — field history, usage history (利用履歴), alerts —
 * are written down (in journal documents of at most ENTRIES_PER_DOCUMENT devices, all inserted in
 * one command) before the devices are, and written for real after. A run killed in between leaves
 * its journal; the next run, holding the lease, writes the records of the devices the killed run
 * did write (they carry its id in `lastSyncRun`) and drops the others (its own plan makes those
 * changes again). Every record has a key of its own (history `_id`, alert `_id`, usage period), so
 * writing one twice changes nothing.
 */
export class CommitJournal {
  private ids: ObjectId[] = [];
  private entries: SyncJournalEntry[] = [];

  constructor(
    private readonly store: LedgerStore,
    private readonly usage: UsageService,
    readonly runId: ObjectId,
    readonly at: Date,
  ) {}

  /** Before a batch's device writes. */
  async record(entries: SyncJournalEntry[]): Promise<void> {
    this.entries = entries;
    const docs = chunks(entries).map((part) => ({
      _id: new ObjectId(),
      runId: this.runId,
      at: this.at,
      entries: part,
    }));
    this.ids = docs.map((d) => d._id);
    if (docs.length > 0) await this.store.syncJournal.insertMany(docs, { ordered: false });
  }

  /**
   * Before writing devices other than recorded (a fallback asset number): the recorded entries
   * at those indexes are replaced, and the journal documents holding them written again.
   */
  async rewrite(replaced: Map<number, SyncJournalEntry>): Promise<void> {
    for (const [i, entry] of replaced) this.entries[i] = entry;
    const parts = chunks(this.entries);
    const touched = new Set([...replaced.keys()].map((i) => Math.floor(i / ENTRIES_PER_DOCUMENT)));
    for (const p of touched) {
      await this.store.syncJournal.replaceOne(
        { _id: this.ids[p] },
        { runId: this.runId, at: this.at, entries: parts[p] },
      );
    }
  }

  /**
   * After the batch's devices are written: the side records of those written (`entries`) and the
   * alerts that need no journal (raised again by any later run), then the journal goes. Returns
   * the history entries written.
   */
  async write(entries: SyncJournalEntry[], alerts: AlertDoc[] = []): Promise<number> {
    const written = await writeSideRecords(this.store, this.usage, entries, this.at, alerts);
    if (this.ids.length > 0) await this.store.syncJournal.deleteMany({ _id: { $in: this.ids } });
    this.ids = [];
    this.entries = [];
    return written;
  }
}

/**
 * The journals runs killed before finishing left behind: the side records of the devices they
 * wrote. Call only while holding the sync lease (no journal is then still being written).
 */
export async function replayJournals(store: LedgerStore, usage: UsageService): Promise<number> {
  let written = 0;
  // One at a time: a journal document holds a thousand devices' history.
  for await (const journal of store.syncJournal.find({}).sort({ _id: 1 }).batchSize(1)) {
    const ids = journal.entries.map((e) => e.device);
    const done = new Set(
      (
        await store.devices
          .find({ _id: { $in: ids }, lastSyncRun: journal.runId }, { projection: { _id: 1 } })
          .batchSize(ids.length)
          .toArray()
      ).map((d) => d._id.toHexString()),
    );
    const applied = journal.entries.filter((e) => done.has(e.device.toHexString()));
    written += await writeSideRecords(store, usage, applied, journal.at, []);
    await store.syncJournal.deleteOne({ _id: journal._id });
  }
  return written;
}

/** History in one insertMany (the driver splits it by the server's batch and message limits). */
async function writeSideRecords(
  store: LedgerStore,
  usage: UsageService,
  entries: SyncJournalEntry[],
  at: Date,
  alerts: AlertDoc[],
): Promise<number> {
  const history = entries.flatMap((e) => e.history);
  if (history.length > 0) {
    try {
      await store.fieldHistory.insertMany(history, { ordered: false });
    } catch (e) {
      // Entries a killed run had already written: the same _id, nothing to add.
      if (!(e instanceof MongoBulkWriteError) || !onlyDuplicateKeys(e)) throw e;
    }
  }
  await usage.usersChanged(
    entries.flatMap((e) =>
      e.user
        ? [
            {
              device: { _id: e.device, assetNumber: e.user.assetNumber },
              oldUser: e.user.oldUser,
              newUser: e.user.newUser,
            },
          ]
        : [],
    ),
    at,
  );
  await store.raiseAlerts([...entries.flatMap((e) => e.alerts), ...alerts]);
  return history.length;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += ENTRIES_PER_DOCUMENT)
    out.push(items.slice(i, i + ENTRIES_PER_DOCUMENT));
  return out;
}
