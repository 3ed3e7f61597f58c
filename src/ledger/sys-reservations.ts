import { isDuplicateKeyError } from '../errors';
import { freeNumbersAfter, SYS_COUNTER_ID, sysSequence } from './asset-numbers';
import type { LedgerStore } from './ledger-store';

type ReservationStore = Pick<LedgerStore, 'counters' | 'devices' | 'reservations'>;

/**
 * SYS numbers for MDM devices imported new, reserved per device so that a run killed at any
 * point and run again gives every device the very number an uninterrupted run would have:
 *
 * 1. Devices that already hold a reservation keep it; the counter is raised ($max, idempotent)
 *    to cover it, in case the run that made it died before moving the counter.
 * 2. The others get the next numbers: reservations are written first, then the counter is moved
 *    with a compare-and-set. If someone else moved it meanwhile, our reservations are withdrawn
 *    and the step is redone, so no number is ever given twice.
 */
export async function reserveSysNumbers(
  store: ReservationStore,
  keys: string[],
  now: Date,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (keys.length === 0) return result;
  const held = store.reservations.find({ _id: { $in: keys } }).batchSize(keys.length);
  for (const r of await held.toArray()) result.set(r._id, r.assetNumber);
  const highest = Math.max(0, ...[...result.values()].map(sysSequence));
  if (highest > 0) {
    await store.counters.updateOne(
      { _id: SYS_COUNTER_ID },
      { $max: { seq: highest } },
      { upsert: true },
    );
  }
  const needed = keys.filter((k) => !result.has(k));
  while (needed.length > 0) {
    const seq = (await store.counters.findOne({ _id: SYS_COUNTER_ID }))?.seq ?? 0;
    const numbers = await freeNumbersAfter(store.devices, seq, needed.length);
    const docs = needed.map((k, i) => ({ _id: k, assetNumber: numbers[i], at: now }));
    await store.reservations.insertMany(docs, { ordered: false });
    if (await moveCounter(store, seq, sysSequence(numbers[numbers.length - 1]))) {
      for (const d of docs) result.set(d._id, d.assetNumber);
      return result;
    }
    await store.reservations.deleteMany({ _id: { $in: needed }, assetNumber: { $in: numbers } });
  }
  return result;
}

/**
 * Compare-and-set of the counter from `seq` to `last`; false when another caller moved it first.
 * Any error but a lost race is thrown with the reservations kept: the write may have been applied
 * with its reply lost, and withdrawing them would make the next run number past a gap.
 */
async function moveCounter(store: ReservationStore, seq: number, last: number): Promise<boolean> {
  const moved = await store.counters.updateOne(
    seq === 0
      ? { _id: SYS_COUNTER_ID, $or: [{ seq: 0 }, { seq: { $exists: false } }] }
      : { _id: SYS_COUNTER_ID, seq },
    { $set: { seq: last } },
  );
  if (moved.matchedCount === 1) return true;
  if (seq !== 0) return false;
  // No counter yet: create it at our last number (a concurrent creator makes this fail).
  return store.counters.insertOne({ _id: SYS_COUNTER_ID, seq: last }).then(
    () => true,
    (e: unknown) => {
      if (isDuplicateKeyError(e)) return false;
      throw e;
    },
  );
}
