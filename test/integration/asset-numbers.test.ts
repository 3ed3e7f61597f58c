import { MongoClient } from 'mongodb';
import { collections } from '../../src/db/collections';
import { AssetNumberAllocator, formatSysNumber } from '../../src/ledger/asset-numbers';
import { openTestDb, type TestDb } from '../support/test-db';

describe('SYS asset numbers from the atomic counter', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(async () => {
    await t.close();
  });

  it('gives 200 concurrent callers on 4 connections SYS000001..SYS000200, no gaps, no repeats', async () => {
    const clients = await Promise.all([1, 2, 3, 4].map(() => new MongoClient(t.uri).connect()));
    try {
      const allocators = clients.map((cl) => {
        const c = collections(cl.db(t.name));
        return new AssetNumberAllocator(c.counters, c.devices);
      });
      const numbers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => allocators[i % 4].next()),
      );
      const expected = Array.from({ length: 200 }, (_, i) => formatSysNumber(i + 1));
      expect(new Set(numbers).size).toBe(200);
      expect([...numbers].sort()).toEqual(expected);
    } finally {
      await Promise.all(clients.map((cl) => cl.close()));
    }
  });

  it('reserves blocks atomically for concurrent bulk callers', async () => {
    const blocks = await Promise.all([5, 3, 7, 1].map((n) => t.ledger.assetNumbers.allocate(n)));
    const all = blocks.flat().sort();
    expect(all).toEqual(Array.from({ length: 16 }, (_, i) => formatSysNumber(i + 1)));
    for (const block of blocks) expect(new Set(block).size).toBe(block.length);
  });

  it('passes over numbers an admin already used by hand', async () => {
    await t.ledger.create({ assetNumber: 'SYS000002' }, { by: 'test' });
    expect(await t.ledger.assetNumbers.allocate(3)).toEqual([
      'SYS000001',
      'SYS000003',
      'SYS000004',
    ]);
  });

  it('gives concurrently created devices without an asset number distinct SYS numbers', async () => {
    const created = await Promise.all(
      Array.from({ length: 30 }, () => t.ledger.create({ model: 'X' }, { by: 'test' })),
    );
    expect(new Set(created.map((d) => d.assetNumber)).size).toBe(30);
    expect(await t.c.devices.countDocuments()).toBe(30);
  });
});
