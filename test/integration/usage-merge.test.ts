import { ObjectId } from 'mongodb';
import type { UsageDoc } from '../../src/db/collections';
import { openTestDb, type TestDb } from '../support/test-db';

/** A merge moves the twin's usage history and never leaves two open periods on the kept device. */
describe('usage history on a merge', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => {
    await t.close();
  });

  const at = new Date('2026-02-10T03:00:00Z');
  async function periods(
    deviceId: ObjectId,
    assetNumber: string,
    rows: [user: string, from: string, to: string | null][],
  ) {
    if (rows.length === 0) return;
    await t.c.usageHistory.insertMany(
      rows.map(([user, from, to]): UsageDoc => ({
        deviceId,
        assetNumber,
        user,
        from,
        to,
        note: null,
        updatedAt: at,
      })),
    );
  }
  const of = async (deviceId: ObjectId) =>
    (await t.c.usageHistory.find({ deviceId }).toArray())
      .map((u) => [u.user, u.from, u.to, u.assetNumber])
      .sort((a, b) => `${a[1]}${a[0]}`.localeCompare(`${b[1]}${b[0]}`));

  it('keeps the open period of the kept device’s 利用者 (the earliest) and closes the rest on the merge day', async () => {
    const into = { _id: new ObjectId(), assetNumber: 'KEEP-1', user: 'taro' };
    const twin = new ObjectId();
    await periods(into._id, 'KEEP-1', [['taro', '2025-01-10', null]]);
    await periods(twin, 'TWIN-1', [
      ['alice', '2023-01-01', '2023-03-31'],
      ['taro', '2023-04-01', null],
      ['hanako', '2024-06-01', null], // typed in by hand, never closed
    ]);
    expect(await t.ledger.usage.mergeInto(twin, into, at)).toEqual({ moved: 3, closed: 2 });
    expect(await of(into._id)).toEqual([
      ['alice', '2023-01-01', '2023-03-31', 'KEEP-1'],
      ['taro', '2023-04-01', null, 'KEEP-1'],
      ['hanako', '2024-06-01', '2026-02-10', 'KEEP-1'],
      ['taro', '2025-01-10', '2026-02-10', 'KEEP-1'],
    ]);
    expect(await of(twin)).toEqual([]);
  });

  it('leaves no open period when the kept device has no 利用者', async () => {
    const into = { _id: new ObjectId(), assetNumber: 'KEEP-2', user: null };
    const twin = new ObjectId();
    await periods(twin, 'TWIN-2', [['alice', '2024-01-01', null]]);
    await t.ledger.usage.mergeInto(twin, into, at);
    expect(await of(into._id)).toEqual([['alice', '2024-01-01', '2026-02-10', 'KEEP-2']]);
  });

  it('keeps the kept device’s own period where both have the same user and start, and runs again to the same result', async () => {
    const into = { _id: new ObjectId(), assetNumber: 'KEEP-3', user: 'taro' };
    const twin = new ObjectId();
    await periods(into._id, 'KEEP-3', [['taro', '2024-01-01', null]]);
    await periods(twin, 'TWIN-3', [['taro', '2024-01-01', '2024-05-01']]);
    await t.ledger.usage.mergeInto(twin, into, at);
    await t.ledger.usage.mergeInto(twin, into, at); // a retry after a crash
    expect(await of(into._id)).toEqual([['taro', '2024-01-01', null, 'KEEP-3']]);
  });
});
