/**
 * Child process of the benchmark (part 4): the notifier (src/notify, product defaults: Teams'
 * limits, retries, batch size) sends A alerts to each of M alert channels — A × M cards —
 * through botbuilder's CloudAdapter to a stub connector that enforces Teams' limits (429 past
 * 7/1 s, 8/2 s, 60/30 s, 1,800/h per conversation and 50/1 s per tenant, counting every
 * arrival). Measures exactly-once delivery per (alert, conversation), the total time, and that
 * time against the floor the limits allow.
 *
 *   node scripts/bench/notify.js --uri URI --alerts 50 --conversations 20
 */
const { TeamsAdapter } = require('@microsoft/teams-ai');
const { MongoClient } = require('mongodb');
const { childMain, dist, round } = require('./lib');
const { maxInWindow, startStubProcess } = require('./stub-connector');

const DB_NAME = 'daicho_bench_notify';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/**
 * The shortest time from the first send to the last that the limits allow for `perConversation`
 * cards to each of `conversations` conversations of one tenant: the conversations take turns and
 * every send goes as early as every window lets it (for one conversation, earliest is optimal;
 * here it meets the lower bound below). A send at x is allowed by a rule when fewer than `limit`
 * sends lie in (x - window - margin, x], as src/notify/rate-limit.ts counts.
 */
function floorMs(limits, conversations, perConversation, marginMs) {
  const grants = Array.from({ length: conversations }, () => []);
  const tenant = [];
  const earliest = (list, rules, now) => {
    let t = now;
    for (const r of rules)
      if (list.length >= r.limit)
        t = Math.max(t, list[list.length - r.limit] + r.windowMs + marginMs);
    return t;
  };
  let now = 0;
  for (let k = 0; k < perConversation; k++)
    for (let i = 0; i < conversations; i++) {
      now = Math.max(
        earliest(grants[i], limits.perConversation, now),
        earliest(tenant, limits.perTenant, now),
      );
      grants[i].push(now);
      tenant.push(now);
    }
  return now;
}

/** No schedule beats any one rule alone: n sends under `limit` per window need (⌈n/limit⌉−1) windows. */
function lowerBoundMs(limits, conversations, perConversation, marginMs) {
  let bound = 0;
  const rule = (n, r) => (Math.ceil(n / r.limit) - 1) * (r.windowMs + marginMs);
  for (const r of limits.perConversation) bound = Math.max(bound, rule(perConversation, r));
  for (const r of limits.perTenant)
    bound = Math.max(bound, rule(perConversation * conversations, r));
  return bound;
}

childMain(async () => {
  const uri = arg('uri');
  const alertCount = Number(arg('alerts', '50'));
  const conversationCount = Number(arg('conversations', '20'));
  const { collections, ensureIndexes } = dist('db/collections');
  const { createLogger } = dist('log');
  const { startNotifier } = dist('notify/notifier');
  const { TEAMS_LIMITS } = dist('notify/rate-limit');

  const client = await new MongoClient(uri).connect();
  const db = client.db(DB_NAME);
  await db.dropDatabase();
  await ensureIndexes(db);
  const c = collections(db);
  const teams = {
    perConversation: TEAMS_LIMITS.perConversation,
    perTenant: TEAMS_LIMITS.perTenant,
  };
  const stub = await startStubProcess({ limits: teams, retryAfter: null });
  let notifier;
  try {
    const now = new Date();
    const convs = Array.from({ length: conversationCount }, (_, i) => ({
      _id: `19:bench${i}@thread.tacv2`,
      reference: {
        channelId: 'msteams',
        serviceUrl: stub.url,
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
    await c.conversations.insertMany(convs);
    // Alerts of no run are never grouped into a digest: one card per alert and conversation.
    const alerts = Array.from({ length: alertCount }, (_, i) => ({
      _id: `missing-from-mdm:intune:bench-${i}:2026-01-01`,
      type: 'missing-from-mdm',
      provider: 'intune',
      runId: null,
      createdAt: new Date(1_700_000_000_000 + i),
      status: 'pending',
      attempts: 0,
      payload: { assetNumber: `PC-${i}`, mdmDeviceId: `bench-${i}`, deviceName: null },
    }));
    await c.alerts.insertMany(alerts);

    notifier = startNotifier({
      c,
      adapter: new TeamsAdapter({}),
      botAppId: '',
      log: createLogger('silent'),
      intervalMs: 0, // cycles by runOnce() below, back to back
    });
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
    const totalMs = Date.now() - started;

    const requests = await stub.requests();
    const delivered = requests.filter((r) => r.method === 'POST' && r.status < 300);
    const perPair = new Map();
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
    const expected = alertCount * conversationCount;
    const statuses = {};
    for (const d of await c.alerts.find({}).toArray())
      statuses[d.status] = (statuses[d.status] ?? 0) + 1;
    const accepted = delivered.map((r) => r.at).sort((a, b) => a - b);
    const sendSpanMs = accepted.length ? accepted[accepted.length - 1] - accepted[0] : 0;
    const perSecond = [];
    for (const at of accepted) {
      const i = Math.floor((at - accepted[0]) / 1000);
      while (perSecond.length <= i) perSecond.push(0);
      perSecond[i]++;
    }

    const floorLimiter = floorMs(
      TEAMS_LIMITS,
      conversationCount,
      alertCount,
      TEAMS_LIMITS.marginMs,
    );
    const floorTeams = floorMs(TEAMS_LIMITS, conversationCount, alertCount, 0);
    const floorNoTenant = floorMs(
      { perConversation: TEAMS_LIMITS.perConversation, perTenant: [] },
      conversationCount,
      alertCount,
      TEAMS_LIMITS.marginMs,
    );
    // No limit binds a handful of cards: then there is no floor to compare with.
    const ratio = floorLimiter > 0 ? totalMs / floorLimiter : null;
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
        alertStatuses: statuses,
      },
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
      floor: {
        limits: TEAMS_LIMITS,
        withLimiterMarginMs: floorLimiter,
        teamsLimitsExactlyMs: floorTeams,
        perConversationRulesOnlyMs: floorNoTenant,
        lowerBoundWithMarginMs: lowerBoundMs(
          TEAMS_LIMITS,
          conversationCount,
          alertCount,
          TEAMS_LIMITS.marginMs,
        ),
        lowerBoundTeamsExactlyMs: lowerBoundMs(TEAMS_LIMITS, conversationCount, alertCount, 0),
        bindingRule:
          floorNoTenant < floorLimiter ? 'per tenant 50 / 1 s' : 'per conversation windows',
      },
      ratioToFloor: ratio === null ? null : round(ratio, 3),
      ratioToTeamsFloor: floorTeams > 0 ? round(totalMs / floorTeams, 3) : null,
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
});
