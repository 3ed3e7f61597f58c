import type { Collections } from '../db/collections';
import { isDuplicateKeyError } from '../errors';
import { formatSysNumber } from '../ledger/asset-numbers';

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
  c: Collections,
  keys: string[],
  now: Date,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  if (keys.length === 0) return result;
  for (let i = 0; i < keys.length; i += 1000) {
    for (const r of await c.reservations.find({ _id: { $in: keys.slice(i, i + 1000) } }).toArray())
      result.set(r._id, r.assetNumber);
  }
  const highest = Math.max(0, ...[...result.values()].map(sysSequence));
  if (highest > 0) {
    await c.counters.updateOne({ _id: COUNTER_ID }, { $max: { seq: highest } }, { upsert: true });
  }
  const needed = keys.filter((k) => !result.has(k));
  while (needed.length > 0) {
    const seq = (await c.counters.findOne({ _id: COUNTER_ID }))?.seq ?? 0;
    const numbers = await freeNumbersAfter(c, seq, needed.length);
    const last = sysSequence(numbers[numbers.length - 1]);
    const docs = needed.map((k, i) => ({ _id: k, assetNumber: numbers[i], at: now }));
    for (let i = 0; i < docs.length; i += 1000)
      await c.reservations.insertMany(docs.slice(i, i + 1000), { ordered: false });
    const moved = await c.counters.updateOne(
      seq === 0
        ? { _id: COUNTER_ID, $or: [{ seq: 0 }, { seq: { $exists: false } }] }
        : { _id: COUNTER_ID, seq },
      { $set: { seq: last } },
    );
    if (moved.matchedCount === 0 && seq === 0 && !(await c.counters.findOne({ _id: COUNTER_ID }))) {
      // No counter yet: create it at our last number (a concurrent creator makes this fail).
      // Any other error is thrown, reservations kept: the insert may have been applied with
      // its reply lost, and withdrawing them would make the next run number past a gap.
      const created = await c.counters.insertOne({ _id: COUNTER_ID, seq: last }).then(
        () => true,
        (e: unknown) => {
          if (isDuplicateKeyError(e)) return false;
          throw e;
        },
      );
      if (created) return withAll(result, docs);
    } else if (moved.matchedCount === 1) {
      return withAll(result, docs);
    }
    await c.reservations.deleteMany({ _id: { $in: needed }, assetNumber: { $in: numbers } });
  }
  return result;
}

const COUNTER_ID = 'assetNumber.SYS';

function withAll(
  result: Map<string, string>,
  docs: { _id: string; assetNumber: string }[],
): Map<string, string> {
  for (const d of docs) result.set(d._id, d.assetNumber);
  return result;
}

function sysSequence(assetNumber: string): number {
  const m = /^SYS(\d+)$/.exec(assetNumber);
  return m ? Number(m[1]) : 0;
}

/** The next `count` SYS numbers after `seq` that no device already has (admins type some in). */
async function freeNumbersAfter(c: Collections, seq: number, count: number): Promise<string[]> {
  const out: string[] = [];
  let next = seq + 1;
  while (out.length < count) {
    const candidates = Array.from({ length: count - out.length }, (_, i) =>
      formatSysNumber(next + i),
    );
    next += candidates.length;
    const taken = new Set(
      (
        await c.devices
          .find({ assetNumber: { $in: candidates } }, { projection: { assetNumber: 1 } })
          .toArray()
      ).map((d) => d.assetNumber),
    );
    out.push(...candidates.filter((n) => !taken.has(n)));
  }
  return out;
}
