import { TeamsAdapter } from '@microsoft/teams-ai';
import type { TestAdapter } from 'botbuilder';
import { stocktakeCards, type StocktakeCards } from '../../src/bot/stocktake-cards';
import { VERBS } from '../../src/cards/verbs';
import { createLogger } from '../../src/log';
import { RateLimiter } from '../../src/notify/rate-limit';
import { Sender } from '../../src/notify/sender';
import { testBot } from '../support/bot-harness';
import {
  startStubConnector,
  type StubConnector,
  type StubRequest,
} from '../support/stub-connector';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';
import { executes, inputValue, message, press } from '../support/workflow-bot';
import { directoryPerson } from '../support/people-fixtures';

const YAMADA = { id: '29:yamada', name: '山田 太郎', aadObjectId: 'aad-yamada' };
const SATO = { id: '29:sato', name: '佐藤 花子', aadObjectId: 'aad-sato' };
const IT_CHANNEL = '19:it-team@thread.tacv2';

/** Waits (briefly) until `find` finds something among the stub's requests. */
async function until<T>(find: () => T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error('not seen in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cardOf = (r: StubRequest) => r.body.attachments?.[0]?.content;

/**
 * A stocktake through the real bot (TestAdapter, teams-ai routing), the real StocktakeService and
 * ledger on the wire-protocol database; the ask cards and the progress card's updates go through
 * the notifier's Sender and botbuilder's CloudAdapter to a stub Bot Connector.
 */
describe('stocktake (棚卸) in Teams', () => {
  let t: TestDb;
  let h: SyncHarness;
  let stub: StubConnector;
  let bot: TestAdapter;
  let cards: StocktakeCards;
  const log = createLogger('silent');

  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t);
    stub = await startStubConnector();
    cards = stocktakeCards({
      stocktakes: h.services.stocktakes,
      conversations: h.services.conversations,
      sender: new Sender({
        adapter: new TeamsAdapter({}),
        botAppId: '',
        limiter: new RateLimiter(),
        log,
        retry: { tries: 1 },
      }),
      locale: 'ja',
      log,
    });
    bot = testBot(t, h, { stocktakes: h.services.stocktakes, stocktakeCards: cards });
    bot.conversation.serviceUrl = stub.url;
    bot.conversation.channelId = 'msteams';
    bot.conversation.conversation = {
      id: IT_CHANNEL,
      isGroup: true,
      name: 'IT',
      conversationType: 'channel',
    };
    await t.c.people.insertMany([
      directoryPerson({
        personId: 'E001',
        userPrincipalName: 'taro@example.co.jp',
        displayName: '山田 太郎',
        department: '営業部',
        m365AccountId: YAMADA.aadObjectId,
      }),
      directoryPerson({
        personId: 'E002',
        userPrincipalName: 'hanako@example.co.jp',
        displayName: '佐藤 花子',
        department: '総務部',
        m365AccountId: SATO.aadObjectId,
      }),
    ]);
    const chat = (id: string, user: typeof YAMADA) => ({
      _id: id,
      reference: {
        serviceUrl: stub.url,
        channelId: 'msteams',
        user,
        bot: { id: '28:bot', name: 'Daicho' },
        conversation: { id, conversationType: 'personal' },
      },
      kind: 'personal' as const,
      tenantId: null,
      name: null,
      alertChannel: false,
      installedAt: new Date(),
      updatedAt: new Date(),
    });
    await t.c.conversations.insertMany([chat('a:yamada', YAMADA), chat('a:sato', SATO)]);
    const by = { by: 'test' };
    await t.ledger.create(
      {
        assetNumber: 'PC-001',
        user: '山田 太郎',
        status: '利用中',
        model: 'ThinkPad X1',
        serialNumber: 'SN-1',
      },
      by,
    );
    await t.ledger.create(
      {
        assetNumber: 'PC-003',
        user: '佐藤 花子',
        status: '利用中',
        model: 'MacBook Air',
        serialNumber: 'SN-3',
      },
      by,
    );
    await t.ledger.create(
      { assetNumber: 'PC-004', user: null, status: '利用中', model: 'iPad' },
      by,
    );
  });
  afterAll(async () => {
    await stub.close();
    await h.close();
    await t.close();
  });

  it('an admin starts it in Japanese, two users answer, the progress card and the ledger follow', async () => {
    expect((await message(bot, '棚卸', YAMADA)).text).toMatch(/管理者だけ/);
    const start = await message(bot, '棚卸');
    expect(JSON.stringify(start.card)).toMatch(/棚卸を始める/);
    expect(inputValue(start.card, 'deadline')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const preview = await press(bot, VERBS.stocktakePreview, {
      status: '利用中',
      source: '',
      deviceType: '',
      user: '',
      deadline: '2099-12-31',
    });
    const shown = JSON.stringify(preview.card);
    expect(shown).toMatch(/依頼する利用者","weight":"Bolder".*"2"/);
    expect(shown).toMatch(/PC-004: 利用者が空です/);
    const startButton = executes(preview.card).find((e) => e.verb === VERBS.stocktakeStart)!;
    expect(startButton.title).toBe('開始');

    const started = await press(bot, VERBS.stocktakeStart, startButton.data, {
      replyToId: 'preview-1',
    });
    expect(JSON.stringify(started.card)).toMatch(/棚卸 ST-\d{8}-1/);
    const stocktakeId = /ST-\d{8}-1/.exec(JSON.stringify(started.card))![0];

    // One ask card each, in their personal chats; then the progress card says so.
    const asks = await until(() => {
      const sent = stub.delivered().filter((r) => r.conversationId.startsWith('a:'));
      return sent.length === 2 ? sent : undefined;
    });
    expect(asks.map((r) => r.conversationId).sort()).toEqual(['a:sato', 'a:yamada']);
    await until(() =>
      stub.requests.find(
        (r) =>
          r.method === 'PUT' &&
          r.activityId === 'preview-1' &&
          /2 人に送信/.test(JSON.stringify(r.body)),
      ),
    );
    // Sent again (a restart, the schedule): nobody is asked twice.
    expect(await cards.sendAsks()).toEqual({ sent: 0, failed: 0 });
    expect(stub.delivered().filter((r) => r.conversationId.startsWith('a:'))).toHaveLength(2);
    const yamadaCard = cardOf(asks.find((r) => r.conversationId === 'a:yamada')!);
    expect(JSON.stringify(yamadaCard)).toMatch(/PC-001 · ThinkPad X1.*シリアル番号: SN-1/);
    expect(JSON.stringify(yamadaCard)).not.toMatch(/PC-003/);
    const send = executes(yamadaCard).find((e) => e.verb === VERBS.stocktakeAnswer)!;
    const [yamadaItem] = send.data.items as string[];

    // 山田: 手元にある. The card shows it recorded, the progress card counts it within 2 s.
    stub.reset();
    const pressedAt = Date.now();
    const answered = await press(
      bot,
      VERBS.stocktakeAnswer,
      { ...send.data, [`r_${yamadaItem}`]: 'present' },
      { from: YAMADA },
    );
    expect(JSON.stringify(answered.card)).toMatch(/1 件の回答を記録しました.*記録済み: 手元にある/);
    expect(inputValue(answered.card, `r_${yamadaItem}`)).toBe('present');
    await until(() =>
      stub.requests.find(
        (r) =>
          r.method === 'PUT' &&
          r.activityId === 'preview-1' &&
          /回答済み","value":"1"/.test(JSON.stringify(r.body)),
      ),
    );
    expect(Date.now() - pressedAt).toBeLessThan(2_000);

    // 山田 presses on 佐藤's card: refused, nothing recorded.
    const satoCard = cardOf(asks.find((r) => r.conversationId === 'a:sato')!);
    const satoSend = executes(satoCard).find((e) => e.verb === VERBS.stocktakeAnswer)!;
    const [satoItem] = satoSend.data.items as string[];
    const foreign = await press(
      bot,
      VERBS.stocktakeAnswer,
      { ...satoSend.data, [`r_${satoItem}`]: 'present' },
      { from: YAMADA },
    );
    expect(foreign.text).toMatch(/PC-003 の利用者はあなたではありません/);
    expect(foreign.card).toBeUndefined();

    // 佐藤: 自分のではない, with a note: recorded, the ledger and an alert say so.
    const notMine = await press(
      bot,
      VERBS.stocktakeAnswer,
      { ...satoSend.data, [`r_${satoItem}`]: 'notMine', [`n_${satoItem}`]: '隣の席の人の' },
      { from: SATO },
    );
    expect(JSON.stringify(notMine.card)).toMatch(/記録済み: 自分のではない/);
    const pc3 = await t.c.devices.findOne({ assetNumber: 'PC-003' });
    expect(pc3?.lastStocktake).toMatchObject({
      id: stocktakeId,
      result: 'notMine',
      note: '隣の席の人の',
      by: `teams:${SATO.aadObjectId}`,
    });
    expect((await t.c.devices.findOne({ assetNumber: 'PC-001' }))?.lastStocktake?.result).toBe(
      'present',
    );
    const alert = await t.c.alerts.findOne({ type: 'stocktake-answer' });
    expect(alert?.payload).toMatchObject({ assetNumber: 'PC-003', result: 'notMine' });
    const progress = await until(() =>
      stub.requests.find(
        (r) => r.method === 'PUT' && /回答済み","value":"2"/.test(JSON.stringify(r.body)),
      ),
    );
    expect(JSON.stringify(progress.body)).toMatch(/要確認","value":"1"/);
    expect(JSON.stringify(progress.body)).toMatch(
      /PC-003 \(佐藤 花子\): 自分のではない — 隣の席の人の/,
    );

    // An admin may answer for a user (the card says whose devices they are).
    const forYamada = await press(bot, VERBS.stocktakeAnswer, {
      ...send.data,
      [`r_${yamadaItem}`]: 'broken',
    });
    expect(JSON.stringify(forYamada.card)).toMatch(/山田 太郎 のデバイス.*記録済み: 故障/);

    // The report, then the close; a press after the close is refused with a sentence.
    const csv = await press(bot, VERBS.stocktakeCsv, { stocktakeId });
    const token = /downloads\/([^\s)]+)/.exec(csv.text ?? '')![1];
    const file = await h.services.downloads.live(token);
    const body = String(file?.body);
    expect(body.startsWith('\uFEFF棚卸ID,資産番号')).toBe(true);
    expect(body).toMatch(/PC-003,SN-3,MacBook Air,佐藤 花子,総務部,回答済み,自分のではない/);
    expect(body).toMatch(/PC-004,,iPad,,,依頼できない,未回答/);

    expect(
      (await press(bot, VERBS.stocktakeClose, { stocktakeId }, { from: YAMADA })).text,
    ).toMatch(/管理者だけ/);
    const closed = await press(bot, VERBS.stocktakeClose, { stocktakeId });
    expect(JSON.stringify(closed.card)).toMatch(/締めました/);
    expect(executes(closed.card).map((e) => e.verb)).toEqual([VERBS.stocktakeCsv]);
    const late = await press(
      bot,
      VERBS.stocktakeAnswer,
      { ...send.data, [`r_${yamadaItem}`]: 'lost' },
      { from: YAMADA },
    );
    expect(late.text).toMatch(/締め切られました/);
    expect((await t.c.devices.findOne({ assetNumber: 'PC-001' }))?.lastStocktake).toMatchObject({
      result: 'broken',
      by: 'teams:aad-admin',
    });
  });

  it('answers a press without a choice, or with a forged payload, with a sentence', async () => {
    const id = '0123456789abcdef01234567';
    expect(
      (
        await press(
          bot,
          VERBS.stocktakeAnswer,
          { stocktakeId: 'ST-20990101-1', items: [id] },
          { from: SATO },
        )
      ).text,
    ).toMatch(/少なくとも 1 台/);
    expect(
      (
        await press(
          bot,
          VERBS.stocktakeAnswer,
          { stocktakeId: 'ST-20990101-1', items: [id], [`r_${id}`]: 'present' },
          { from: SATO },
        )
      ).text,
    ).toMatch(/このカードは古く|最新のカード/);
    expect(
      (await press(bot, VERBS.stocktakeAnswer, { items: 'x' }, { from: SATO })).text,
    ).toBeDefined();
  });
});
