import { DeviceReads } from '../../src/ledger/device-reads';
import { openTestDb, type TestDb } from '../support/test-db';

describe('DeviceReads: what cards, the bot and the notifier read from the ledger', () => {
  let t: TestDb;
  let reads: DeviceReads;
  beforeAll(async () => {
    t = await openTestDb();
    reads = new DeviceReads(t.c);
    const by = { by: 'test' };
    await t.ledger.create({ assetNumber: 'R-1', serialNumber: 'SER-1', user: 'a.b (Ops)' }, by);
    await t.ledger.create({ assetNumber: 'R-2', serialNumber: 'ser-1 ', user: 'AxB' }, by);
    await t.ledger.edit('R-1', { user: 'A.B (Ops) 2' }, by);
  });
  afterAll(() => t.close());

  it('finds a device by asset number and id, and says whether one exists', async () => {
    const one = await reads.byAssetNumber('R-1');
    expect(one?.serialNumber).toBe('SER-1');
    expect((await reads.byId(one!._id))?.assetNumber).toBe('R-1');
    expect(await reads.exists('R-1')).toBe(true);
    expect(await reads.exists('R-9')).toBe(false);
    expect(await reads.byAssetNumber('R-9')).toBeNull();
  });

  it('matches a user literally and case-insensitively, and a serial by its key', async () => {
    // "." and "(" are not patterns: "a.b (ops)" does not match "AxB".
    const byUser = await reads.whoseUserContains('a.b (ops)', 10);
    expect(byUser.map((d) => d.assetNumber)).toEqual(['R-1']);
    expect((await reads.withSerialKey('ser-1', 10)).map((d) => d.assetNumber).sort()).toEqual([
      'R-1',
      'R-2',
    ]);
    expect(await reads.withSerialKey('ser-1', 1)).toHaveLength(1);
  });

  it('gives the last changes newest first, at most as many as asked', async () => {
    const device = (await reads.byAssetNumber('R-1'))!;
    const all = await reads.recentHistory(device._id, 50);
    expect(all.length).toBeGreaterThan(1);
    expect(all.some((h) => h.field === 'user' && h.rule === 'manual-edit')).toBe(true);
    expect(all.map((h) => h.at.getTime())).toEqual(
      [...all.map((h) => h.at.getTime())].sort((a, b) => b - a),
    );
    expect(await reads.recentHistory(device._id, 1)).toHaveLength(1);
  });

  it('names devices by asset number or serial key, only the naming fields', async () => {
    const rows = await reads.namingOf(['R-1', 'NOPE'], ['ser-1']);
    expect(rows.map((r) => r.assetNumber).sort()).toEqual(['R-1', 'R-1', 'R-2']);
    for (const r of rows) {
      expect(r).not.toHaveProperty('_id');
      expect(r).not.toHaveProperty('user');
    }
  });

  it('reads identities for any criterion, and nothing when none is given', async () => {
    const rows = await reads.identities({
      assetNumbers: ['R-2'],
      serialKeys: [],
      mdmDevices: [{ provider: 'intune', deviceIds: ['none'] }],
    });
    expect(rows).toEqual([expect.objectContaining({ assetNumber: 'R-2', source: 'ledger' })]);
    expect(await reads.identities({ assetNumbers: [], serialKeys: [], mdmDevices: [] })).toEqual(
      [],
    );
  });
});
