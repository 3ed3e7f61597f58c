import { TestAdapter, type Activity } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter';
import { createBot } from '../../src/bot/create-bot';
import { rolePolicy } from '../../src/bot/roles';
import { VERBS } from '../../src/bot/verbs';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { ROOT } from '../support/cli';
import { rawIntuneDevice, syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

const ADMIN = { id: 'u-admin', name: 'Hanako Admin', aadObjectId: 'aad-admin' };

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
    const config = loadConfig(
      { MONGODB_URI: t.uri, MONGODB_DB: t.name, SYNC_SCHEDULE: 'off', ADMIN_USER_IDS: 'aad-admin' },
      ROOT,
    );
    const log = createLogger('silent');
    const bot = createBot(
      {
        config,
        c: t.c,
        ledger: t.ledger,
        sync: h.sync,
        links: h.links,
        roles: rolePolicy(config.admins, false, log),
        log,
      },
      createAdapter(undefined),
    );
    adapter = new TestAdapter(async (context) => void (await bot.run(context)));
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

  async function press(verb: string, data: Record<string, unknown>) {
    let reply: Partial<Activity> | undefined;
    await adapter
      .send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        locale: 'en-US',
        from: ADMIN as never,
        value: { action: { type: 'Action.Execute', verb, data } },
      })
      .assertReply((a) => void (reply = a));
    const body = (reply?.value as { body?: { value: unknown } })?.body;
    return typeof body?.value === 'string' ? body.value : JSON.stringify(body?.value);
  }

  it('merge: the ledger twin goes into the linked device with its usage history, and the card says who', async () => {
    const alert = await t.c.alerts.findOne({ type: 'duplicate' });
    expect(alert?.payload).toMatchObject({ side: 'ledger', assetNumbers: ['OLD-1', 'TWIN-1'] });
    const card = await press(VERBS.alertMerge, { alertId: alert!._id, keep: 'OLD-1' });
    expect(card).toMatch(/Hanako Admin/);
    expect(card).not.toMatch(/alert\.merge/); // no more buttons
    await expect(t.ledger.find('TWIN-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const old = await t.ledger.find('OLD-1');
    expect(await t.ledger.usage.export(old._id)).toContainEqual(
      expect.objectContaining({ assetNumber: 'OLD-1', user: 'alice' }),
    );
    expect((await t.c.alerts.findOne({ _id: alert!._id }))?.status).toBe('resolved');
    // Pressing again (a stale card) changes nothing.
    expect(await press(VERBS.alertMerge, { alertId: alert!._id, keep: 'OLD-1' })).toMatch(
      /invalid or out of date/,
    );
  });

  it('rename: the SYS device of an asset-number conflict gets the number the admin types', async () => {
    const alert = await t.c.alerts.findOne({ type: 'asset-number-conflict' });
    expect(alert?.payload).toMatchObject({ wanted: 'TAKEN', assignedAssetNumber: 'SYS000001' });
    expect(
      await press(VERBS.alertRename, {
        alertId: alert!._id,
        assetNumber: 'SYS000001',
        newAssetNumber: 'TAKEN',
      }),
    ).toMatch(/already in use/);
    const card = await press(VERBS.alertRename, {
      alertId: alert!._id,
      assetNumber: 'SYS000001',
      newAssetNumber: ' PC-RENAMED ',
    });
    expect(card).toMatch(/Hanako Admin/);
    expect((await t.ledger.find('PC-RENAMED')).mdm?.deviceId).toBe('k-2');
  });
});
