import { Alerts } from '../../src/alerts';
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ObjectId, type Filter } from 'mongodb';
import pino from 'pino';
import {
  ConversationStore,
  type ConversationDoc,
} from '../../src/conversations/conversation-store';
import type { AlertDoc } from '../../src/db/collections';
import { alertCardData } from '../../src/cards/alert';
import { renderCard } from '../../src/cards/render';
import { VERBS } from '../../src/cards/verbs';
import { createLogger } from '../../src/log';
import { startNotifier, type Notifier, type NotifierOptions } from '../../src/notify/notifier';
import { TEAMS_LIMITS } from '../../src/notify/rate-limit';
import { startStubConnector, type StubConnector } from '../support/stub-connector';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * The notifier end to end: the real database (emulator), botbuilder's CloudAdapter without
 * credentials (as with the Agents Playground: no token, http allowed), and a stub Bot Connector
 * that enforces Teams' 7-per-second limit. Only the one limit and short backoffs, to stay fast;
 * the full set of Teams numbers is tested on the limiter with a virtual clock (unit).
 */
describe('notifier', () => {
  let t: TestDb;
  let stub: StubConnector;
  const adapter = new TeamsAdapter({});
  const running: Notifier[] = [];
  const ONE_PER_SECOND_RULE = { limit: 7, windowMs: 1000 };
  const FAST: Partial<NotifierOptions> = {
    intervalMs: 0,
    retry: { tries: 3, baseMs: 20, maxMs: 2000 },
    outbox: { maxAttempts: 3, backoff: { baseMs: 20, maxMs: 100 } },
    limits: {
      perConversation: [ONE_PER_SECOND_RULE],
      perTenant: [{ limit: 50, windowMs: 1000 }],
      marginMs: TEAMS_LIMITS.marginMs,
    },
  };

  beforeAll(async () => {
    t = await openTestDb();
    stub = await startStubConnector();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((n) => n.stop()));
    await t.c.alerts.deleteMany({});
    await t.c.conversations.deleteMany({});
    stub.reset();
  });
  afterAll(async () => {
    await stub.close();
    await t.close();
  });

  function notifier(extra: Partial<NotifierOptions> = {}): Notifier {
    const n = startNotifier({
      c: t.c,
      conversations: new ConversationStore(t.c.conversations),
      alerts: new Alerts(t.c),
      adapter,
      botAppId: '',
      log: createLogger('silent'),
      ...FAST,
      ...extra,
    });
    running.push(n);
    return n;
  }

  async function channels(n: number, alertChannel = true, locale?: 'ja' | 'en') {
    const docs: ConversationDoc[] = Array.from({ length: n }, (_, i) => ({
      _id: `19:conv${i}@thread.tacv2`,
      reference: {
        channelId: 'msteams',
        serviceUrl: stub.url,
        conversation: { id: `19:conv${i}@thread.tacv2`, tenantId: 'tenant-1' },
        bot: { id: '28:daicho', name: 'Daicho' },
      },
      kind: 'channel',
      tenantId: 'tenant-1',
      name: `IT ${i}`,
      alertChannel,
      ...(locale ? { locale } : {}),
      installedAt: new Date(),
      updatedAt: new Date(),
    }));
    await t.c.conversations.insertMany(docs);
    return docs.map((d) => d._id);
  }

  async function alerts(n: number, runId: ObjectId | null = null, from = 0): Promise<string[]> {
    const docs: AlertDoc[] = Array.from({ length: n }, (_, k) => {
      const i = from + k;
      return {
        _id: `missing-from-mdm:intune:dev-${i}:2026-01-01`,
        type: 'missing-from-mdm',
        provider: 'intune',
        runId,
        createdAt: new Date(1_700_000_000_000 + i),
        status: 'pending',
        attempts: 0,
        payload: {
          ledgerId: `ledger-${i}`,
          assetNumber: `PC-${i}`,
          mdmDeviceId: `dev-${i}`,
          deviceName: null,
        },
      };
    });
    await t.c.alerts.insertMany(docs);
    return docs.map((d) => d._id);
  }

  /** Cycles until nothing matching `open` is pending or being sent. */
  async function drain(n: Notifier, open: Filter<AlertDoc> = {}): Promise<number> {
    const deadline = Date.now() + 30_000;
    let sent = 0;
    for (;;) {
      const counts = await n.runOnce();
      sent += counts.sent;
      const left = await t.c.alerts.countDocuments({
        ...open,
        status: { $in: ['pending', 'sending'] },
      });
      if (left === 0) return sent;
      if (Date.now() > deadline) throw new Error(`${left} alerts still open`);
      if (counts.claimed === 0) await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Each alert reached each conversation once, counted from what the stub received. */
  function expectExactlyOnce(convs: string[], ids: string[]) {
    const seen = new Map<string, number>();
    for (const r of stub.delivered())
      for (const id of r.alertIds)
        seen.set(`${r.conversationId} ${id}`, (seen.get(`${r.conversationId} ${id}`) ?? 0) + 1);
    for (const conv of convs) for (const id of ids) expect(seen.get(`${conv} ${id}`)).toBe(1);
    expect(seen.size).toBe(convs.length * ids.length);
  }

  it('(a) 100 alerts to 5 channels: each once, never over 7/s, forced 429s retried', async () => {
    const convs = await channels(5);
    const ids = await alerts(100);
    stub.failNext(3, { status: 429, retryAfter: 1 });
    let n = 0;
    stub.rule = () => (++n % 97 === 0 ? { status: 429 } : undefined); // no Retry-After
    const started = Date.now();
    await drain(notifier());
    const elapsed = Date.now() - started;

    expectExactlyOnce(convs, ids);
    // The limiter spaces the 1st and 8th send of a conversation by at least 1,100 ms (window +
    // margin; exact on a fake clock in notify-rate-limit.test.ts). Here the stub shares the event
    // loop with the sender, so a busy CI machine can shift arrival times by a few hundred ms:
    // allow 250 ms of that, no more.
    expect(stub.maxInWindow(1000 + TEAMS_LIMITS.marginMs - 250)).toBeLessThanOrEqual(7);
    expect(stub.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(8);
    // Retry-After is honoured: that conversation heard nothing more for a second.
    const told = stub.requests.filter((r) => r.retryAfter !== null);
    expect(told).toHaveLength(3);
    for (const r of told) {
      const next = stub.requests.find((x) => x.conversationId === r.conversationId && x.at > r.at);
      expect(next!.at - r.at).toBeGreaterThanOrEqual(1000);
    }
    const docs = await t.c.alerts.find({}).toArray();
    expect(docs.every((d) => d.status === 'sent' && d.sentActivities?.length === 5)).toBe(true);
    const ok = new Set(stub.delivered().map((r) => `${r.conversationId} ${r.resultId}`));
    for (const d of docs)
      for (const s of d.sentActivities ?? [])
        expect(ok.has(`${s.conversationId} ${s.activityId}`)).toBe(true);
    // 100 cards per conversation at 7 per (1 s + margin) cannot take less than 93/7 of that.
    expect(elapsed).toBeGreaterThanOrEqual((93 / 7) * (1000 + TEAMS_LIMITS.marginMs));
    expect(elapsed).toBeLessThan(25_000);
    process.stdout.write(`notify (a): 500 cards in ${elapsed} ms\n`);
  });

  it('(b) two replicas at once never send an alert twice; a dead replica’s claim is taken over', async () => {
    const convs = await channels(2);
    const ids = await alerts(20);
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 600_000);
    const [orphan, live] = await alerts(2, null, 100);
    const held = (id: string, claimExpiresAt: Date) =>
      t.c.alerts.updateOne(
        { _id: id },
        { $set: { status: 'sending', attempts: 1, claimedBy: 'dead-replica', claimExpiresAt } },
      );
    await held(orphan, past);
    await held(live, future);
    // 3/s each: the two together stay under the stub's 7/s, as one shared limit would.
    const limits = { perConversation: [{ limit: 3, windowMs: 1000 }], perTenant: [], marginMs: 30 };
    const a = notifier({ owner: 'replica-a', batchSize: 4, limits });
    const b = notifier({ owner: 'replica-b', batchSize: 4, limits });
    const notLive: Filter<AlertDoc> = { _id: { $ne: live } };
    const [sentA, sentB] = await Promise.all([drain(a, notLive), drain(b, notLive)]);

    expectExactlyOnce(convs, [...ids, orphan]);
    expect(sentA).toBeGreaterThan(0);
    expect(sentB).toBeGreaterThan(0);
    expect(sentA + sentB).toBe(21);
    expect(await t.c.alerts.findOne({ _id: live })).toMatchObject({
      status: 'sending',
      claimedBy: 'dead-replica',
      attempts: 1,
    });
  });

  it('(c) a 502 storm passes; 403 fails at once; endless 502 fails after N attempts', async () => {
    const convs = await channels(2);
    const ids = await alerts(10);
    const [forbidden, broken] = await alerts(2, null, 100);
    stub.failNext(12, { status: 502 });
    stub.rule = (r) =>
      r.alertIds.includes(forbidden)
        ? { status: 403 }
        : r.alertIds.includes(broken)
          ? { status: 502 }
          : undefined;
    await drain(notifier());

    expectExactlyOnce(convs, ids);
    expect(await t.c.alerts.countDocuments({ _id: { $in: ids }, status: 'sent' })).toBe(10);
    const f = await t.c.alerts.findOne({ _id: forbidden });
    expect(f).toMatchObject({ status: 'failed', attempts: 1 });
    expect(f?.lastError).toMatch(/403/);
    expect(f?.failedAt).toBeInstanceOf(Date);
    expect(f?.failedDeliveries).toHaveLength(2);
    const b = await t.c.alerts.findOne({ _id: broken });
    expect(b).toMatchObject({ status: 'failed', attempts: 3 });
    expect(b?.lastError).toMatch(/502/);
    // 3 outbox attempts × 3 requests each, in both conversations.
    expect(stub.requests.filter((r) => r.alertIds.includes(broken))).toHaveLength(18);
  });

  it('(d) digest mode: one card per conversation with the count; each mode groups a burst', async () => {
    const convs = await channels(3, true, 'en');
    await alerts(12, new ObjectId());
    const counts = await notifier({ mode: 'digest' }).runOnce();
    expect(counts).toMatchObject({ claimed: 12, sent: 12, messages: 3 });
    const to = stub.delivered().map((r) => r.conversationId);
    expect(to.sort()).toEqual([...convs].sort());
    for (const r of stub.delivered()) expect(r.body.summary).toBe('12 alerts');
    const docs = await t.c.alerts.find({}).toArray();
    expect(docs.every((d) => d.sentActivities?.every((s) => s.card === 'digest'))).toBe(true);

    stub.reset();
    await t.c.alerts.deleteMany({});
    await alerts(7, new ObjectId(), 0);
    await alerts(2, null, 50);
    await notifier({ mode: 'each', digestThreshold: 5 }).runOnce();
    const cards = stub.delivered().filter((r) => r.conversationId === convs[0]);
    expect(cards.map((r) => r.alertIds.length)).toEqual([0, 1, 1]); // a digest, then two cards
    expect(cards[0].body.summary).toBe('7 alerts');
  });

  it('(e) no alert channel: nothing sent, alerts stay pending, said once', async () => {
    await channels(2, false);
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (s: string) => void lines.push(s) });
    const n = notifier({ log });
    expect(await n.runOnce()).toMatchObject({ noChannel: true });
    expect(lines).toHaveLength(0); // nothing waiting: nothing to say
    const ids = await alerts(3);
    expect(await n.runOnce()).toMatchObject({ noChannel: true, claimed: 0 });
    expect(await n.runOnce()).toMatchObject({ noChannel: true });
    expect(stub.requests).toHaveLength(0);
    expect(
      await t.c.alerts.countDocuments({ _id: { $in: ids }, status: 'pending', attempts: 0 }),
    ).toBe(3);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/No conversation is chosen for alerts/);
  });

  it('updates a sent alert card in place in every conversation', async () => {
    const convs = await channels(2, true, 'ja');
    const [id] = await alerts(1);
    const n = notifier();
    await n.runOnce();
    const alert = (await t.c.alerts.findOne({ _id: id }))!;
    const resolution = { by: 'Taro', verb: VERBS.alertKeep, at: new Date() };
    const result = await n.updateAlertCards(id, (locale) =>
      renderCard('alert', alertCardData({ ...alert, status: 'resolved' }, locale, { resolution })),
    );
    expect(result).toEqual({ updated: 2, failed: 0 });
    const puts = stub.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => `${r.conversationId} ${r.activityId}`).sort()).toEqual(
      (alert.sentActivities ?? []).map((s) => `${s.conversationId} ${s.activityId}`).sort(),
    );
    expect(puts.map((r) => r.conversationId).sort()).toEqual(convs.sort());
    expect(JSON.stringify(puts[0].body)).toMatch(/Taro/);
  });

  it('stop() gives unsent alerts back at once, their attempt not counted', async () => {
    await channels(1);
    await alerts(30);
    const n = notifier();
    const cycle = n.runOnce();
    await new Promise((r) => setTimeout(r, 1300));
    await n.stop();
    const counts = await cycle;
    expect(counts.sent).toBeGreaterThanOrEqual(7);
    expect(counts.deferred).toBe(30 - counts.sent);
    expect(await t.c.alerts.countDocuments({ status: 'sending' })).toBe(0);
    expect(await t.c.alerts.countDocuments({ status: 'pending', attempts: 0 })).toBe(
      counts.deferred,
    );
  });
});
