/**
 * Child process of the benchmark (part 4): the notifier (src/notify, product defaults: Teams'
 * limits, retries, batch size) sends A alerts to each of M alert channels — A × M cards —
 * through botbuilder's CloudAdapter to a stub connector that enforces Teams' limits (429 past
 * 7/1 s, 8/2 s, 60/30 s, 1,800/h per conversation and 50/1 s per tenant, counting every
 * arrival). Measures exactly-once delivery per (alert, conversation), the total time, and that
 * time against the floor the limits allow.
 *
 *   node dist/bench/scripts/bench/notify.js --uri URI --alerts 50 --conversations 20
 */
import { MongoClient } from 'mongodb';
import type { ConversationDoc } from '../../src/conversations/conversation-store';
import type { AlertDoc, Collections } from '../../src/db/collections';
import { createLogger } from '../../src/log';
import type { Notifier } from '../../src/notify/notifier';
import { TEAMS_LIMITS } from '../../src/notify/rate-limit';
import { arg, childMain, round } from './lib';
import { floors } from './notify-floor';
import { benchNotifier, benchCollections } from './services';
import { maxInWindow, startStubProcess, type StubRecord } from './stub-connector';

const DB_NAME = 'daicho_bench_notify';

/** M alert channels of one tenant, and A alerts of no run (never grouped into a digest). */
function fixtures(stubUrl: string, conversationCount: number, alertCount: number) {
  const now = new Date();
  const convs: ConversationDoc[] = Array.from({ length: conversationCount }, (_, i) => ({
    _id: `19:bench${i}@thread.tacv2`,
    reference: {
      channelId: 'msteams',
      serviceUrl: stubUrl,
      conversation: { id: `19:bench${i}@thread.tacv2`, tenantId: 'tenant-1' },
      bot: { id: '28:daicho', name: 'Daicho' },
    },
    kind: 'channel',
    tenantId: 'tenant-1',
    name: `IT ${i}`,
    alertChannel: true,
    locale: 'en',
    installedAt: now,
    updatedAt: now,
  }));
  const alerts: AlertDoc[] = Array.from({ length: alertCount }, (_, i) => ({
    _id: `missing-from-mdm:intune:bench-${i}:2026-01-01`,
    type: 'missing-from-mdm',
    provider: 'intune',
    runId: null,
    createdAt: new Date(1_700_000_000_000 + i),
    status: 'pending',
    attempts: 0,
    payload: {
      ledgerId: i.toString(16).padStart(24, '0'),
      assetNumber: `PC-${i}`,
      mdmDeviceId: `bench-${i}`,
      deviceName: null,
    },
  }));
  return { convs, alerts };
}

/** Notifier cycles back to back until no alert is open (or 15 minutes have passed). */
async function drain(notifier: Notifier, c: Collections, alertCount: number) {
  const started = Date.now();
  const deadline = started + 15 * 60_000;
  let cycles = 0;
  let open = alertCount;
  while (open > 0 && Date.now() < deadline) {
    const counts = await notifier.runOnce();
    cycles++;
    open = await c.alerts.countDocuments({ status: { $in: ['pending', 'sending'] } });
    if (open > 0 && counts.claimed === 0) await new Promise((r) => setTimeout(r, 100));
  }
  return { cycles, totalMs: Date.now() - started };
}

/** How many (alert, conversation) pairs the connector accepted once, and more than once. */
function deliveries(delivered: StubRecord[], convs: ConversationDoc[], alerts: AlertDoc[]) {
  const perPair = new Map<string, number>();
  for (const r of delivered)
    for (const id of r.alertIds) {
      const key = `${r.conversationId} ${id}`;
      perPair.set(key, (perPair.get(key) ?? 0) + 1);
    }
  let once = 0;
  let twice = 0;
  for (const conv of convs)
    for (const a of alerts) {
      const n = perPair.get(`${conv._id} ${a._id}`) ?? 0;
      if (n === 1) once++;
      else if (n > 1) twice++;
    }
  return { once, twice };
}

/** What the connector saw: requests, 429s, the busiest windows, accepted sends per second. */
function connectorFigures(requests: StubRecord[], delivered: StubRecord[]) {
  const accepted = delivered.map((r) => r.at).sort((a, b) => a - b);
  const first = accepted[0] ?? 0;
  const perSecond: number[] = [];
  for (const at of accepted) {
    const i = Math.floor((at - first) / 1000);
    while (perSecond.length <= i) perSecond.push(0);
    perSecond[i] = (perSecond[i] ?? 0) + 1;
  }
  return {
    sendSpanMs: accepted.length ? (accepted[accepted.length - 1] ?? first) - first : 0,
    connector: {
      requests: requests.length,
      accepted: delivered.length,
      refused429: requests.filter((r) => r.status === 429).length,
      // Arrivals, refused ones included, as Teams counts them.
      maxPerConversationIn1s: maxInWindow(requests, 1000),
      maxPerConversationIn2s: maxInWindow(requests, 2000),
      maxTenantIn1s: maxInWindow(requests, 1000, { tenantWide: true }),
      acceptedPerSecond: perSecond,
    },
  };
}

async function alertStatuses(c: Collections): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {};
  for (const d of await c.alerts.find({}).toArray())
    statuses[d.status] = (statuses[d.status] ?? 0) + 1;
  return statuses;
}

async function main() {
  const uri = arg('uri');
  const alertCount = Number(arg('alerts', '50'));
  const conversationCount = Number(arg('conversations', '20'));
  const client = await new MongoClient(uri).connect();
  const db = client.db(DB_NAME);
  await db.dropDatabase();
  const c = await benchCollections(db);
  const teams = {
    perConversation: TEAMS_LIMITS.perConversation,
    perTenant: TEAMS_LIMITS.perTenant,
  };
  const stub = await startStubProcess({ limits: teams, retryAfter: null });
  let notifier: Notifier | undefined;
  try {
    const { convs, alerts } = fixtures(stub.url, conversationCount, alertCount);
    await c.conversations.insertMany(convs);
    await c.alerts.insertMany(alerts);
    notifier = benchNotifier(c, createLogger('silent'));
    const { cycles, totalMs } = await drain(notifier, c, alertCount);

    const requests = await stub.requests();
    const delivered = requests.filter((r) => r.method === 'POST' && r.status < 300);
    const { once, twice } = deliveries(delivered, convs, alerts);
    const expected = alertCount * conversationCount;
    const { sendSpanMs, connector } = connectorFigures(requests, delivered);
    const floor = floors(TEAMS_LIMITS, conversationCount, alertCount);
    // No limit binds a handful of cards: then there is no floor to compare with.
    const ratio = floor.withLimiterMarginMs > 0 ? totalMs / floor.withLimiterMarginMs : null;
    return {
      database: arg('database', 'emulator'),
      alerts: alertCount,
      conversations: conversationCount,
      cardsPerConversation: alertCount,
      cardsExpected: expected,
      cycles,
      totalMs,
      sendSpanMs,
      delivery: {
        exactlyOnce: once,
        duplicated: twice,
        missing: expected - once - twice,
        alertStatuses: await alertStatuses(c),
      },
      connector,
      floor,
      ratioToFloor: ratio === null ? null : round(ratio, 3),
      ratioToTeamsFloor:
        floor.teamsLimitsExactlyMs > 0 ? round(totalMs / floor.teamsLimitsExactlyMs, 3) : null,
      targets: {
        exactlyOnce: {
          target: `${expected} cards, each (alert, conversation) once`,
          value: once,
          met: once === expected && twice === 0,
        },
        withinFloor: {
          target: 'total time <= 1.15 x the floor of the limiter windows',
          value: ratio === null ? 'no limit binds' : round(ratio, 3),
          met: ratio === null ? null : ratio <= 1.15,
        },
      },
    };
  } finally {
    if (notifier) await notifier.stop();
    await stub.close();
    await db.dropDatabase().catch(() => undefined);
    await client.close();
  }
}

export type NotifyResult = Awaited<ReturnType<typeof main>>;

if (require.main === module) childMain(main);
