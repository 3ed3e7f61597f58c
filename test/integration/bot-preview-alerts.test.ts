import { Alerts } from '../../src/alerts';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { TestAdapter } from 'botbuilder';
import { VERBS } from '../../src/cards/verbs';
import { createLogger } from '../../src/log';
import { ConversationStore } from '../../src/conversations/conversation-store';
import { startNotifier } from '../../src/notify/notifier';
import { press, testBot } from '../support/bot-harness';
import { rawIntuneDevice, syncHarness, type SyncHarness } from '../support/sync-harness';
import { startStubConnector, type StubConnector } from '../support/stub-connector';
import { openTestDb, type TestDb } from '../support/test-db';
import { actionsOf } from '../support/card-actions';

const SETTINGS = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'serial' } as const;
const LINKED = 22;
const NEW = 21;

/**
 * Issue 12: the link preview names every planned link and new device; the duplicate alert card
 * offers nothing that is always refused and names the ledger device each MDM device became; a
 * merge leaves one open usage period; serial numbers are shown as written. Through the real bot,
 * the Graph simulator, the notifier and the database.
 */
describe('link preview and duplicate alert cards an admin can act on', () => {
  let t: TestDb;
  let h: SyncHarness;
  let adapter: TestAdapter;
  let stub: StubConnector;

  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, {
      graph: {
        devices: [
          ...Array.from({ length: LINKED }, (_, i) =>
            rawIntuneDevice({ id: `f-${i}`, serialNumber: `SER-${i}`, deviceName: `DESKTOP-${i}` }),
          ),
          ...Array.from({ length: NEW }, (_, i) =>
            rawIntuneDevice({ id: `n-${i}`, serialNumber: `New-${i}`, deviceName: `NEWPC-${i}` }),
          ),
          // Two MDM records of one serial (a re-imaged PC enrolled twice).
          rawIntuneDevice({ id: 'd-1', serialNumber: 'Dup-Serial-1', deviceName: 'DUP-A' }),
          rawIntuneDevice({ id: 'd-2', serialNumber: 'Dup-Serial-1', deviceName: 'DUP-B' }),
          rawIntuneDevice({ id: 'k-1', serialNumber: 'KEY-1', deviceName: 'PC-K1' }),
        ] as never,
      },
    });
    adapter = testBot(t, h);
    stub = await startStubConnector();
    const by = { by: 'test' };
    // Serials as admins type them in a Japanese spreadsheet: full-width.
    await t.c.devices.insertMany(
      Array.from({ length: LINKED }, (_, i) => ({
        assetNumber: `PC-${String(i).padStart(4, '0')}`,
        serialNumber: `ＳＥＲ-${i}`,
        serialKey: t.ledger.serialKey(`ＳＥＲ-${i}`),
        os: null,
        manufacturer: null,
        model: null,
        deviceType: null,
        status: null,
        user: null,
        procurementDate: null,
        disposalDate: null,
        uuid: null,
        source: 'ledger' as const,
        mdm: null,
        createdAt: new Date(Date.now() - 60_000),
        updatedAt: new Date(),
      })),
    );
    await t.ledger.create({ assetNumber: 'OLD-1', serialNumber: 'Key-1' }, by);
    await new Promise((r) => setTimeout(r, 5)); // a later createdAt
    await t.ledger.create({ assetNumber: 'TWIN-1', serialNumber: 'ｋｅｙ-1', user: 'alice' }, by);
  });
  afterAll(async () => {
    await stub?.close();
    await h?.close();
    await t?.close();
  });

  it('the dry-run preview names each planned link and new device: 20 on the card, all in the CSV', async () => {
    const preview = await press(adapter, VERBS.linkPreview, SETTINGS, undefined, 'ja-JP');
    const card = preview.text;
    expect(await t.c.integrations.countDocuments()).toBe(0); // a preview links nothing
    expect(card).toContain(`紐づける台帳のデバイス (${LINKED + 1} 台)`);
    expect(card).toContain('PC-0000 ↔ DESKTOP-0 / ＳＥＲ-0'); // the admin's serial, not "ser-0"
    expect(card.match(/ ↔ /g)).toHaveLength(20);
    expect(card).toContain(`新しいデバイスとして取り込む MDM のデバイス (${NEW + 2} 台)`);
    expect(card).toContain('NEWPC-0 / New-0 → 資産番号 New-0');
    expect(card.match(/ → 資産番号 /g)).toHaveLength(20);
    expect(card.match(/ほか 3 台 \(すべて CSV にあります\)/g)).toHaveLength(2);
    // Duplicates, with the serial as the MDM or the admin wrote it.
    expect(card).toContain('「Dup-Serial-1」');
    expect(card).not.toMatch(/dup-serial-1|「key-1」|ser-0/);
    expect(actionsOf(JSON.parse(card)).map((a) => a.verb)).toContain(VERBS.linkPreviewCsv);

    const csv = await press(adapter, VERBS.linkPreviewCsv, SETTINGS, undefined, 'ja-JP');
    const token = /downloads\/([0-9a-f]{64})/.exec(csv.text)?.[1];
    const body = (await t.c.downloads.findOne({ _id: token! }))!.body;
    const rows = body.split('\n');
    expect(rows[0]).toBe(
      'action,assetNumber,mdmDeviceId,deviceName,serialNumber,field,old,new,rule,note',
    );
    expect(rows.filter((r) => r.startsWith('link,'))).toHaveLength(LINKED + 1);
    expect(rows.filter((r) => r.startsWith('create,'))).toHaveLength(NEW + 2);
    expect(body).toContain(`link,PC-0021,f-21,DESKTOP-21,ＳＥＲ-21`);
    expect(body).toContain(`create,New-20,n-20,NEWPC-20,New-20`);
    expect(body).toContain('serial=Dup-Serial-1');
  });

  it('the duplicate alert card offers no refusable button and names the ledger device of each MDM device', async () => {
    await press(adapter, VERBS.linkConfirm, SETTINGS);
    await t.c.conversations.insertOne({
      _id: '19:it@thread.tacv2',
      reference: {
        channelId: 'msteams',
        serviceUrl: stub.url,
        conversation: { id: '19:it@thread.tacv2', tenantId: 'tenant-1' },
        bot: { id: '28:daicho', name: 'Daicho' },
      },
      kind: 'channel',
      tenantId: 'tenant-1',
      name: 'IT',
      alertChannel: true,
      locale: 'ja',
      installedAt: new Date(),
      updatedAt: new Date(),
    } as never);
    const notifier = startNotifier({
      deviceReads: h.services.deviceReads,
      conversations: new ConversationStore(t.c.conversations),
      alerts: new Alerts(t.c),
      adapter: new TeamsAdapter({}),
      botAppId: '',
      log: createLogger('silent'),
      intervalMs: 0,
    });
    try {
      await notifier.runOnce();
    } finally {
      await notifier.stop();
    }
    const cards = stub
      .delivered()
      .map((r) => r.body.attachments?.[0]?.content)
      .filter((c) => JSON.stringify(c).includes('"alertId":"duplicate:'));
    expect(cards).toHaveLength(2);
    const mdmSide = cards.find((c) => JSON.stringify(c).includes('DUP-B'));
    const text = JSON.stringify(mdmSide);
    const dupB = (await t.c.devices.findOne({ 'mdm.deviceId': 'd-2' }))!.assetNumber;
    expect(dupB).toMatch(/^SYS\d{6}$/); // its serial was taken by DUP-A as asset number
    // A fact row: the label in the left column, its value in the right one.
    const fact = (title: string, value: string) =>
      `"text":"${title}","weight":"Bolder","wrap":true}]},{"type":"Column","width":3,"items":[{"type":"TextBlock","text":"${value}"`;
    expect(text).toContain(fact('台帳の資産番号', 'Dup-Serial-1'));
    expect(text).toContain(fact('台帳の資産番号', dupB));
    expect(text).toContain(`(Dup-Serial-1, ${dupB})`);
    expect(text).not.toContain('台帳: —');
    expect(text).toContain('「Dup-Serial-1」');
    // (The alert's id, never shown, is built from the folded key.)
    expect(JSON.stringify((mdmSide as { body: unknown }).body)).not.toContain('dup-serial-1');
    const verbs = actionsOf(mdmSide).map((a) => a.verb);
    expect(verbs).not.toContain(VERBS.alertMerge);
    expect(
      actionsOf(mdmSide)
        .filter((a) => a.verb === VERBS.showDevice)
        .map((a) => a.data?.assetNumber),
    ).toEqual(['Dup-Serial-1', dupB]);
    // Every button of it is accepted: open each device, keep as is.
    for (const a of actionsOf(mdmSide).filter((x) => x.verb === VERBS.showDevice))
      expect((await press(adapter, a.verb!, a.data!)).type).toBe(
        'application/vnd.microsoft.card.adaptive',
      );

    // The ledger twin: "keep this one" only on the synced device (keeping the twin would delete
    // the synced one, which is refused), and the serial as an admin wrote it.
    const ledgerSide = cards.find((c) => JSON.stringify(c).includes('TWIN-1'));
    const merges = actionsOf(ledgerSide).filter((a) => a.verb === VERBS.alertMerge);
    expect(merges.map((a) => a.data?.keep)).toEqual(['OLD-1']);
    expect(JSON.stringify(ledgerSide)).not.toContain('「key-1」');
  });

  it('a merge leaves the kept device with one open usage period: its current 利用者’s', async () => {
    const alert = await t.c.alerts.findOne({ type: 'duplicate', 'payload.side': 'ledger' });
    const kept = await t.ledger.find('OLD-1');
    expect(kept.user).toBe('taro.yamada@contoso.co.jp'); // the MDM's primary user (MDM wins)
    const card = await press(adapter, VERBS.alertMerge, { alertId: alert!._id, keep: 'OLD-1' });
    expect(card.text).toMatch(/Hanako Admin/);
    const periods = await t.ledger.usage.export(kept._id);
    const open = periods.filter((p) => p.to === null);
    expect(open).toEqual([expect.objectContaining({ user: 'taro.yamada@contoso.co.jp' })]);
    const today = new Date().toISOString().slice(0, 10);
    expect(periods).toContainEqual(expect.objectContaining({ user: 'alice', to: today }));
  });
});
