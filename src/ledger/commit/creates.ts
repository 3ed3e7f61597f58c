import { MongoBulkWriteError, ObjectId, type AnyBulkWriteOperation } from 'mongodb';
import type { SyncJournalEntry } from '../../db/collections';
import { writeErrorsOf } from '../../errors';
import type { DeviceCreate } from '../../sync/reconcile-types';
import type { ConflictFinding } from '../alert-seam';
import type { MdmProvider, StoredDevice } from '../device';
import type { LedgerStore } from '../ledger-store';
import { reserveSysNumbers } from '../sys-reservations';
import {
  conflictOf,
  createEntry,
  newDeviceDoc,
  reservationKey,
  type CommitRun,
  type SerialKey,
} from './entries';
import type { CommitJournal } from './journal';

/** One batch of creates, prepared: the _ids are chosen here so the journal names them first. */
export class CreateBatch {
  readonly ids: ObjectId[];
  readonly numbers: string[];
  readonly conflicts: (ConflictFinding | null)[];
  readonly entries: SyncJournalEntry[];
  /** Where the batch's entries start in the journal (after the updates written with them). */
  journalOffset = 0;

  constructor(
    readonly creates: DeviceCreate[],
    sys: Map<string, string>,
    private readonly provider: MdmProvider,
    private readonly run: CommitRun,
    private readonly serialKey: SerialKey,
  ) {
    this.ids = creates.map(() => new ObjectId());
    this.numbers = creates.map((cr) => cr.assetNumber ?? sys.get(reservationKey(cr))!);
    this.conflicts = creates.map((cr, j) =>
      cr.conflictWith ? conflictOf(cr, cr.conflictWith, this.numbers[j]) : null,
    );
    // Made once: the history _ids in the journal must be the ones written (a replay skips them).
    this.entries = creates.map((_, j) => this.entryOf(j));
  }

  entryOf(j: number): SyncJournalEntry {
    const { creates, ids, numbers, conflicts } = this;
    return createEntry(creates[j], ids[j], numbers[j], conflicts[j], this.provider, this.run);
  }

  /** An upsert keyed by the MDM device: a device an interrupted run created already stays. */
  upsert(j: number) {
    const cr = this.creates[j];
    return {
      filter: { 'mdm.provider': cr.mdm.provider, 'mdm.deviceId': cr.mdm.deviceId },
      update: {
        $setOnInsert: newDeviceDoc(cr, this.ids[j], this.numbers[j], this.run, this.serialKey),
      },
    };
  }
}

export interface CreatesWritten {
  /** Indexes into the batch of the devices this commit created (their records to write). */
  created: number[];
  /** Asset numbers of every device of the batch now in the ledger, by MDM device id. */
  assetNumbers: Map<string, string>;
  errors: string[];
}

/**
 * Writes a batch of creates in one bulk write. An asset number taken since the plan was made (by
 * an admin or another writer) makes its device get a SYS number instead, like any conflict.
 */
export async function writeCreates(
  store: LedgerStore,
  batch: CreateBatch,
  journal: CommitJournal,
): Promise<CreatesWritten> {
  const ops: AnyBulkWriteOperation<StoredDevice>[] = batch.creates.map((_, j) => ({
    updateOne: { ...batch.upsert(j), upsert: true },
  }));
  const failed = new Set<number>();
  let upserted: Set<number> | null = null;
  try {
    const r = await store.devices.bulkWrite(ops, { ordered: false });
    upserted = new Set(Object.keys(r.upsertedIds ?? {}).map(Number));
  } catch (e) {
    if (!(e instanceof MongoBulkWriteError)) throw e;
    for (const we of writeErrorsOf(e)) failed.add(we.index);
  }
  const errors = failed.size > 0 ? await writeFallbacks(store, batch, journal, failed) : [];
  return { ...(await whatWasWritten(store, batch, upserted)), errors };
}

async function writeFallbacks(
  store: LedgerStore,
  batch: CreateBatch,
  journal: CommitJournal,
  failed: Set<number>,
): Promise<string[]> {
  for (const j of failed) {
    // A fresh number, remembered as this device's reservation in place of the taken one.
    const key = reservationKey(batch.creates[j]);
    await store.reservations.deleteOne({ _id: key });
    const fallback = (await reserveSysNumbers(store, [key], journal.at)).get(key)!;
    batch.conflicts[j] = conflictOf(
      batch.creates[j],
      { wanted: batch.numbers[j], takenBy: batch.numbers[j] },
      fallback,
    );
    batch.numbers[j] = fallback;
    batch.entries[j] = batch.entryOf(j);
  }
  await journal.rewrite(
    new Map([...failed].map((j) => [batch.journalOffset + j, batch.entries[j]])),
  );
  const errors: string[] = [];
  for (const j of failed) {
    const { filter, update } = batch.upsert(j);
    try {
      await store.devices.updateOne(filter, update, { upsert: true });
    } catch (e) {
      errors.push(`${batch.creates[j].mdm.deviceId}: ${(e as Error).message}`);
      batch.numbers[j] = '';
    }
  }
  return errors;
}

/**
 * Which devices this commit created and the asset number each device of the batch has. When the
 * bulk write reported every device as upserted, nothing needs reading; otherwise (a device an
 * interrupted run created, a fallback) the batch's devices are read back.
 */
async function whatWasWritten(
  store: LedgerStore,
  batch: CreateBatch,
  upserted: Set<number> | null,
): Promise<Omit<CreatesWritten, 'errors'>> {
  const { creates, numbers, ids } = batch;
  if (upserted && upserted.size === creates.length) {
    return {
      created: creates.map((_, j) => j),
      assetNumbers: new Map(creates.map((cr, j) => [cr.mdm.deviceId, numbers[j]])),
    };
  }
  const stored = await store.devices
    .find(
      {
        'mdm.provider': creates[0].mdm.provider,
        'mdm.deviceId': { $in: creates.map((cr) => cr.mdm.deviceId) },
      },
      { projection: { _id: 1, assetNumber: 1, 'mdm.deviceId': 1 } },
    )
    .batchSize(creates.length)
    .toArray();
  const byDeviceId = new Map(stored.map((d) => [d.mdm!.deviceId, d]));
  const created: number[] = [];
  const assetNumbers = new Map<string, string>();
  creates.forEach((cr, j) => {
    const doc = byDeviceId.get(cr.mdm.deviceId);
    if (!doc || !numbers[j]) return;
    assetNumbers.set(cr.mdm.deviceId, doc.assetNumber);
    if (doc._id.equals(ids[j])) created.push(j); // else created by an earlier, interrupted run
  });
  return { created, assetNumbers };
}
