import { onlyDuplicateKeys } from '../errors';
import { MongoBulkWriteError, ObjectId } from 'mongodb';
import type { Collections, SyncJournalEntry } from '../db/collections';
import type { UsageService } from '../ledger/usage-service';
import { Alerts } from '../alerts';

/**
 * The side records of a sync's device writes — field history, usage history (利用履歴), alerts —
 * are written down (one journal document per batch) before the devices are, and written for real
 * after. A run killed in between leaves its journal; the next run, holding the lease, writes the
 * records of the devices the killed run did write (they carry its id in `lastSyncRun`) and drops
 * the others (its own plan makes those changes again). Every record has a key of its own (history
 * `_id`, alert `_id`, usage period), so writing one twice changes nothing.
 */
export class SyncJournal {
  constructor(
    private readonly c: Collections,
    private readonly usage: UsageService,
    readonly runId: ObjectId,
    readonly at: Date,
  ) {}

  /** Before a batch's device writes. Returns the journal document's id. */
  async record(entries: SyncJournalEntry[]): Promise<ObjectId> {
    const _id = new ObjectId();
    await this.c.syncJournal.insertOne({ _id, runId: this.runId, at: this.at, entries });
    return _id;
  }

  /** Before writing devices other than recorded (a fallback asset number): the batch again. */
  async rewrite(id: ObjectId, entries: SyncJournalEntry[]): Promise<void> {
    await this.c.syncJournal.replaceOne({ _id: id }, { runId: this.runId, at: this.at, entries });
  }

  /**
   * After the batch's devices are written: the side records of those written (`entries`), then
   * the journal document goes. Returns the history entries written.
   */
  async write(id: ObjectId, entries: SyncJournalEntry[]): Promise<number> {
    const written = await writeSideRecords(this.c, this.usage, entries, this.at);
    await this.c.syncJournal.deleteOne({ _id: id });
    return written;
  }
}

/**
 * The journals runs killed before finishing left behind (at most one per run: each goes once
 * its batch is done): the side records of the devices they wrote. Call only while holding the
 * sync lease (no journal is then still being written).
 */
export async function replayJournals(c: Collections, usage: UsageService): Promise<number> {
  let written = 0;
  // One at a time: a journal holds a whole batch's history.
  for await (const journal of c.syncJournal.find({}).sort({ _id: 1 }).batchSize(1)) {
    const ids = journal.entries.map((e) => e.device);
    const done = new Set(
      (
        await c.devices
          .find({ _id: { $in: ids }, lastSyncRun: journal.runId }, { projection: { _id: 1 } })
          .toArray()
      ).map((d) => d._id.toHexString()),
    );
    const applied = journal.entries.filter((e) => done.has(e.device.toHexString()));
    written += await writeSideRecords(c, usage, applied, journal.at);
    await c.syncJournal.deleteOne({ _id: journal._id });
  }
  return written;
}

async function writeSideRecords(
  c: Collections,
  usage: UsageService,
  entries: SyncJournalEntry[],
  at: Date,
): Promise<number> {
  const history = entries.flatMap((e) => e.history);
  for (let i = 0; i < history.length; i += 1000) {
    try {
      await c.fieldHistory.insertMany(history.slice(i, i + 1000), { ordered: false });
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
  await new Alerts(c).raise(entries.flatMap((e) => e.alerts));
  return history.length;
}
