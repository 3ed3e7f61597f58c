import type { Collection } from 'mongodb';
import type { CounterDoc } from '../db/collections';
import type { StoredDevice } from './device';

/**
 * Seed 000: a device imported with a blank or conflicting asset number gets "SYS" + a sequence.
 * The sequence is one counter document whose `seq` is the last number handed out; every caller
 * moves it forward atomically and passes over numbers an admin already typed in by hand, so two
 * callers never get the same number. Zero-padded so the numbers sort in the order they were given.
 */
export const SYS_PREFIX = 'SYS';
/** The counter document of the SYS sequence (the only place its id is written). */
export const SYS_COUNTER_ID = 'assetNumber.SYS';

export function formatSysNumber(seq: number): string {
  return `${SYS_PREFIX}${String(seq).padStart(6, '0')}`;
}

/** The sequence number of a SYS asset number; 0 for any other. */
export function sysSequence(assetNumber: string): number {
  const m = /^SYS(\d+)$/.exec(assetNumber);
  return m ? Number(m[1]) : 0;
}

/** Of `candidates`, those no device carries yet (admins type some SYS numbers in by hand). */
export async function freeOf(
  devices: Collection<StoredDevice>,
  candidates: string[],
): Promise<string[]> {
  const taken = new Set(
    (
      await devices
        .find({ assetNumber: { $in: candidates } }, { projection: { assetNumber: 1 } })
        .toArray()
    ).map((d) => d.assetNumber),
  );
  return candidates.filter((c) => !taken.has(c));
}

/** The next `count` free SYS numbers after `seq`. */
export async function freeNumbersAfter(
  devices: Collection<StoredDevice>,
  seq: number,
  count: number,
): Promise<string[]> {
  const out: string[] = [];
  let next = seq + 1;
  while (out.length < count) {
    const candidates = Array.from({ length: count - out.length }, (_, i) =>
      formatSysNumber(next + i),
    );
    next += candidates.length;
    out.push(...(await freeOf(devices, candidates)));
  }
  return out;
}

/**
 * Numbers for callers that need no kill-safety (an admin's create, a CSV import): the counter is
 * moved by `$inc` in one findOneAndUpdate, which never waits for another caller. A sync's numbers
 * go through `reserveSysNumbers` (sys-reservations.ts), which moves the same counter only past
 * numbers it has already written down, so a killed run gets the same numbers again.
 */
export class AssetNumberAllocator {
  constructor(
    private readonly counters: Collection<CounterDoc>,
    private readonly devices: Collection<StoredDevice>,
  ) {}

  /** Reserves `count` numbers in one atomic step, passing over those already in the ledger. */
  async allocate(count: number): Promise<string[]> {
    const result: string[] = [];
    while (result.length < count) {
      const want = count - result.length;
      const doc = await this.counters.findOneAndUpdate(
        { _id: SYS_COUNTER_ID },
        { $inc: { seq: want } },
        { upsert: true, returnDocument: 'after' },
      );
      if (!doc) throw new Error('the asset-number counter returned no document');
      const first = doc.seq - want + 1;
      const candidates = Array.from({ length: want }, (_, i) => formatSysNumber(first + i));
      result.push(...(await freeOf(this.devices, candidates)));
    }
    return result;
  }

  async next(): Promise<string> {
    const [one] = await this.allocate(1);
    return one;
  }

  /** The number the next SYS device would get (a dry run's preview). */
  async peekNext(): Promise<number> {
    return ((await this.counters.findOne({ _id: SYS_COUNTER_ID }))?.seq ?? 0) + 1;
  }
}
