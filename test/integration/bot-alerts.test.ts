import type { TestAdapter } from 'botbuilder';
import { VERBS } from '../../src/cards/verbs';
import { press, testBot } from '../support/bot-harness';
import { rawIntuneDevice, syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

describe('alert card actions after a real sync', () => {
  let t: TestDb;
  let h: SyncHarness;
  let adapter: TestAdapter;
  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, {
      graph: {
        devices: [
          rawIntuneDevice({ id: 'k-1', serialNumber: 'KEY-1' }),
          rawIntuneDevice({ id: 'k-2', serialNumber: 'S-2', deviceName: 'TAKEN' }),
        ] as never,
      },
    });
    adapter = testBot(t, h);
    const by = { by: 'test' };
    await t.ledger.create({ assetNumber: 'OLD-1', serialNumber: 'KEY-1' }, by);
    await new Promise((r) => setTimeout(r, 5)); // a later createdAt
    await t.ledger.create({ assetNumber: 'TWIN-1', serialNumber: 'key-1', user: 'alice' }, by);
    await t.ledger.create({ assetNumber: 'TAKEN', serialNumber: 'OTHER' }, by);
    await h.links.link(
      { provider: 'intune', matchKey: 'serial', assetNumberRule: 'deviceName' },
      { dryRun: false, actor: by },
    );
  });
  afterAll(async () => {
    await h.close();
    await t.close();
  });

  const act = async (verb: string, data: Record<string, unknown>) =>
    (await press(adapter, verb, data)).text;

  it('merge: the ledger twin goes into the linked device with its usage history, and the card says who', async () => {
    const alert = await t.c.alerts.findOne({ type: 'duplicate' });
    expect(alert?.payload).toMatchObject({ side: 'ledger', assetNumbers: ['OLD-1', 'TWIN-1'] });
    const card = await act(VERBS.alertMerge, { alertId: alert!._id, keep: 'OLD-1' });
    expect(card).toMatch(/Hanako Admin/);
    expect(card).not.toMatch(/alert\.merge/); // no more buttons
    await expect(t.ledger.find('TWIN-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const old = await t.ledger.find('OLD-1');
    expect(await t.ledger.usage.export(old._id)).toContainEqual(
      expect.objectContaining({ assetNumber: 'OLD-1', user: 'alice' }),
    );
    expect((await t.c.alerts.findOne({ _id: alert!._id }))?.status).toBe('resolved');
    // The kept device's card shows seed 000's MDM-only fields, the MDM UUID among them.
    const deviceCard = await act(VERBS.showDevice, { assetNumber: 'OLD-1' });
    expect(deviceCard).toMatch(/"UUID \(MDM\)"/);
    expect(deviceCard).toMatch(/k-1/);
    // Pressing again (a stale card) changes nothing.
    expect(await act(VERBS.alertMerge, { alertId: alert!._id, keep: 'OLD-1' })).toMatch(
      /invalid or out of date/,
    );
  });

  it('rename: the SYS device of an asset-number conflict gets the number the admin types', async () => {
    const alert = await t.c.alerts.findOne({ type: 'asset-number-conflict' });
    expect(alert?.payload).toMatchObject({ wanted: 'TAKEN', assignedAssetNumber: 'SYS000001' });
    expect(
      await act(VERBS.alertRename, {
        alertId: alert!._id,
        assetNumber: 'SYS000001',
        newAssetNumber: 'TAKEN',
      }),
    ).toMatch(/already in use/);
    const card = await act(VERBS.alertRename, {
      alertId: alert!._id,
      assetNumber: 'SYS000001',
      newAssetNumber: ' PC-RENAMED ',
    });
    expect(card).toMatch(/Hanako Admin/);
    expect((await t.ledger.find('PC-RENAMED')).mdm?.deviceId).toBe('k-2');
  });
});
