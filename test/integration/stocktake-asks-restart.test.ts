/**
 * Issue 16, "the bot restarted mid-stocktake" and "2,000 users at once", small: the real server
 * (`dist/index.js`, local mode) sends a stocktake's ask cards to N users' personal chats through
 * a stub Bot Connector that answers some sends 429; half-way the server is stopped (SIGTERM, as
 * a redeploy does) and started again on the same database. Every user gets exactly one ask card:
 * counted from the activities the stub accepted per conversation.
 */
import { Alerts } from '../../src/alerts';
import { ConversationStore } from '../../src/conversations/conversation-store';
import type { StoredDevice } from '../../src/ledger/device';
import { serialMatcher } from '../../src/ledger/serial';
import { PeopleService } from '../../src/people/people-service';
import { SINGLE_VALUE_ATTRIBUTES, type Person } from '../../src/people/person';
import { reachableByConversations } from '../../src/stocktake/reachability';
import { StocktakeService } from '../../src/stocktake/stocktake-service';
import { StocktakeStore } from '../../src/stocktake/stocktake-store';
import { startServer, type ServerProcess } from '../support/server-process';
import { startStubConnector, type StubConnector } from '../support/stub-connector';
import { openTestDb, type TestDb } from '../support/test-db';

const USERS = 150;
const chatOf = (i: number) => `a:chat-${i}`;
const aadOf = (i: number) => `aad-user-${i}`;
const upnOf = (i: number) => `user${i}@example.co.jp`;
/** Users whose first send Teams refuses with 429 (and Retry-After: 1). */
const REFUSED_ONCE = (i: number) => i % 10 === 3;

function person(i: number, now: Date): Person {
  const attributes = Object.fromEntries(SINGLE_VALUE_ATTRIBUTES.map((a) => [a, null]));
  return {
    ...(attributes as Record<(typeof SINGLE_VALUE_ATTRIBUTES)[number], null>),
    personId: `E${i}`,
    userPrincipalName: upnOf(i),
    displayName: `利用者 ${i}`,
    businessPhones: [],
    otherMails: [],
    custom: {},
    licenceProfile: null,
    groups: [],
    m365AccountId: aadOf(i),
    releasedAccountIds: [],
    removed: false,
    removedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('stocktake ask cards: 429s and a restart half-way, every user asked once', () => {
  let t: TestDb;
  let stub: StubConnector;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    t = await openTestDb();
    stub = await startStubConnector();
    const now = new Date();
    const key = serialMatcher();
    const devices: StoredDevice[] = [];
    for (let i = 0; i < USERS; i++)
      for (let k = 0; k <= i % 3; k++) {
        const n = devices.length + 1;
        devices.push({
          assetNumber: `PC-${String(n).padStart(4, '0')}`,
          serialNumber: `SN-${n}`,
          serialKey: key(`SN-${n}`),
          os: null,
          manufacturer: null,
          model: 'ThinkPad',
          deviceType: 'PC',
          status: '利用中',
          user: upnOf(i),
          procurementDate: null,
          disposalDate: null,
          uuid: null,
          source: 'ledger',
          mdm: null,
          createdAt: now,
          updatedAt: now,
        });
      }
    await t.c.devices.insertMany(devices);
    await t.c.people.insertMany(Array.from({ length: USERS }, (_, i) => person(i, now)));
    await t.c.conversations.insertMany(
      Array.from({ length: USERS }, (_, i) => ({
        _id: chatOf(i),
        reference: {
          channelId: 'msteams',
          serviceUrl: stub.url,
          user: { id: `29:user-${i}`, name: `利用者 ${i}`, aadObjectId: aadOf(i) },
          bot: { id: '28:daicho', name: 'Daicho' },
          conversation: { id: chatOf(i), conversationType: 'personal', tenantId: 'tenant-1' },
        },
        kind: 'personal' as const,
        tenantId: 'tenant-1',
        name: null,
        alertChannel: false,
        installedAt: now,
        updatedAt: now,
      })),
    );
    const people = new PeopleService(t.c);
    const stocktakes = new StocktakeService({
      store: new StocktakeStore(t.c),
      ledger: t.ledger,
      alerts: new Alerts(t.c),
      people,
      reachable: reachableByConversations(new ConversationStore(t.c.conversations), people),
    });
    const started = await stocktakes.start({
      scope: { query: {} },
      deadline: '2099-12-31',
      by: 'test:admin',
    });
    expect(started.plan.asks).toHaveLength(USERS);
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await stub.close();
    await t.close();
  });

  const start = () =>
    startServer({
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      BOT_ID: '',
      BOT_PASSWORD: '',
      LOG_LEVEL: 'warn',
    });
  const unasked = () => t.c.stocktakeItems.countDocuments({ state: 'toAsk', askedAt: null });

  it('asks each of the users exactly once', async () => {
    const refused = new Set<string>();
    stub.rule = (req) => {
      const i = Number(/^a:chat-(\d+)$/.exec(req.conversationId)?.[1] ?? NaN);
      if (req.method !== 'POST' || !REFUSED_ONCE(i) || refused.has(req.conversationId)) return;
      refused.add(req.conversationId);
      return { status: 429, retryAfter: 1 };
    };
    server = await start();
    // The server sends the asks at start; stop it (SIGTERM) a third of the way through.
    await until('a third asked', () => stub.delivered().length >= USERS / 3);
    await server.stop();
    const beforeRestart = stub.delivered().length;
    expect(beforeRestart).toBeLessThan(USERS);
    expect(await unasked()).toBeGreaterThan(0);

    server = await start();
    await until('everyone asked', async () => (await unasked()) === 0);
    await server.stop();

    const perChat = new Map<string, number>();
    for (const r of stub.delivered())
      perChat.set(r.conversationId, (perChat.get(r.conversationId) ?? 0) + 1);
    const counts = Array.from({ length: USERS }, (_, i) => perChat.get(chatOf(i)) ?? 0);
    expect(counts.filter((n) => n !== 1)).toEqual([]);
    expect(stub.delivered()).toHaveLength(USERS);
    // Each delivered card is an ask card listing that user's devices.
    for (const r of stub.delivered()) expect(JSON.stringify(r.body)).toMatch(/PC-\d{4}/);
    // The 429s happened and were retried: each refused user still got one card.
    expect(stub.requests.filter((r) => r.status === 429).length).toBe(refused.size);
    expect(refused.size).toBeGreaterThan(5);
  });
});
