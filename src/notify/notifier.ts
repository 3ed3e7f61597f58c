import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import type { Progress } from '../alerts';
import type { ConversationDoc } from '../conversations/conversation-store';
import type { AlertDoc } from '../db/collections';
import { t, type Locale } from '../i18n/messages';
import { withLedgerView } from '../cards/alert-ledger';
import { unitActivity } from './cards';
import type { NotifierOptions } from './notifier-options';
import {
  DEFAULT_OUTBOX_POLICY,
  planUnits,
  settle,
  type Failure,
  type OutboxPolicy,
  type Unit,
} from './plan';
import { RateLimiter, TEAMS_LIMITS } from './rate-limit';
import { Sender, type SendResult } from './sender';
import { updateAlertCards, type RenderForLocale, type UpdateCounts } from './update';

// The options live in their own module; callers keep importing them from here.
export type { NotifierOptions } from './notifier-options';

export interface CycleCounts {
  claimed: number;
  /** Settled this cycle as sent, retry later, failed for good, deferred (not tried). */
  sent: number;
  retried: number;
  failed: number;
  deferred: number;
  /** Messages Teams accepted (alert and digest cards). */
  messages: number;
  noChannel: boolean;
}

type Counts = Omit<CycleCounts, 'noChannel'>;

export interface Notifier {
  runOnce(): Promise<CycleCounts>;
  stop(): Promise<void>;
  /** Updates every alert card of the alert in place (e.g. once someone resolved it). */
  updateAlertCards(alertId: string, render: RenderForLocale): Promise<UpdateCounts>;
}

/** Per alert, while its conversations answer. */
interface Tracking {
  alert: AlertDoc;
  progress: Progress;
  failures: Failure[];
  waiting: number;
}

/**
 * Sends the alerts outbox to the conversations chosen as alert channels. Each cycle claims a
 * batch, plans the messages per conversation, sends every conversation's messages in order and
 * the conversations side by side (each has its own Teams limit), and settles each alert once
 * all its conversations have answered.
 */
export function startNotifier(o: NotifierOptions): Notifier {
  const { c, alerts, log } = o;
  const mode = o.mode ?? 'each';
  const claimMs = o.claimMs ?? 120_000;
  // A digest is one message however many alerts it holds, so it can take more per cycle.
  const batchSize = o.batchSize ?? (mode === 'digest' ? 1_000 : 100);
  const policy: OutboxPolicy = { ...DEFAULT_OUTBOX_POLICY, ...o.outbox };
  const owner = o.owner ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const limiter = o.limiter ?? new RateLimiter(o.limits ?? TEAMS_LIMITS, o.clock);
  const sender = o.sender ?? new Sender({ ...o, limiter, maxWaitMs: o.maxWaitMs ?? 60_000 });
  const abort = new AbortController();
  // Every send of a batch (one per alert channel at a time, and their retry sleeps) listens to
  // this one signal, to stop at once; Node's default of 10 listeners would warn for nothing.
  setMaxListeners(0, abort.signal);
  let warnedNoChannel = false;

  async function cycle(): Promise<CycleCounts> {
    const counts = { claimed: 0, sent: 0, retried: 0, failed: 0, deferred: 0, messages: 0 };
    const channels = await o.conversations.alertChannels();
    if (channels.length === 0) {
      // Alerts stay pending until someone picks a channel. Said once, and only when there is
      // something waiting: every cycle would be noise.
      if (!warnedNoChannel && (await alerts.anyPending())) {
        log.warn(t('en', 'notify.noAlertChannel'));
        warnedNoChannel = true;
      }
      return { ...counts, noChannel: true };
    }
    warnedNoChannel = false;
    return { ...(await sendBatch(channels, counts)), noChannel: false };
  }

  /** Claims a batch and sends it to every alert channel. */
  async function sendBatch(channels: ConversationDoc[], counts: Counts): Promise<Counts> {
    if (abort.signal.aborted) return counts;
    const claimed = await alerts.claimBatch(owner, claimMs, batchSize);
    counts.claimed = claimed.length;
    if (claimed.length === 0) return counts;

    const tracking = new Map<string, Tracking>();
    for (const alert of claimed)
      tracking.set(alert._id, {
        alert,
        progress: {
          sentActivities: [...(alert.sentActivities ?? [])],
          failedDeliveries: [...(alert.failedDeliveries ?? [])],
        },
        failures: [],
        waiting: 0,
      });
    const plans = channels.map((channel) => {
      // Skip where it already is (sent before a crash) or was refused for good.
      const due = claimed.filter((a) => {
        const p = tracking.get(a._id)!.progress;
        const here = (x: { conversationId: string }) => x.conversationId === channel._id;
        return !p.sentActivities.some(here) && !p.failedDeliveries.some(here);
      });
      for (const a of due) tracking.get(a._id)!.waiting++;
      return { channel, units: planUnits(due, mode, o.digestThreshold ?? 5) };
    });

    const inflight = new Set(tracking.keys());
    const finish = async (tr: Tracking) => {
      inflight.delete(tr.alert._id);
      await settleAlert(tr, counts);
    };
    const heartbeat = setInterval(() => {
      alerts.extendClaims(owner, [...inflight], claimMs).catch((err: unknown) => {
        log.warn({ err }, 'could not extend the claims on alerts being sent');
      });
    }, claimMs / 3);
    heartbeat.unref();
    try {
      for (const tr of tracking.values()) if (tr.waiting === 0) await finish(tr);
      const results = await Promise.allSettled(
        plans.map(({ channel, units }) => sendTo(channel, units, tracking, finish, counts)),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    } finally {
      clearInterval(heartbeat);
    }
    return counts;
  }

  /** One conversation's messages, in order. A deferral defers the rest of them too. */
  async function sendTo(
    channel: ConversationDoc,
    units: Unit[],
    tracking: Map<string, Tracking>,
    finish: (tr: Tracking) => Promise<void>,
    counts: Counts,
  ): Promise<void> {
    const target = {
      conversationId: channel._id,
      tenantId: channel.tenantId,
      reference: channel.reference,
    };
    let deferred: SendResult | undefined;
    for (const [i, unit] of units.entries()) {
      const ids = unit.alerts.map((a) => a._id);
      const locale = channel.locale ?? o.locale ?? 'ja';
      // The conversation with more left to send goes first when the tenant's budget is short.
      const result = deferred ?? (await sendUnit(unit, target, locale, units.length - i));
      if (result.ok) {
        counts.messages++;
        const sent = {
          conversationId: channel._id,
          activityId: result.activityId,
          card: unit.card,
        };
        await alerts.recordDelivery(ids, sent);
        for (const id of ids) tracking.get(id)!.progress.sentActivities.push(sent);
      } else {
        if (result.kind === 'deferred') deferred = result;
        for (const id of ids) {
          const tr = tracking.get(id)!;
          tr.failures.push({ ...result, conversationId: channel._id });
          if (result.kind === 'permanent')
            tr.progress.failedDeliveries.push({
              conversationId: channel._id,
              error: result.error,
              at: new Date(),
            });
        }
        if (result.kind !== 'deferred')
          log.warn({ conversationId: channel._id, alerts: ids, ...result }, 'alert not sent');
      }
      for (const id of ids) {
        const tr = tracking.get(id)!;
        if (--tr.waiting === 0) await finish(tr);
      }
    }
  }

  async function sendUnit(
    unit: Unit,
    target: Parameters<Sender['send']>[0],
    locale: Locale,
    remaining: number,
  ): Promise<SendResult> {
    let activity;
    // Duplicates name the ledger device each MDM record became, as the ledger is now.
    const viewed = await withLedgerView(c, unit.alerts).catch((err: unknown) => {
      log.warn({ err }, 'could not look up the ledger devices of a duplicate alert');
      return unit.alerts;
    });
    try {
      activity = unitActivity({ ...unit, alerts: viewed }, locale);
    } catch (e) {
      // A payload the card cannot show will not render better next time.
      return { ok: false, kind: 'permanent', error: `card: ${String(e)}` };
    }
    return sender.send(target, activity, abort.signal, remaining);
  }

  async function settleAlert(tr: Tracking, counts: Counts) {
    const { alert, progress, failures } = tr;
    const s = settle(alert, progress.sentActivities.length, failures, policy, Date.now(), o.random);
    let ours: boolean;
    if (s.action === 'sent') {
      counts.sent++;
      ours = await alerts.markSent(alert._id, owner, progress, s.lastError);
    } else if (s.action === 'retry') {
      counts.retried++;
      ours = await alerts.markRetry(alert._id, owner, s.error, s.nextAttemptAt, progress);
    } else if (s.action === 'defer') {
      counts.deferred++;
      ours = await alerts.markDeferred(alert._id, owner, s.nextAttemptAt, progress);
    } else {
      counts.failed++;
      ours = await alerts.markFailed(alert._id, owner, s.error, progress);
      log.error({ alertId: alert._id, attempts: alert.attempts, error: s.error }, 'alert failed');
    }
    if (!ours) log.warn({ alertId: alert._id, action: s.action }, 'alert claim lost meanwhile');
  }

  let running: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<CycleCounts> => {
    const next = running.then(cycle);
    running = next.catch(() => undefined);
    return next;
  };

  const intervalMs = o.intervalMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    let full = false;
    try {
      const counts = await runOnce();
      if (counts.claimed > 0) log.info({ ...counts, mode }, 'notifier cycle');
      // A full batch means a backlog: go on at once rather than after a pause.
      full = counts.claimed >= batchSize;
    } catch (err) {
      log.error({ err }, 'notifier cycle failed');
    }
    if (!abort.signal.aborted) timer = setTimeout(() => void tick(), full ? 0 : intervalMs);
  };
  if (intervalMs > 0) timer = setTimeout(() => void tick(), 0);

  return {
    runOnce,
    async stop() {
      // Sends in flight give their alerts back (deferred), so nothing waits for a claim expiry.
      abort.abort();
      clearTimeout(timer);
      await running;
    },
    updateAlertCards: (alertId, render) =>
      updateAlertCards({ ...o, c, sender, log, locale: o.locale ?? 'ja' }, alertId, render),
  };
}
