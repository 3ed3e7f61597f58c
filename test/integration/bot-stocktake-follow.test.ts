import { TeamsAdapter } from '@microsoft/teams-ai';
import type { TestAdapter } from 'botbuilder';
import { stocktakeCards, type StocktakeCards } from '../../src/bot/stocktake-cards';
import {
  startStocktakeSchedule,
  stocktakeFollow,
  type StocktakeFollow,
} from '../../src/bot/stocktake-follow';
import { VERBS } from '../../src/cards/verbs';
import { t as say } from '../../src/i18n/messages';
import { parseDeviceQuery } from '../../src/ledger/device-query';
import { createLogger } from '../../src/log';
import { RateLimiter } from '../../src/notify/rate-limit';
import { Sender } from '../../src/notify/sender';
import { reachableByConversations } from '../../src/stocktake/reachability';
import { StocktakeFollowUp } from '../../src/stocktake/stocktake-follow-up';
import { StocktakeService } from '../../src/stocktake/stocktake-service';
import { StocktakeStore } from '../../src/stocktake/stocktake-store';
import { testBot } from '../support/bot-harness';
import { runCli } from '../support/cli';
import {
  startStubConnector,
  type StubConnector,
  type StubRequest,
} from '../support/stub-connector';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';
import { executes, press } from '../support/workflow-bot';
import { directoryPerson } from '../support/people-fixtures';

const YAMADA = { id: '29:yamada', name: '山田 太郎', aadObjectId: 'aad-yamada' };
const SATO = { id: '29:sato', name: '佐藤 花子', aadObjectId: 'aad-sato' };
const IT_CHANNEL = '19:it-team@thread.tacv2';

/** A moment in Japan time: "2030-01-07 10:00" (JST, +09:00). 2030-01-07 is a Monday. */
const jst = (at: string) => new Date(`${at.replace(' ', 'T')}:00+09:00`);

async function until<T>(find: () => T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error('not seen in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const text = (r: StubRequest) => JSON.stringify(r.body);

/**
 * The stocktake's follow-up through the real bot, StocktakeService and database, with a clock the
 * test moves (no sleeping for a day): reminders to those who have not answered — once a day, not
 * at night or at the weekend, not twice across a restart or two processes — and the deadline's
 * close on the admin's progress card; cards and messages go through the notifier's Sender to a
 * stub Bot Connector.
 */
describe('stocktake (棚卸) reminders and the deadline', () => {
  let t: TestDb;
  let h: SyncHarness;
  let stub: StubConnector;
  let bot: TestAdapter;
  let clock = jst('2030-01-07 10:00');
  const now = () => clock;
  let stocktakes: StocktakeService;
  let cards: StocktakeCards;
  const log = createLogger('silent');
  const sender = () =>
    new Sender({
      adapter: new TeamsAdapter({}),
      botAppId: '',
      limiter: new RateLimiter(),
      log,
      retry: { tries: 1 },
    });
  /** A server process's follow-up (a new one = the bot restarted, or a second replica). */
  const replica = (clocked = true): StocktakeFollow => {
    const service = clocked ? stocktakes : h.services.stocktakes;
    const followUp = new StocktakeFollowUp({
      store: new StocktakeStore(t.c),
      stocktakes: service,
      now: clocked ? now : undefined,
    });
    const s = sender();
    return stocktakeFollow({
      followUp,
      stocktakes: service,
      conversations: h.services.conversations,
      cards: stocktakeCards({
        stocktakes: service,
        conversations: h.services.conversations,
        sender: s,
        locale: 'ja',
        log,
      }),
      sender: s,
      locale: 'ja',
      log,
    });
  };
  const postsTo = (conversationId: string) =>
    stub.delivered().filter((r) => r.conversationId === conversationId);

  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t);
    stub = await startStubConnector();
    stocktakes = new StocktakeService({
      store: new StocktakeStore(t.c),
      ledger: t.ledger,
      alerts: h.services.alerts,
      people: h.services.people,
      reachable: reachableByConversations(h.services.conversations, h.services.people),
      now,
    });
    cards = stocktakeCards({
      stocktakes,
      conversations: h.services.conversations,
      sender: sender(),
      locale: 'ja',
      log,
    });
    bot = testBot(t, h, { stocktakes, stocktakeCards: cards });
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
        m365AccountId: YAMADA.aadObjectId,
      }),
      directoryPerson({
        personId: 'E002',
        userPrincipalName: 'hanako@example.co.jp',
        displayName: '佐藤 花子',
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
    for (const [assetNumber, user] of [
      ['PC-001', '山田 太郎'],
      ['PC-003', '佐藤 花子'],
      ['PC-005', '佐藤 花子'],
    ])
      await t.ledger.create({ assetNumber, user, status: '利用中', model: 'ThinkPad X1' }, by);
  });
  afterAll(async () => {
    await stub.close();
    await h.close();
    await t.close();
  });

  it('reminds those who have not answered once a day, in office hours, never twice', async () => {
    const started = await press(
      bot,
      VERBS.stocktakeStart,
      { status: '利用中', source: '', deviceType: '', user: '', deadline: '2030-01-17' },
      { replyToId: 'progress-1' },
    );
    expect(JSON.stringify(started.card)).toMatch(/棚卸 ST-20300107-1/);
    const asks = await until(() => {
      const sent = stub.delivered().filter((r) => r.conversationId.startsWith('a:'));
      return sent.length === 2 ? sent : undefined;
    });
    const yamadaCard = asks.find((r) => r.conversationId === 'a:yamada')!.body.attachments![0];
    const send = executes(yamadaCard.content).find((e) => e.verb === VERBS.stocktakeAnswer)!;
    const [yamadaItem] = send.data.items as string[];
    await press(
      bot,
      VERBS.stocktakeAnswer,
      { ...send.data, [`r_${yamadaItem}`]: 'present' },
      { from: YAMADA },
    );
    const server = replica();
    stub.reset();

    // An hour after the ask: too soon.
    clock = jst('2030-01-07 11:00');
    expect(await server.sendReminders()).toMatchObject({ due: 0, sent: 0 });

    // The next morning: 佐藤 (not 山田, who answered) gets the ask card again, with both devices.
    clock = jst('2030-01-08 10:05');
    expect(await server.sendReminders()).toMatchObject({ due: 1, sent: 1 });
    const [reminder] = postsTo('a:sato');
    expect(postsTo('a:yamada')).toHaveLength(0);
    expect(reminder.body.summary).toBe(
      say('ja', 'card.stocktake.ask.reminderSummary', { deadline: '2030-01-17' }),
    );
    expect(text(reminder)).toContain(
      say('ja', 'card.stocktake.ask.reminder', { count: 2, deadline: '2030-01-17' }),
    );
    expect(text(reminder)).toMatch(/PC-003.*PC-005/);
    expect(executes(reminder.body.attachments![0].content).map((e) => e.verb)).toEqual([
      VERBS.stocktakeAnswer,
    ]);
    const items = await t.c.stocktakeItems.find({ upn: 'hanako@example.co.jp' }).toArray();
    expect(items.map((i) => i.remindedAt)).toEqual([clock, clock]);

    // Again at once, and after a restart that lost the reminded marks (killed just after the
    // send): the claim in the database holds, nothing is sent.
    expect(await server.sendReminders()).toMatchObject({ sent: 0 });
    await t.c.stocktakeItems.updateMany({}, { $set: { remindedAt: null } });
    expect(await replica().sendReminders()).toMatchObject({ due: 1, sent: 0, skipped: 1 });
    expect(postsTo('a:sato')).toHaveLength(1);

    // A day later but at night, then on Saturday: nobody is reminded.
    clock = jst('2030-01-09 20:00');
    expect(await replica().sendReminders()).toMatchObject({ due: 0, sent: 0 });
    clock = jst('2030-01-12 10:00');
    expect(await replica().sendReminders()).toMatchObject({ due: 0, sent: 0 });
    expect(postsTo('a:sato')).toHaveLength(1);

    // Monday 9:00, two processes at once: one reminder.
    clock = jst('2030-01-14 09:00');
    const both = await Promise.all([replica().sendReminders(), replica().sendReminders()]);
    expect(both.map((c) => c.sent).sort()).toEqual([0, 1]);
    expect(postsTo('a:sato')).toHaveLength(2);

    // Teams fails the send (503): the claim is given back, the next check sends it.
    clock = jst('2030-01-15 09:30');
    stub.failNext(1, { status: 503 });
    expect(await server.sendReminders()).toMatchObject({ failed: 1, sent: 0 });
    expect(await server.sendReminders()).toMatchObject({ sent: 1 });
    expect(postsTo('a:sato')).toHaveLength(3);
  });

  it('the deadline closes it: the progress card shows it, the admin is told once', async () => {
    stub.reset();
    clock = jst('2030-01-18 00:30');
    const schedule = startStocktakeSchedule(cards, replica(), 3_600_000, log);
    await schedule.run();
    schedule.stop();
    const st = await t.c.stocktakes.findOne({ _id: 'ST-20300107-1' });
    expect(st).toMatchObject({ status: 'closed', closedBy: 'deadline' });

    const put = await until(() =>
      stub.requests.find((r) => r.method === 'PUT' && r.activityId === 'progress-1'),
    );
    expect(text(put)).toContain(
      say('ja', 'card.stocktake.progress.closedByDeadline', {
        at: '2030-01-18 00:30',
        deadline: '2030-01-17',
      }),
    );
    expect(executes(put.body.attachments![0].content).map((e) => e.verb)).toEqual([
      VERBS.stocktakeCsv,
    ]);
    const told = postsTo(IT_CHANNEL);
    expect(told).toHaveLength(1);
    expect(told[0].body.text).toBe(
      say('ja', 'stocktake.bot.deadlineClosed', {
        id: 'ST-20300107-1',
        deadline: '2030-01-17',
        total: 3,
        answered: 1,
        pending: 2,
        problems: 0,
      }),
    );
    // No reminder after the deadline, nothing shown twice (the same process, or after a restart).
    expect(stub.delivered().filter((r) => r.conversationId.startsWith('a:'))).toHaveLength(0);
    clock = jst('2030-01-18 10:00');
    await replica().showCloses();
    await replica().sendReminders();
    expect(stub.requests).toHaveLength(2);
  });

  it('a close from the CLI shows on the progress card at the next check', async () => {
    const started = await h.services.stocktakes.start({
      scope: { query: parseDeviceQuery({}).query },
      deadline: '2099-12-31',
      by: 'test',
    });
    const id = started.stocktake._id;
    await h.services.stocktakes.setProgressCard(id, {
      conversationId: IT_CHANNEL,
      activityId: 'progress-2',
      locale: 'en',
    });
    const closed = await runCli(['stocktake', 'close'], {
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      DAICHO_LOCALE: 'en',
    });
    expect(closed.code).toBe(0);
    stub.reset();
    // Two processes check at once: one of them shows it.
    const shown = await Promise.all([replica(false).showCloses(), replica(false).showCloses()]);
    expect(shown.sort()).toEqual([0, 1]);
    const put = await until(() =>
      stub.requests.find((r) => r.method === 'PUT' && r.activityId === 'progress-2'),
    );
    expect(text(put)).toMatch(/Closed \d{4}-\d{2}-\d{2} \d{2}:\d{2} by .*answers are no longer/);
    expect(executes(put.body.attachments![0].content).map((e) => e.verb)).toEqual([
      VERBS.stocktakeCsv,
    ]);
    // Closed by a person: the card shows it, no message (they know).
    expect(postsTo(IT_CHANNEL)).toHaveLength(0);
    expect(await replica(false).showCloses()).toBe(0);
    expect(stub.requests.filter((r) => r.activityId === 'progress-2')).toHaveLength(1);
  });
});
