/**
 * Child process of the benchmark (part stocktake, issue 16): a company of N users, each with a
 * personal chat with the bot and 1–3 devices, starts a stocktake (StocktakeService, as the bot's
 * and the CLI's start do), and the bot's `sendAsks` sends the ask cards through the server's
 * Sender and rate limiter and botbuilder's CloudAdapter to a stub connector in its own process
 * that enforces Teams' limits (429 past them, counting every arrival). Measures: users asked,
 * cards, duplicates, the time against the floor Teams' limits allow, 429s, peak RSS.
 *
 *   node dist/bench/scripts/bench/stocktake.js --uri URI --users 2000
 */
import { MongoClient } from 'mongodb';
import { ConversationStore } from '../../src/conversations/conversation-store';
import type { Collections } from '../../src/db/collections';
import type { StocktakeService } from '../../src/stocktake/stocktake-service';
import { createLogger } from '../../src/log';
import { TEAMS_LIMITS } from '../../src/notify/rate-limit';
import type { StocktakeCards } from '../../src/bot/stocktake-cards';
import { arg, childMain, maxRssMb, round } from './lib';
import { floors } from './notify-floor';
import { benchCollections, benchStocktakeCards, benchStocktakes } from './services';
import { maxInWindow, startStubProcess, type StubRecord } from './stub-connector';
import { chatOf, seedCompany } from './stocktake-fixture';

const DB_NAME = 'daicho_bench_stocktake';

/** sendAsks until nobody is left to ask (the server's schedule runs it every minute). */
async function askEveryone(cards: StocktakeCards, c: Collections) {
  const started = Date.now();
  const rounds: { sent: number; failed: number; ms: number }[] = [];
  const deadline = started + 15 * 60_000;
  for (;;) {
    const t0 = Date.now();
    const counts = await cards.sendAsks();
    rounds.push({ ...counts, ms: Date.now() - t0 });
    const left = await c.stocktakeItems.countDocuments({ state: 'toAsk', askedAt: null });
    if (left === 0 || Date.now() > deadline) return { totalMs: Date.now() - started, rounds, left };
  }
}

/** Accepted ask cards per personal chat: once, more than once, never. */
function perUser(delivered: StubRecord[], users: number) {
  const cards = new Map<string, number>();
  for (const r of delivered) cards.set(r.conversationId, (cards.get(r.conversationId) ?? 0) + 1);
  let once = 0;
  let duplicated = 0;
  let missing = 0;
  for (let i = 0; i < users; i++) {
    const n = cards.get(chatOf(i)) ?? 0;
    if (n === 1) once++;
    else if (n > 1) duplicated++;
    else missing++;
  }
  return { once, duplicated, missing };
}

function acceptedPerSecond(delivered: StubRecord[]): number[] {
  const at = delivered.map((r) => r.at).sort((a, b) => a - b);
  const first = at[0] ?? 0;
  const out: number[] = [];
  for (const x of at) {
    const i = Math.floor((x - first) / 1000);
    while (out.length <= i) out.push(0);
    out[i] = (out[i] ?? 0) + 1;
  }
  return out;
}

/** What the connector saw, against the floor Teams' limits allow for one card per user. */
function figures(users: number, requests: StubRecord[], totalMs: number, from: number) {
  const delivered = requests.filter((r) => r.method === 'POST' && r.status < 300);
  const at = delivered.map((r) => r.at).sort((a, b) => a - b);
  const asked = perUser(delivered, users);
  // One card per user (<= 20 devices each): `users` cards to `users` conversations, one each.
  const floor = floors(TEAMS_LIMITS, users, 1);
  const ratio = floor.withLimiterMarginMs > 0 ? totalMs / floor.withLimiterMarginMs : null;
  const ratioTeams = floor.teamsLimitsExactlyMs > 0 ? totalMs / floor.teamsLimitsExactlyMs : null;
  return {
    totalMs,
    sendSpanMs: at.length ? (at[at.length - 1] ?? 0) - (at[0] ?? 0) : 0,
    // The stub's clock is this machine's: from sendAsks called to the first card accepted.
    firstCardAfterMs: at.length ? (at[0] ?? 0) - from : null,
    // From the last card accepted to sendAsks done: the last "asked" writes.
    lastCardToEndMs: at.length ? from + totalMs - (at[at.length - 1] ?? 0) : null,
    asked,
    cardsSent: delivered.length,
    connector: {
      requests: requests.length,
      refused429: requests.filter((r) => r.status === 429).length,
      maxPerConversationIn1s: maxInWindow(requests, 1000),
      maxTenantIn1s: maxInWindow(requests, 1000, { tenantWide: true }),
      acceptedPerSecond: acceptedPerSecond(delivered),
    },
    floor: {
      withLimiterMarginMs: floor.withLimiterMarginMs,
      teamsLimitsExactlyMs: floor.teamsLimitsExactlyMs,
      lowerBoundTeamsExactlyMs: floor.lowerBoundTeamsExactlyMs,
      bindingRule: floor.bindingRule,
    },
    ratioToFloor: ratio === null ? null : round(ratio, 3),
    ratioToTeamsFloor: ratioTeams === null ? null : round(ratioTeams, 3),
    targets: {
      exactlyOnce: {
        target: `${users} users, each sent one ask card, none twice`,
        value: asked.once,
        met: asked.once === users && asked.duplicated === 0,
      },
      withinFloor: {
        target: 'sending time <= 1.15 x the floor of the limiter windows',
        value: ratio === null ? 'no limit binds' : round(ratio, 3),
        met: ratio === null ? null : ratio <= 1.15,
      },
    },
  };
}

/** What sendAsks reads before its first card, timed on its own (the same two reads). */
async function timeReads(c: Collections, stocktakes: StocktakeService) {
  let t0 = Date.now();
  const items = await stocktakes.listToAsk();
  const itemsMs = Date.now() - t0;
  t0 = Date.now();
  const ids = new Set(items.map((i) => i.aadObjectId?.toLowerCase() ?? ''));
  const chats = await new ConversationStore(c.conversations).personalChatsOf(ids);
  return { items: items.length, itemsMs, chats: chats.size, chatsMs: Date.now() - t0 };
}

async function main() {
  const uri = arg('uri');
  const users = Number(arg('users', '2000'));
  const client = await new MongoClient(uri).connect();
  const db = client.db(DB_NAME);
  await db.dropDatabase();
  const c = await benchCollections(db);
  const limits = {
    perConversation: TEAMS_LIMITS.perConversation,
    perTenant: TEAMS_LIMITS.perTenant,
  };
  const stub = await startStubProcess({ limits, retryAfter: null });
  try {
    let t0 = Date.now();
    const devices = await seedCompany(c, users, stub.url);
    const seedMs = Date.now() - t0;
    const stocktakes = benchStocktakes(c);
    t0 = Date.now();
    const started = await stocktakes.start({
      scope: { query: {} },
      deadline: '2099-12-31',
      by: 'bench-admin',
    });
    const startMs = Date.now() - t0;
    const reads = await timeReads(c, stocktakes);
    const cards = benchStocktakeCards(c, stocktakes, createLogger('silent'));
    const sendingFrom = Date.now();
    const { totalMs, rounds, left } = await askEveryone(cards, c);

    const requests = await stub.requests();
    return {
      database: arg('database', 'emulator'),
      users,
      devices,
      itemsAsked: started.plan.asks.reduce((n, a) => n + a.devices.length, 0),
      unreachable: started.plan.unreachable.length,
      seedMs,
      startMs,
      readsBeforeSending: reads,
      ...figures(users, requests, totalMs, sendingFrom),
      rounds,
      itemsLeftUnasked: left,
      peakRssMb: maxRssMb(),
    };
  } finally {
    await stub.close();
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

export type StocktakeBenchResult = Awaited<ReturnType<typeof main>>;

if (require.main === module) childMain(main);
