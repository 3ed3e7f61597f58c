import type { Collection } from 'mongodb';
import type { CounterDoc } from '../db/collections';
import type { StoredDevice } from './device';

/**
 * Seed 000: a device imported with a blank or conflicting asset number gets "SYS" + a sequence.
 * The sequence is one counter document incremented atomically ($inc in findOneAndUpdate), so
 * concurrent callers — several CLI runs, the bot and a sync — never get the same number and skip
 * none. Zero-padded so the numbers sort in the order they were given.
 */
export const SYS_PREFIX = 'SYS';
const COUNTER_ID = 'assetNumber.SYS';

export function formatSysNumber(seq: number): string {
  return `${SYS_PREFIX}${String(seq).padStart(6, '0')}`;
}

export class AssetNumberAllocator {
  constructor(
    private readonly counters: Collection<CounterDoc>,
    private readonly devices: Collection<StoredDevice>,
  ) {}

  /**
   * Reserves `count` numbers in one atomic step. Numbers an admin already typed in by hand
   * (e.g. imported "SYS000042") are passed over, so the result never collides with the ledger.
   */
  async allocate(count: number): Promise<string[]> {
    const result: string[] = [];
    while (result.length < count) {
      const want = count - result.length;
      const doc = await this.counters.findOneAndUpdate(
        { _id: COUNTER_ID },
        { $inc: { seq: want } },
        { upsert: true, returnDocument: 'after' },
      );
      if (!doc) throw new Error('the asset-number counter returned no document');
      const first = doc.seq - want + 1;
      const candidates = Array.from({ length: want }, (_, i) => formatSysNumber(first + i));
      const taken = new Set(
        (
          await this.devices
            .find({ assetNumber: { $in: candidates } }, { projection: { assetNumber: 1 } })
            .toArray()
        ).map((d) => d.assetNumber),
      );
      result.push(...candidates.filter((c) => !taken.has(c)));
    }
    return result;
  }

  async next(): Promise<string> {
    const [one] = await this.allocate(1);
    return one;
  }
}
