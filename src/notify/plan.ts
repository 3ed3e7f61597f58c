import type { AlertDoc } from '../alerts';
import { fullJitter } from './clock';
import type { SendResult } from './sender';

/**
 * `each`: a card per alert, except that a burst of alerts of one type from one sync run becomes
 * one digest card. `digest`: one summary card per conversation per cycle.
 */
export type NotifyMode = 'each' | 'digest';

/** One message: an alert card, or a digest card that stands for several alerts. */
export interface Unit {
  card: 'alert' | 'digest';
  alerts: AlertDoc[];
}

/**
 * What to send to one conversation, in the alerts' order. In `each` mode a group (same type,
 * provider and run) larger than `threshold` is sent as one digest: 300 "missing from the MDM"
 * after an MDM outage would otherwise flood the channel and run into Teams' rate limits.
 * Alerts without a run are never grouped. In `digest` mode a single alert still gets its own
 * card: a digest of one would only lose the card's buttons.
 */
export function planUnits(alerts: AlertDoc[], mode: NotifyMode, threshold: number): Unit[] {
  if (alerts.length === 0) return [];
  if (mode === 'digest')
    return alerts.length === 1
      ? [{ card: 'alert', alerts }]
      : [{ card: 'digest', alerts: [...alerts] }];
  const groups = new Map<string, AlertDoc[]>();
  for (const a of alerts) {
    const key = a.runId ? `${a.type}|${a.provider}|${a.runId.toHexString()}` : `_id|${a._id}`;
    const group = groups.get(key);
    if (group) group.push(a);
    else groups.set(key, [a]);
  }
  const units: Unit[] = [];
  for (const group of groups.values()) {
    if (group.length > threshold) units.push({ card: 'digest', alerts: group });
    else for (const a of group) units.push({ card: 'alert', alerts: [a] });
  }
  return units;
}

export interface OutboxPolicy {
  /** Claims (cycles) per alert before a transient failure becomes final. */
  maxAttempts: number;
  /** Backoff between cycles, full jitter. */
  backoff: { baseMs: number; maxMs: number };
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  maxAttempts: 5,
  backoff: { baseMs: 30_000, maxMs: 30 * 60_000 },
};

export type Failure = SendResult & { ok: false; conversationId: string };

export type Settlement =
  | { action: 'sent'; lastError: string | null }
  | { action: 'retry'; error: string; nextAttemptAt: Date }
  | { action: 'defer'; nextAttemptAt: Date }
  | { action: 'failed'; error: string };

/**
 * The alert's state once every conversation it was meant for has answered this cycle.
 * `delivered`: conversations that have it now (earlier cycles included); `failures`: this
 * cycle's unsuccessful sends. Sent somewhere counts as sent; the refusals stay on record.
 */
export function settle(
  alert: Pick<AlertDoc, 'attempts'>,
  delivered: number,
  failures: Failure[],
  policy: OutboxPolicy,
  now: number,
  random: () => number = Math.random,
): Settlement {
  const describe = (fs: Failure[]) =>
    fs.map((f) => `${f.conversationId}: ${f.error}`).join('; ') || null;
  const transient = failures.filter((f) => f.kind === 'retry');
  const deferred = failures.filter((f) => f.kind === 'deferred');
  const permanent = describe(failures.filter((f) => f.kind === 'permanent'));
  if (transient.length > 0) {
    const error = describe(transient) ?? '';
    if (alert.attempts >= policy.maxAttempts) {
      const all = describe(failures) ?? error;
      return delivered > 0 ? { action: 'sent', lastError: all } : { action: 'failed', error: all };
    }
    const backoff = fullJitter(alert.attempts, policy.backoff.baseMs, policy.backoff.maxMs, random);
    const told = Math.max(0, ...transient.map((f) => f.waitMs ?? 0));
    return { action: 'retry', error, nextAttemptAt: new Date(now + Math.max(backoff, told)) };
  }
  if (deferred.length > 0) {
    const wait = Math.max(0, ...deferred.map((f) => f.waitMs ?? 0));
    return { action: 'defer', nextAttemptAt: new Date(now + wait) };
  }
  if (delivered > 0) return { action: 'sent', lastError: permanent };
  return { action: 'failed', error: permanent ?? 'no conversation to send it to' };
}
