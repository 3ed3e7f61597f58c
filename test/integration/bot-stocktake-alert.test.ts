import type { TestAdapter } from 'botbuilder';
import type { AlertDoc } from '../../src/alerts';
import { alertCardData } from '../../src/cards/alert';
import { renderCard } from '../../src/cards/render';
import { stocktakeProgressCardData } from '../../src/cards/stocktake-progress';
import { VERBS } from '../../src/cards/verbs';
import { testBot } from '../support/bot-harness';
import { directoryPerson } from '../support/people-fixtures';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';
import { executes, press } from '../support/workflow-bot';

const YAMADA = { id: '29:yamada', name: '山田 太郎', aadObjectId: 'aad-yamada' };

/**
 * The next steps of a stocktake alert (紛失, 自分のではない) through the real bot (TestAdapter,
 * teams-ai routing), the real StocktakeService, alerts and ledger on the wire-protocol database.
 */
describe('stocktake alerts: the admin acts on an answer', () => {
  let t: TestDb;
  let h: SyncHarness;
  let bot: TestAdapter;
  let stocktakeId: string;

  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t);
    bot = testBot(t, h, { stocktakes: h.services.stocktakes });
    await t.c.people.insertOne(
      directoryPerson({
        personId: 'E001',
        userPrincipalName: 'taro@example.co.jp',
        displayName: '山田 太郎',
        m365AccountId: YAMADA.aadObjectId,
      }),
    );
    await t.c.conversations.insertOne({
      _id: 'a:yamada',
      reference: { user: YAMADA, conversation: { id: 'a:yamada' } },
      kind: 'personal',
      tenantId: null,
      name: null,
      alertChannel: false,
      installedAt: new Date(),
      updatedAt: new Date(),
    });
    for (const n of [1, 2, 3, 4])
      await t.ledger.create(
        { assetNumber: `PC-00${n}`, user: '山田 太郎', status: '利用中', serialNumber: `SN-${n}` },
        { by: 'test' },
      );
    const started = await h.services.stocktakes.start({
      scope: { query: {} },
      deadline: '2099-12-31',
      by: 'test',
    });
    stocktakeId = started.stocktake._id;
    const items = await t.c.stocktakeItems.find({ stocktakeId }).toArray();
    const yamada = { by: 'teams:aad-yamada', aadObjectId: YAMADA.aadObjectId, admin: false };
    const answers: [string, Record<string, unknown>][] = [
      ['PC-001', { result: 'lost' }],
      ['PC-002', { result: 'notMine', proposedSerial: 'SN-REAL-2' }],
      ['PC-003', { result: 'lost' }],
      ['PC-004', { result: 'present', proposedSerial: 'SN-REAL-4' }],
    ];
    for (const [asset, answer] of answers) {
      const item = items.find((i) => i.assetNumber === asset)!;
      expect((await h.services.stocktakes.answer(yamada, item._id, answer)).ok).toBe(true);
    }
  });
  afterAll(async () => {
    await h.close();
    await t.close();
  });

  /** The alert card as the admins' channel gets it (Japanese). */
  async function alertCard(asset: string) {
    const alert = (await t.c.alerts.findOne({
      type: 'stocktake-answer',
      'payload.assetNumber': asset,
    })) as AlertDoc;
    return { alert, card: renderCard('alert', alertCardData(alert, 'ja')) };
  }
  const button = (card: unknown, verb: string) => executes(card).find((e) => e.verb === verb)!;
  const device = (asset: string) => t.c.devices.findOne({ assetNumber: asset });

  it('a lost device: mark it lost (history, alert resolved), or start the replacement', async () => {
    const { alert, card } = await alertCard('PC-001');
    expect(executes(card).map((e) => e.title)).toEqual([
      '紛失にする',
      '機種変更を始める',
      '利用者を変更',
      'デバイスを表示',
    ]);
    const lost = button(card, VERBS.stocktakeMarkLost);

    // A user who is not an admin changes nothing.
    const refused = await press(bot, lost.verb, lost.data, { from: YAMADA });
    expect(refused.text).toBeDefined();
    expect((await device('PC-001'))?.status).toBe('利用中');

    const replace = button(card, VERBS.deviceReplace);
    const below = await press(bot, replace.verb, replace.data);
    expect(below.text).toBe('下に表示しました。');
    expect(executes(below.posted[0]?.attachments?.[0]?.content).map((e) => e.verb)).toContain(
      VERBS.workflowStart,
    );

    const done = await press(bot, lost.verb, lost.data);
    expect(JSON.stringify(done.card)).toContain('Hanako Admin');
    expect(executes(done.card).map((e) => e.verb)).toEqual([VERBS.showDevice]);
    expect((await device('PC-001'))?.status).toBe('紛失');
    const history = await h.services.ledger.history('PC-001');
    expect(history.find((e) => e.rule === 'stocktake-alert')).toMatchObject({
      field: 'status',
      old: '利用中',
      new: '紛失',
      rule: 'stocktake-alert',
      by: 'teams:aad-admin',
    });
    expect((await t.c.alerts.findOne({ _id: alert._id }))?.status).toBe('resolved');

    // The same card pressed again (another admin's copy): said, nothing changes.
    const again = await press(bot, lost.verb, lost.data);
    expect(again.text).toBe('このアラートはすでに対応済みです。何も変更していません。');
  });

  it('not mine: the admin gives the device a new user and accepts the proposed serial', async () => {
    const { alert, card } = await alertCard('PC-002');
    expect(JSON.stringify(card)).toContain('SN-REAL-2');
    const reassign = button(card, VERBS.stocktakeReassign);
    const empty = await press(bot, reassign.verb, { ...reassign.data, newUser: '  ' });
    expect(empty.text).toBe('先に新しい利用者を入力してください。何も変更していません。');
    const moved = await press(bot, reassign.verb, { ...reassign.data, newUser: '佐藤 花子' });
    expect(executes(moved.card).map((e) => e.verb)).not.toContain(VERBS.stocktakeReassign);
    expect((await device('PC-002'))?.user).toBe('佐藤 花子');
    expect((await t.c.alerts.findOne({ _id: alert._id }))?.status).toBe('resolved');

    // Still offered on the resolved card: the serial is a separate proposal.
    const accept = button(moved.card, VERBS.stocktakeAcceptSerial);
    expect(accept.title).toBe('シリアルを承認');
    const accepted = await press(bot, accept.verb, accept.data, { locale: 'en-US' });
    expect(accepted.text).toContain('the serial number of PC-002 is now SN-REAL-2 (was SN-2');
    expect((await device('PC-002'))?.serialNumber).toBe('SN-REAL-2');
    const twice = await press(bot, accept.verb, accept.data);
    expect(twice.text).toBe('デバイス PC-002 にはシリアル番号の訂正案がありません。');
  });

  it('a device deleted meanwhile: said, the alert stays open', async () => {
    const { alert, card } = await alertCard('PC-003');
    await t.ledger.delete('PC-003', { by: 'test' });
    const lost = button(card, VERBS.stocktakeMarkLost);
    const gone = await press(bot, lost.verb, lost.data);
    expect(gone.text).toContain('PC-003');
    expect((await t.c.alerts.findOne({ _id: alert._id }))?.status).toBe('pending');
  });

  it("the progress card offers each pending serial proposal, an admin's press writes it", async () => {
    const status = await h.services.stocktakes.status(stocktakeId);
    const card = renderCard('stocktake-progress', stocktakeProgressCardData(status, 'ja'));
    expect(JSON.stringify(card)).toContain('PC-004: SN-4 → SN-REAL-4');
    const accept = executes(card).find(
      (e) => e.verb === VERBS.stocktakeAcceptSerial && e.data.assetNumber === 'PC-004',
    )!;
    expect(accept.title).toBe('シリアルを承認');
    await press(bot, accept.verb, accept.data, { from: YAMADA });
    expect((await device('PC-004'))?.serialNumber).toBe('SN-4');
    const done = await press(bot, accept.verb, accept.data);
    expect(done.text).toContain('PC-004 のシリアル番号を SN-REAL-4 にしました');
    expect((await device('PC-004'))?.serialNumber).toBe('SN-REAL-4');
    const after = await h.services.stocktakes.status(stocktakeId);
    expect(after.proposals.map((p) => p.assetNumber)).not.toContain('PC-004');
  });
});
