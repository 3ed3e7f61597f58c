import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, TestAdapter } from 'botbuilder';
import { stocktakeCards, type StocktakeCards } from '../../src/bot/stocktake-cards';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { RateLimiter } from '../../src/notify/rate-limit';
import { Sender } from '../../src/notify/sender';
import { createServices, type Services } from '../../src/services';
import { DEFAULT_SIM_ROLES, simTeamsApp } from '../../src/sim/graph-sim';
import { teamsAppInstaller } from '../../src/mdm/teams-app-installer';
import { reachableByConversations } from '../../src/stocktake/reachability';
import { reportRows } from '../../src/stocktake/status';
import { StocktakeService } from '../../src/stocktake/stocktake-service';
import { StocktakeStore } from '../../src/stocktake/stocktake-store';
import { VERBS } from '../../src/cards/verbs';
import { testBot } from '../support/bot-harness';
import { press } from '../support/workflow-bot';
import { ROOT } from '../support/cli';
import { startStubConnector, type StubConnector } from '../support/stub-connector';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';
import { directoryPerson } from '../support/people-fixtures';

const APP = simTeamsApp();
const INSTALL_ROLE = 'TeamsAppInstallation.ReadWriteSelfForUser.All';
/** Entra object ids of the simulated tenant's users (lower case, as Graph writes them). */
const KENJI_ID = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const SATO_ID = '1c2d3e4f-5061-4b7c-9d8e-0f1a2b3c4d5e';
const ITO_ID = '2d3e4f50-6172-4c8d-8e9f-1a2b3c4d5e6f';

async function until<T>(find: () => Promise<T | undefined> | T | undefined, ms = 5_000) {
  const end = Date.now() + ms;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error('not seen in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Installing the bot for stocktake users who never opened it (DAICHO_STOCKTAKE_INSTALL=auto):
 * the real installer (Graph client, sign-in, retries) against the Graph simulator's Install app
 * for user, the real StocktakeService on the wire-protocol database, the real bot (TestAdapter)
 * receiving Teams' installationUpdate, and the ask cards through the Sender to a stub connector.
 */
describe('stocktake: installing the bot for users without a chat', () => {
  let t: TestDb;
  let h: SyncHarness;
  let stub: StubConnector;
  const log = createLogger('silent');

  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, {
      graph: {
        roles: [...DEFAULT_SIM_ROLES, INSTALL_ROLE],
        teamsApps: [APP],
        directory: {
          users: [
            { id: KENJI_ID, userPrincipalName: 'kenji@example.co.jp' },
            { id: SATO_ID, userPrincipalName: 'hanako@example.co.jp' },
            { id: ITO_ID, userPrincipalName: 'ito@example.co.jp' },
          ],
        },
      },
      jamf: false,
    });
    stub = await startStubConnector();
    await t.c.people.insertMany([
      // No m365AccountId: the installer looks the id up by UPN.
      directoryPerson({
        personId: 'E010',
        userPrincipalName: 'kenji@example.co.jp',
        displayName: '鈴木 健二',
      }),
      directoryPerson({
        personId: 'E011',
        userPrincipalName: 'hanako@example.co.jp',
        displayName: '佐藤 花子',
        m365AccountId: SATO_ID,
      }),
      directoryPerson({
        personId: 'E012',
        userPrincipalName: 'ito@example.co.jp',
        displayName: '伊藤 誠',
        m365AccountId: ITO_ID,
      }),
      directoryPerson({
        personId: 'E013',
        userPrincipalName: 'gone@example.co.jp',
        displayName: '退職 者',
      }),
    ]);
    const by = { by: 'test' };
    const devices: [string, string][] = [
      ['A-001', '鈴木 健二'],
      ['B-001', '佐藤 花子'],
      ['C-001', '伊藤 誠'],
      ['C-002', '退職 者'],
    ];
    for (const [assetNumber, user] of devices)
      await t.ledger.create({ assetNumber, user, status: '利用中', model: 'ThinkPad' }, by);
  });
  // A failed test leaves no stocktake open for the next one.
  afterEach(() => h.services.stocktakes.close('test').catch(() => undefined));
  afterAll(async () => {
    await stub.close();
    await h.close();
    await t.close();
  });

  /** The server's services as composed from the config: a fresh one is a restart. */
  async function server(): Promise<{
    services: Services;
    cards: StocktakeCards;
    bot: TestAdapter;
  }> {
    const config = loadConfig(
      {
        ...h.sims.env,
        MONGODB_URI: t.uri,
        MONGODB_DB: t.name,
        SYNC_SCHEDULE: 'off',
        DAICHO_STOCKTAKE_INSTALL: 'auto',
        TEAMS_APP_CATALOG_ID: APP.id,
      },
      ROOT,
    );
    const services = await createServices(config, {
      db: t.db,
      log,
      installRetry: { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 5_000 },
    });
    const cards = stocktakeCards({
      stocktakes: services.stocktakes,
      conversations: services.conversations,
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
    const bot = testBot(t, h, { stocktakes: services.stocktakes, stocktakeCards: cards });
    return { services, cards, bot };
  }

  /** What Teams sends the bot once the app is installed in a user's personal scope. */
  function teamsAnnounces(bot: TestAdapter, userId: string, name: string) {
    const conversation = { id: `a:${userId}`, conversationType: 'personal', tenantId: 'tid' };
    return bot.processActivity({
      type: 'installationUpdate',
      action: 'add',
      channelId: 'msteams',
      serviceUrl: stub.url,
      conversation,
      from: { id: `29:${userId}`, name, aadObjectId: userId },
      recipient: { id: '28:bot', name: 'Daicho' },
    } as Activity);
  }

  const start = (services: Services, prefix: string) =>
    services.stocktakes.start({
      scope: { query: { text: prefix } },
      deadline: '2099-12-31',
      by: 'test',
    });
  const graphCalls = (route: string) => h.sims.graph!.state.log.filter((r) => r.route === route);
  const itemsOf = (assetNumber: string) => t.c.stocktakeItems.findOne({ assetNumber });

  it('installs once for a user without the bot; Teams tells the bot, and the user is asked', async () => {
    const { services, cards, bot } = await server();
    const graph = h.sims.graph!.state;
    // Teams, once the install is accepted, sends the bot an installationUpdate.
    graph.teams.onInstall = (install) => void teamsAnnounces(bot, install.userId, '鈴木 健二');
    // Graph throttles the first try: waited out (Retry-After) and tried again.
    graph.faults.push({
      route: 'installAppForUser',
      remaining: 1,
      action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    // The admin's preview says the bot will be installed for 鈴木 (the installs are on).
    const preview = await press(bot, VERBS.stocktakePreview, {
      status: '利用中',
      source: '',
      deviceType: '',
      user: '',
      deadline: '2099-12-31',
    });
    expect(JSON.stringify(preview.card)).toMatch(
      /A-001: 鈴木 健二 はまだボットとのチャットがありません。Graph でボットをインストールして依頼します/,
    );
    expect(graphCalls('installAppForUser')).toHaveLength(0); // a preview installs nothing
    const { stocktake, plan } = await start(services, 'A-');
    expect(plan.unreachable.map((u) => [u.device.assetNumber, u.reason])).toEqual([
      ['A-001', 'toInstall'],
    ]);
    expect(await cards.sendAsks()).toEqual({ sent: 0, failed: 0 });

    expect(await services.stocktakes.installForUnreachable()).toEqual({
      installed: 1,
      refused: 0,
      failed: 0,
    });
    expect(graph.teams.installs).toEqual([
      expect.objectContaining({ userId: KENJI_ID, teamsAppId: APP.id }),
    ]);
    expect(graphCalls('getUser').map((r) => r.path)).toEqual(['/v1.0/users/kenji%40example.co.jp']);
    expect(graphCalls('installAppForUser').map((r) => r.status)).toEqual([429, 201]);

    // The bot recorded the chat and asked at once: one ask card in 鈴木's new personal chat.
    const ask = await until(() =>
      stub.delivered().find((r) => r.conversationId === `a:${KENJI_ID}`),
    );
    expect(JSON.stringify(ask.body)).toMatch(/A-001/);
    const item = await until(async () => {
      const found = await itemsOf('A-001');
      return found?.askedAt ? found : undefined;
    });
    expect(item).toMatchObject({
      state: 'toAsk',
      aadObjectId: KENJI_ID,
      unreachableReason: null,
      install: { state: 'installed', userId: KENJI_ID },
    });

    // Later rounds and a restart install nothing again, and ask nobody twice.
    expect(await services.stocktakes.installForUnreachable()).toEqual({
      installed: 0,
      refused: 0,
      failed: 0,
    });
    const restarted = await server();
    expect(await restarted.services.stocktakes.installForUnreachable()).toEqual({
      installed: 0,
      refused: 0,
      failed: 0,
    });
    expect(await restarted.cards.sendAsks()).toEqual({ sent: 0, failed: 0 });
    expect(graphCalls('installAppForUser')).toHaveLength(2);
    expect(graph.teams.installs).toHaveLength(1);
    expect(stub.delivered().filter((r) => r.conversationId === `a:${KENJI_ID}`)).toHaveLength(1);
    graph.teams.onInstall = undefined;
    await services.stocktakes.close('test', stocktake._id);
  });

  it('409 (installed already) counts as installed; the user is asked once the chat is known', async () => {
    const { services, cards, bot } = await server();
    const graph = h.sims.graph!.state;
    graph.teams.installs.push({
      id: 'earlier',
      userId: SATO_ID,
      teamsAppId: APP.id,
      at: Date.now(),
      requestId: 'earlier',
    });
    const { stocktake } = await start(services, 'B-');
    const before = graphCalls('installAppForUser').length;
    expect(await services.stocktakes.installForUnreachable()).toMatchObject({ installed: 1 });
    expect(
      graphCalls('installAppForUser')
        .slice(before)
        .map((r) => r.status),
    ).toEqual([409]);
    expect(graphCalls('getUser')).toHaveLength(1); // the directory knew 佐藤's id
    expect(graph.teams.installs).toHaveLength(2);
    expect(await itemsOf('B-001')).toMatchObject({
      state: 'unreachable',
      unreachableReason: 'installPending',
    });
    // The admin's list says why 佐藤 is not asked yet.
    const status = await services.stocktakes.status(stocktake._id);
    expect(status.attention).toEqual([
      expect.objectContaining({ assetNumber: 'B-001', reason: 'installPending' }),
    ]);

    await teamsAnnounces(bot, SATO_ID, '佐藤 花子');
    await until(() => stub.delivered().find((r) => r.conversationId === `a:${SATO_ID}`));
    await until(async () => (await itemsOf('B-001'))?.askedAt ?? undefined);
    expect(await cards.sendAsks()).toEqual({ sent: 0, failed: 0 });
    expect(stub.delivered().filter((r) => r.conversationId === `a:${SATO_ID}`)).toHaveLength(1);
    expect((await itemsOf('B-001'))?.state).toBe('toAsk');
    await services.stocktakes.close('test', stocktake._id);
  });

  it('403 (permission missing) and 404 (no such user) go to the admin list with the reason; nothing else changes', async () => {
    const graph = h.sims.graph!.state;
    graph.roles = [...DEFAULT_SIM_ROLES]; // no TeamsAppInstallation permission; a new token
    const { services, cards } = await server();
    const { stocktake } = await start(services, 'C-');
    const installsBefore = graph.teams.installs.length;
    const delivered = stub.delivered().length;

    expect(await services.stocktakes.installForUnreachable()).toEqual({
      installed: 0,
      refused: 2,
      failed: 0,
    });
    expect(await itemsOf('C-001')).toMatchObject({
      state: 'unreachable',
      unreachableReason: 'installForbidden',
      askedAt: null,
      install: { state: 'refused', status: 403, code: 'Forbidden' },
    });
    expect(await itemsOf('C-002')).toMatchObject({
      state: 'unreachable',
      unreachableReason: 'noSuchUser',
      install: { state: 'refused', status: 404 },
    });
    const rows = reportRows(
      await t.c.stocktakeItems
        .find({ stocktakeId: stocktake._id })
        .sort({ assetNumber: 1 })
        .toArray(),
      'ja',
    );
    expect(rows.map((r) => r.備考)).toEqual([
      expect.stringMatching(
        /伊藤 誠 にボットをインストールできません.*TeamsAppInstallation\.ReadWriteSelfForUser\.All/,
      ),
      expect.stringMatching(/退職 者 は Microsoft 365 テナントのユーザーではありません/),
    ]);

    // Refused for good: not tried again, nobody installed or asked.
    const calls = graphCalls('installAppForUser').length;
    expect(await services.stocktakes.installForUnreachable()).toEqual({
      installed: 0,
      refused: 0,
      failed: 0,
    });
    expect(await cards.sendAsks()).toEqual({ sent: 0, failed: 0 });
    expect(graphCalls('installAppForUser')).toHaveLength(calls);
    expect(graph.teams.installs).toHaveLength(installsBefore);
    expect(stub.delivered()).toHaveLength(delivered);
    expect((await services.stocktakes.status(stocktake._id)).counts).toMatchObject({
      total: 2,
      unreachable: 2,
      pending: 0,
    });
  });

  it('throttled or unanswered: tried again after 15 minutes, then installed', async () => {
    const graph = h.sims.graph!.state;
    graph.roles = [...DEFAULT_SIM_ROLES, INSTALL_ROLE];
    const { services } = await server();
    let now = new Date();
    // The service as services.ts composes it, with a clock the test moves.
    const stocktakes = new StocktakeService({
      store: new StocktakeStore(t.c),
      ledger: services.ledger,
      alerts: services.alerts,
      people: services.people,
      reachable: reachableByConversations(services.conversations, services.people),
      installer: teamsAppInstaller(services.config.intune!, {
        catalogId: APP.id,
        retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3 },
      }),
      now: () => now,
    });
    await t.ledger.create(
      { assetNumber: 'D-001', user: 'ito@example.co.jp', status: '利用中' },
      {
        by: 'test',
      },
    );
    await services.stocktakes.close('test').catch(() => undefined);
    await stocktakes.start({
      scope: { query: { text: 'D-' } },
      deadline: '2099-12-31',
      by: 'test',
    });
    const rule = {
      route: 'installAppForUser',
      remaining: Infinity,
      action: { kind: 'status' as const, status: 503 },
    };
    graph.faults.push(rule);
    const before = graphCalls('installAppForUser').length;
    expect(await stocktakes.installForUnreachable()).toEqual({
      installed: 0,
      refused: 0,
      failed: 1,
    });
    expect(graphCalls('installAppForUser').length - before).toBe(3); // every try used
    expect(await itemsOf('D-001')).toMatchObject({
      state: 'unreachable',
      unreachableReason: 'installFailed',
      install: { state: 'failed', status: 503 },
    });
    // Not again within 15 minutes, even with Graph back.
    graph.faults.splice(graph.faults.indexOf(rule), 1);
    now = new Date(now.getTime() + 14 * 60_000);
    expect(await stocktakes.installForUnreachable()).toEqual({
      installed: 0,
      refused: 0,
      failed: 0,
    });
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await stocktakes.installForUnreachable()).toEqual({
      installed: 1,
      refused: 0,
      failed: 0,
    });
    expect(await itemsOf('D-001')).toMatchObject({
      unreachableReason: 'installPending',
      install: { state: 'installed', userId: ITO_ID },
    });
    expect(graph.teams.installs.filter((i) => i.userId === ITO_ID)).toHaveLength(1);
  });
});
