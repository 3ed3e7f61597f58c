import type { Alerts, Progress } from '../alerts';
import type { ConversationDoc, ConversationStore } from '../conversations/conversation-store';
import type { AlertDoc } from '../alerts';
import type { DeviceReads } from '../ledger/device-reads';
import { t, type Locale } from '../i18n/messages';
import type { Logger } from '../log';
import { withLedgerView } from '../cards/alert-ledger';
import { unitActivity } from './cards';
import {
  planUnits,
  settle,
  type Failure,
  type NotifyMode,
  type OutboxPolicy,
  type Unit,
} from './plan';
import type { Sender, SendResult } from './sender';

// One notifier cycle: claim a batch → plan the messages per conversation → send → settle each
// alert. Module functions over a NotifierState (what lasts between cycles) and a Batch (what
// lasts for one claimed batch), rather than closures in startNotifier, so each step reads alone.

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

/** A notifier's options with their defaults, and what its cycles carry from one to the next. */
export interface NotifierState {
  deviceReads: Pick<DeviceReads, 'identities'>;
  conversations: ConversationStore;
  alerts: Alerts;
  log: Logger;
  mode: NotifyMode;
  digestThreshold: number;
  /** Language of the cards where the conversation has none. */
  locale: Locale;
  batchSize: number;
  claimMs: number;
  policy: OutboxPolicy;
  /** This replica's name on its claims. */
  owner: string;
  sender: Sender;
  random?: () => number;
  /** Aborted by stop(): no new batch is claimed, and sends in flight give their alerts back. */
  abort: AbortController;
  /** The missing alert channel is said once, not every cycle. */
  warnedNoChannel: boolean;
}

/** Per alert, while its conversations answer. */
interface Tracking {
  alert: AlertDoc;
  progress: Progress;
  failures: Failure[];
  waiting: number;
}

/** One claimed batch on its way to the alert channels. */
interface Batch {
  tracking: Map<string, Tracking>;
  /** Alerts not settled yet: the ones whose claims the heartbeat extends. */
  inflight: Set<string>;
  counts: Counts;
}

export async function runCycle(s: NotifierState): Promise<CycleCounts> {
  const counts = { claimed: 0, sent: 0, retried: 0, failed: 0, deferred: 0, messages: 0 };
  const channels = await s.conversations.alertChannels();
  if (channels.length === 0) {
    // Alerts stay pending until someone picks a channel. Said once, and only when there is
    // something waiting: every cycle would be noise.
    if (!s.warnedNoChannel && (await s.alerts.anyPending())) {
      s.log.warn(t('en', 'notify.noAlertChannel'));
      s.warnedNoChannel = true;
    }
    return { ...counts, noChannel: true };
  }
  s.warnedNoChannel = false;
  return { ...(await sendBatch(s, channels, counts)), noChannel: false };
}

/** Claims a batch and sends it to every alert channel. */
async function sendBatch(
  s: NotifierState,
  channels: ConversationDoc[],
  counts: Counts,
): Promise<Counts> {
  if (s.abort.signal.aborted) return counts;
  const claimed = await s.alerts.claimBatch(s.owner, s.claimMs, s.batchSize);
  counts.claimed = claimed.length;
  if (claimed.length === 0) return counts;

  const tracking = track(claimed);
  const plans = channels.map((channel) => planChannel(s, channel, claimed, tracking));
  const batch: Batch = { tracking, inflight: new Set(tracking.keys()), counts };
  const heartbeat = holdClaims(s, batch.inflight);
  try {
    for (const tr of tracking.values()) if (tr.waiting === 0) await finish(s, batch, tr);
    const results = await Promise.allSettled(
      plans.map(({ channel, units }) => sendTo(s, batch, channel, units)),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    clearInterval(heartbeat);
  }
  return counts;
}

/** Starts each claimed alert's tracking from what earlier attempts already delivered. */
function track(claimed: AlertDoc[]): Map<string, Tracking> {
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
  return tracking;
}

/** One conversation's messages; each alert due there waits for this conversation's answer. */
function planChannel(
  s: NotifierState,
  channel: ConversationDoc,
  claimed: AlertDoc[],
  tracking: Map<string, Tracking>,
): { channel: ConversationDoc; units: Unit[] } {
  // Skip where it already is (sent before a crash) or was refused for good.
  const due = claimed.filter((a) => {
    const p = tracking.get(a._id)!.progress;
    const here = (x: { conversationId: string }) => x.conversationId === channel._id;
    return !p.sentActivities.some(here) && !p.failedDeliveries.some(here);
  });
  for (const a of due) tracking.get(a._id)!.waiting++;
  return { channel, units: planUnits(due, s.mode, s.digestThreshold) };
}

/**
 * Renews the claims on the alerts still being sent, so another replica does not take them over
 * while a slow batch (rate limits, retries) is under way. Stop it with clearInterval.
 */
function holdClaims(s: NotifierState, inflight: Set<string>): NodeJS.Timeout {
  const heartbeat = setInterval(() => {
    s.alerts.extendClaims(s.owner, [...inflight], s.claimMs).catch((err: unknown) => {
      s.log.warn({ err }, 'could not extend the claims on alerts being sent');
    });
  }, s.claimMs / 3);
  heartbeat.unref();
  return heartbeat;
}

/** Once all its conversations answered: the alert leaves the heartbeat and is settled. */
async function finish(s: NotifierState, batch: Batch, tr: Tracking): Promise<void> {
  batch.inflight.delete(tr.alert._id);
  await settleAlert(s, tr, batch.counts);
}

/** One conversation's messages, in order. A deferral defers the rest of them too. */
async function sendTo(
  s: NotifierState,
  batch: Batch,
  channel: ConversationDoc,
  units: Unit[],
): Promise<void> {
  const { tracking, counts } = batch;
  const target = {
    conversationId: channel._id,
    tenantId: channel.tenantId,
    reference: channel.reference,
  };
  let deferred: SendResult | undefined;
  for (const [i, unit] of units.entries()) {
    const ids = unit.alerts.map((a) => a._id);
    const locale = channel.locale ?? s.locale;
    // The conversation with more left to send goes first when the tenant's budget is short.
    const result = deferred ?? (await sendUnit(s, unit, target, locale, units.length - i));
    if (result.ok) {
      counts.messages++;
      const sent = {
        conversationId: channel._id,
        activityId: result.activityId,
        card: unit.card,
      };
      await s.alerts.recordDelivery(ids, sent);
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
        s.log.warn({ conversationId: channel._id, alerts: ids, ...result }, 'alert not sent');
    }
    for (const id of ids) {
      const tr = tracking.get(id)!;
      if (--tr.waiting === 0) await finish(s, batch, tr);
    }
  }
}

async function sendUnit(
  s: NotifierState,
  unit: Unit,
  target: Parameters<Sender['send']>[0],
  locale: Locale,
  remaining: number,
): Promise<SendResult> {
  let activity;
  // Duplicates name the ledger device each MDM record became, as the ledger is now.
  const viewed = await withLedgerView(s.deviceReads, unit.alerts).catch((err: unknown) => {
    s.log.warn({ err }, 'could not look up the ledger devices of a duplicate alert');
    return unit.alerts;
  });
  try {
    activity = unitActivity({ ...unit, alerts: viewed }, locale);
  } catch (e) {
    // A payload the card cannot show will not render better next time.
    return { ok: false, kind: 'permanent', error: `card: ${String(e)}` };
  }
  return s.sender.send(target, activity, s.abort.signal, remaining);
}

async function settleAlert(s: NotifierState, tr: Tracking, counts: Counts): Promise<void> {
  const { alerts, owner, log } = s;
  const { alert, progress, failures } = tr;
  const st = settle(
    alert,
    progress.sentActivities.length,
    failures,
    s.policy,
    Date.now(),
    s.random,
  );
  let ours: boolean;
  if (st.action === 'sent') {
    counts.sent++;
    ours = await alerts.markSent(alert._id, owner, progress, st.lastError);
  } else if (st.action === 'retry') {
    counts.retried++;
    ours = await alerts.markRetry(alert._id, owner, st.error, st.nextAttemptAt, progress);
  } else if (st.action === 'defer') {
    counts.deferred++;
    ours = await alerts.markDeferred(alert._id, owner, st.nextAttemptAt, progress);
  } else {
    counts.failed++;
    ours = await alerts.markFailed(alert._id, owner, st.error, progress);
    log.error({ alertId: alert._id, attempts: alert.attempts, error: st.error }, 'alert failed');
  }
  if (!ours) log.warn({ alertId: alert._id, action: st.action }, 'alert claim lost meanwhile');
}
