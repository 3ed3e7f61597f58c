import type { Activity, TestAdapter } from 'botbuilder';
import { VERBS } from '../../src/cards/verbs';
import { downloadsRoute } from '../../src/http/downloads';
import { createHttpServer, listen } from '../../src/http/server';
import { createLogger } from '../../src/log';
import { ADMIN, press, testBot, USER } from '../support/bot-harness';
import { rawIntuneDevice, syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

/** Card actions (Action.Execute) and commands through the real bot, the Graph simulator and the DB. */
describe('bot admin actions', () => {
  let t: TestDb;
  let h: SyncHarness;
  let adapter: TestAdapter;
  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, {
      graph: {
        devices: [
          rawIntuneDevice({ id: 'b-1', serialNumber: 'SER-1' }),
          rawIntuneDevice({ id: 'b-2' }),
        ] as never,
      },
    });
    adapter = testBot(t, h);
    await t.ledger.create({ assetNumber: 'PC-1', serialNumber: 'SER-1' }, { by: 'test' });
  });
  afterAll(async () => {
    await h.close();
    await t.close();
  });

  const act = (verb: string, data: Record<string, unknown>, from = ADMIN) =>
    press(adapter, verb, data, from);

  async function say(text: string, from = ADMIN, locale = 'en-US') {
    const replies: Partial<Activity>[] = [];
    await adapter
      .send({ type: 'message', text, locale, from: from as never })
      .assertReply((a) => void replies.push(a));
    return replies[0];
  }

  it('refuses admin actions to a non-admin and changes nothing', async () => {
    const r = await act(
      VERBS.linkConfirm,
      { provider: 'intune', matchKey: 'serial', assetNumberRule: 'uuid' },
      USER,
    );
    expect(r.text).toMatch(/Only admins can do this/);
    expect(await h.sync.master()).toBeNull();
    expect((await say('link', USER)).text).toMatch(/Only admins/);
  });

  it('refuses a forged or stale payload and changes nothing', async () => {
    const r = await act(VERBS.linkConfirm, {
      provider: 'evil',
      matchKey: 'serial',
      assetNumberRule: 'uuid',
    });
    expect(r.text).toMatch(/invalid or out of date/);
    const page = await act(VERBS.devicesPage, { filter: { source: 'nope' }, page: 1 });
    expect(page.text).toMatch(/invalid or out of date/);
    expect(await h.sync.master()).toBeNull();
  });

  it('walks the link wizard: provider → settings → dry-run preview → confirm', async () => {
    const step1 = await act(VERBS.linkStart, {});
    expect(step1.type).toBe('application/vnd.microsoft.card.adaptive');
    const step2 = await act(VERBS.linkChooseProvider, { provider: 'intune' });
    expect(step2.text).toMatch(/Intune/);
    const preview = await act(VERBS.linkPreview, {
      provider: 'intune',
      matchKey: 'serial',
      assetNumberRule: 'uuid',
    });
    expect(preview.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await t.c.integrations.countDocuments()).toBe(0); // a preview writes nothing
    const done = await act(VERBS.linkConfirm, {
      provider: 'intune',
      matchKey: 'serial',
      assetNumberRule: 'uuid',
    });
    expect(done.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(await h.sync.master()).toMatchObject({
      provider: 'intune',
      matchKey: 'serial',
      by: 'teams:aad-admin',
    });
    expect((await t.ledger.find('PC-1')).source).toBe('intune');
    expect(await t.c.devices.countDocuments()).toBe(2);
  });

  it('shows status and the device list to anyone', async () => {
    const status = await say('status', USER);
    expect(JSON.stringify(status.attachments)).toMatch(/Intune/);
    const list = await say('デバイス一覧', USER, 'ja-JP');
    expect(JSON.stringify(list.attachments)).toMatch(/PC-1/);
    const page2 = await act(VERBS.devicesPage, { filter: { source: 'intune' }, page: 1 }, USER);
    expect(page2.text).toMatch(/PC-1/);
  });

  it('unlink: a stale confirm is refused; a confirm for the linked MDM unlinks', async () => {
    const stale = await act(VERBS.unlinkConfirm, { provider: 'jamf' });
    expect(stale.text).toMatch(/Not unlinked/);
    expect(await h.sync.master()).not.toBeNull();
    const done = await act(VERBS.unlinkConfirm, { provider: 'intune' });
    expect(done.text).toMatch(/Unlinked Microsoft Intune: 2 devices stay/);
    expect((await t.ledger.find('PC-1')).source).toBe('ledger');
  });

  it('marks a conversation as the alert channel', async () => {
    const r = await say('alerts here');
    expect(r.text).toMatch(/Alerts will be sent to this conversation/);
    expect(await t.c.conversations.countDocuments({ alertChannel: true })).toBe(1);
  });

  it('deletes from the device card only for admins and only what the ledger lets go', async () => {
    await t.ledger.create({ assetNumber: 'DEL-1' }, { by: 'test' });
    expect(await act(VERBS.deviceDelete, { assetNumber: 'DEL-1' }, USER)).toMatchObject({
      text: expect.stringMatching(/Only admins/),
    });
    expect((await act(VERBS.deviceDelete, { assetNumber: 'DEL-1' })).text).toMatch(
      /Deleted device "DEL-1"/,
    );
    await t.c.devices.updateOne(
      { assetNumber: 'PC-1' },
      {
        $set: {
          source: 'jamf',
          mdm: {
            provider: 'jamf',
            deviceId: 'computer:9',
            deviceName: null,
            enrolledAt: null,
            lastCheckInAt: null,
            primaryUser: null,
            diskCapacityGb: null,
            registrationState: null,
          },
        },
      },
    );
    expect((await act(VERBS.deviceDelete, { assetNumber: 'PC-1' })).text).toMatch(
      /synced with Jamf Pro and cannot be deleted/,
    );
    expect(await t.c.devices.countDocuments({ assetNumber: 'PC-1' })).toBe(1);
    const history = await act(VERBS.deviceHistory, { assetNumber: 'PC-1' }, USER);
    expect(history.type).toBe('application/vnd.microsoft.card.adaptive');
  });

  it('offers the filtered device list as a CSV download that expires, to anyone who may look', async () => {
    const reply = await act(VERBS.downloadCsv, { filter: { source: 'ledger' } }, USER);
    const url = /(http:\/\/\S+\/downloads\/[0-9a-f]{64})/.exec(reply.text)?.[1];
    expect(url).toBeDefined();
    const server = createHttpServer(
      { '/downloads/': downloadsRoute(h.services.downloads) },
      createLogger('silent'),
    );
    const port = await listen(server, 0);
    try {
      const local = url!.replace(/^http:\/\/[^/]+/, `http://127.0.0.1:${port}`);
      const res = await fetch(local);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="devices.csv"/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, for Excel
      const text = bytes.subarray(3).toString('utf8');
      expect(text.startsWith('assetNumber,')).toBe(true);
      expect(text).not.toMatch(/^DEL-1,/m);
      expect((await fetch(local.replace(/[0-9a-f]{64}$/, 'f'.repeat(64)))).status).toBe(404);
      await t.c.downloads.updateMany({}, { $set: { expiresAt: new Date(0) } });
      expect((await fetch(local)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
