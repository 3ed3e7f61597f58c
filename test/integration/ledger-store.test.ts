import { ObjectId } from 'mongodb';
import { isDaichoError } from '../../src/errors';
import type { MessageKey } from '../../src/i18n/messages';
import { EDITABLE_FIELDS } from '../../src/ledger/device';
import { openTestDb, type TestDb } from '../support/test-db';

const admin = { by: 'test:admin' };

describe('ledger store on the real wire-protocol server', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await openTestDb();
  });
  afterEach(async () => {
    await t.close();
  });

  async function snapshot() {
    return {
      devices: await t.c.devices
        .find({}, { projection: { _id: 0 } })
        .sort({ assetNumber: 1 })
        .toArray(),
      history: await t.c.fieldHistory.countDocuments(),
      usage: await t.c.usageHistory.countDocuments(),
    };
  }

  it('creates the indexes idempotently, with the unique ones the ledger relies on', async () => {
    const { ensureIndexes } = await import('../../src/db/collections');
    await ensureIndexes(t.db);
    await ensureIndexes(t.db);
    const indexes = await t.c.devices.listIndexes().toArray();
    const byName = new Map(indexes.map((i) => [i.name, i]));
    expect(byName.get('assetNumber_unique')).toMatchObject({
      key: { assetNumber: 1 },
      unique: true,
    });
    expect(byName.get('mdmDevice_unique')).toMatchObject({
      key: { 'mdm.provider': 1, 'mdm.deviceId': 1 },
      unique: true,
    });
    for (const name of ['serialKey', 'source', 'user']) expect(byName.has(name)).toBe(true);
  });

  it('refuses a duplicate asset number with a clear error and changes nothing else', async () => {
    await t.ledger.create({ assetNumber: 'PC-0001', serialNumber: 'SN1', user: '山田太郎' }, admin);
    await t.ledger.create({ assetNumber: 'PC-0002', serialNumber: 'SN2' }, admin);
    const before = await snapshot();

    const attempt = t.ledger.create(
      { assetNumber: 'PC-0001', serialNumber: 'OTHER', user: '佐藤花子' },
      admin,
    );
    await expect(attempt).rejects.toMatchObject({
      code: 'DUPLICATE_ASSET_NUMBER',
      params: { assetNumber: 'PC-0001' },
    });

    const rename = t.ledger.edit(
      'PC-0002',
      { assetNumber: 'PC-0001', model: 'changed too' },
      admin,
    );
    await expect(rename).rejects.toMatchObject({ code: 'DUPLICATE_ASSET_NUMBER' });

    expect(await snapshot()).toEqual(before);
    // And the server itself refuses it, whoever writes.
    await expect(
      t.c.devices.insertOne({ ...before.devices[0], _id: new ObjectId() }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('allows many devices without an MDM id but only one ledger device per MDM device', async () => {
    await t.ledger.create({ assetNumber: 'A' }, admin);
    await t.ledger.create({ assetNumber: 'B' }, admin);
    const mdm = {
      provider: 'intune' as const,
      deviceId: 'd-1',
      deviceName: null,
      enrolledAt: null,
      lastCheckInAt: null,
      primaryUser: null,
      diskCapacityGb: null,
      registrationState: null,
    };
    await t.c.devices.updateOne({ assetNumber: 'A' }, { $set: { mdm, source: 'intune' } });
    await expect(
      t.c.devices.updateOne({ assetNumber: 'B' }, { $set: { mdm, source: 'intune' } }),
    ).rejects.toMatchObject({ code: 11000 });
    await t.c.devices.updateOne(
      { assetNumber: 'B' },
      { $set: { mdm: { ...mdm, provider: 'jamf' }, source: 'jamf' } },
    );
    expect(await t.c.devices.countDocuments({ mdm: { $ne: null } })).toBe(2);
  });

  it('refuses to delete a device synced with an MDM, says why and what to do, and keeps it', async () => {
    await t.ledger.create({ assetNumber: 'PC-9' }, admin);
    await t.c.devices.updateOne(
      { assetNumber: 'PC-9' },
      {
        $set: {
          source: 'intune',
          mdm: {
            provider: 'intune',
            deviceId: 'x',
            deviceName: 'LAPTOP-9',
            enrolledAt: null,
            lastCheckInAt: null,
            primaryUser: null,
            diskCapacityGb: null,
            registrationState: 'registered',
          },
        },
      },
    );
    const before = await snapshot();
    const error = await t.ledger.delete('PC-9', admin).catch((e: unknown) => e);
    expect(isDaichoError(error, 'DELETE_SYNCED_DEVICE')).toBe(true);
    const { t: say } = await import('../../src/i18n/messages');
    const e = error as { messageKey: MessageKey; params: Record<string, string> };
    expect(say('en', e.messageKey, e.params)).toMatch(
      /synced with Microsoft Intune and cannot be deleted.*unlink/i,
    );
    expect(say('ja', e.messageKey, e.params)).toContain('同期中のため削除できません');
    expect(await snapshot()).toEqual(before);
  });

  it('deletes a ledger device and keeps the whole record in the field history', async () => {
    await t.ledger.create({ assetNumber: 'PC-1', serialNumber: 'S1', user: 'u1' }, admin);
    const deleted = await t.ledger.delete('S1', admin);
    expect(deleted.assetNumber).toBe('PC-1');
    expect(await t.c.devices.countDocuments()).toBe(0);
    const tomb = await t.c.fieldHistory.findOne({ rule: 'deleted' });
    expect(tomb).toMatchObject({
      assetNumber: 'PC-1',
      field: '*',
      by: 'test:admin',
      old: { serialNumber: 'S1', user: 'u1' },
    });
    // Usage history stays, so it can still be exported and moved.
    expect(await t.c.usageHistory.countDocuments({ assetNumber: 'PC-1' })).toBe(1);
  });

  it('records every field change with old, new, source, rule, when and by whom', async () => {
    await t.ledger.create({ assetNumber: 'PC-2', os: 'Windows' }, admin);
    await t.ledger.edit(
      'PC-2',
      { os: 'Windows 11', user: '山田', status: null },
      { by: 'test:other' },
    );
    const history = await t.ledger.history('PC-2');
    expect(history.map((h) => [h.field, h.old, h.new, h.rule, h.by, h.source])).toEqual([
      ['assetNumber', null, 'PC-2', 'created', 'test:admin', 'ledger'],
      ['os', null, 'Windows', 'created', 'test:admin', 'ledger'],
      ['os', 'Windows', 'Windows 11', 'manual-edit', 'test:other', 'ledger'],
      ['user', null, '山田', 'manual-edit', 'test:other', 'ledger'],
    ]);
    expect(history.every((h) => h.at instanceof Date)).toBe(true);
  });

  it('stores empty values as null, never ""', async () => {
    await t.ledger.create({ assetNumber: 'PC-3', model: null }, admin);
    const raw = await t.db.collection('devices').findOne({ assetNumber: 'PC-3' });
    for (const f of [...EDITABLE_FIELDS.filter((x) => x !== 'assetNumber'), 'mdm']) {
      expect([f, raw?.[f]]).toEqual([f, null]);
    }
  });

  it('finds a device by asset number, serial (trimmed, case-folded) or UUID, and says when a serial is ambiguous', async () => {
    await t.ledger.create({ assetNumber: 'PC-4', serialNumber: 'AbC-1', uuid: 'uuid-4' }, admin);
    await t.ledger.create({ assetNumber: 'PC-5', serialNumber: 'dup' }, admin);
    await t.ledger.create({ assetNumber: 'PC-6', serialNumber: 'DUP ' }, admin);
    expect((await t.ledger.find('PC-4')).assetNumber).toBe('PC-4');
    expect((await t.ledger.find(' abc-1 ')).assetNumber).toBe('PC-4');
    expect((await t.ledger.find('uuid-4')).assetNumber).toBe('PC-4');
    await expect(t.ledger.find('dup')).rejects.toMatchObject({
      code: 'AMBIGUOUS',
      params: { matches: expect.stringMatching(/PC-5.*PC-6|PC-6.*PC-5/) },
    });
    await expect(t.ledger.find('nothing')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps usage history as the user changes, and imports it idempotently', async () => {
    await t.ledger.create({ assetNumber: 'PC-7', user: 'alice' }, admin);
    await t.ledger.edit('PC-7', { user: 'bob' }, admin);
    const today = new Date().toISOString().slice(0, 10);
    const doc = await t.ledger.find('PC-7');
    expect(await t.ledger.usage.export(doc._id)).toEqual([
      { assetNumber: 'PC-7', user: 'alice', from: today, to: today, note: null },
      { assetNumber: 'PC-7', user: 'bob', from: today, to: null, note: null },
    ]);

    await t.ledger.create({ assetNumber: 'PC-8' }, admin);
    const rows = [
      {
        line: 2,
        raw: {
          assetNumber: 'PC-8',
          user: 'carol',
          from: '2023/04/01',
          to: '2024-03-31',
          note: '前任',
        },
      },
      { line: 3, raw: { assetNumber: 'PC-8', user: 'dave', from: '2024-04-01', to: '' } },
    ];
    expect(await t.ledger.usage.import(rows, false)).toMatchObject({ created: 2, problems: [] });
    expect(await t.ledger.usage.import(rows, false)).toMatchObject({ created: 0, problems: [] });
    expect(await t.c.usageHistory.countDocuments({ assetNumber: 'PC-8' })).toBe(2);

    const bad = await t.ledger.usage.import(
      [...rows, { line: 4, raw: { assetNumber: 'NOPE', user: '', from: '2024-13-01' } }],
      false,
    );
    expect(bad.problems).toEqual([
      {
        line: 4,
        reasons: [
          { key: 'usage.unknownDevice', params: { assetNumber: 'NOPE' } },
          { key: 'usage.missingUser' },
          { key: 'usage.badFrom' },
        ],
      },
    ]);
    expect(await t.c.usageHistory.countDocuments({ assetNumber: 'PC-8' })).toBe(2);
  });
});
