import type { Filter } from 'mongodb';
import type { AlertDoc, Collections } from '../db/collections';

export type SentActivity = NonNullable<AlertDoc['sentActivities']>[number];
export type FailedDelivery = NonNullable<AlertDoc['failedDeliveries']>[number];

/** What the cycle learnt about an alert, written with its new status. */
export interface Progress {
  sentActivities: SentActivity[];
  failedDeliveries: FailedDelivery[];
}

/**
 * Claims the oldest alert that is due: pending and past its backoff, or "sending" under a claim
 * that expired (the replica holding it died). One findOneAndUpdate, so of several replicas
 * exactly one gets it. `attempts` counts claims; a deferral gives its claim back.
 */
export async function claimNext(
  c: Collections,
  owner: string,
  claimMs: number,
  now = new Date(),
): Promise<AlertDoc | null> {
  const due: Filter<AlertDoc> = {
    $or: [
      { status: 'pending', nextAttemptAt: null },
      { status: 'pending', nextAttemptAt: { $lte: now } },
      { status: 'sending', claimExpiresAt: { $lt: now } },
    ],
  };
  return c.alerts.findOneAndUpdate(
    due,
    {
      $set: {
        status: 'sending',
        claimedBy: owner,
        claimExpiresAt: new Date(now.getTime() + claimMs),
      },
      $inc: { attempts: 1 },
    },
    { sort: { createdAt: 1 }, returnDocument: 'after' },
  );
}

export async function claimBatch(
  c: Collections,
  owner: string,
  claimMs: number,
  max: number,
): Promise<AlertDoc[]> {
  const claimed: AlertDoc[] = [];
  while (claimed.length < max) {
    const alert = await claimNext(c, owner, claimMs);
    if (!alert) break;
    claimed.push(alert);
  }
  return claimed;
}

/** Keeps our claims alive while a long cycle (rate-limited sends) is still working on them. */
export async function extendClaims(
  c: Collections,
  owner: string,
  ids: string[],
  claimMs: number,
): Promise<void> {
  if (ids.length === 0) return;
  await c.alerts.updateMany(
    { _id: { $in: ids }, status: 'sending', claimedBy: owner },
    { $set: { claimExpiresAt: new Date(Date.now() + claimMs) } },
  );
}

/**
 * Written at once after each successful send, before the alert is settled: if this replica
 * dies now, whoever takes the alert over skips the conversations that already have it.
 */
export async function recordDelivery(
  c: Collections,
  ids: string[],
  sent: SentActivity,
): Promise<void> {
  await c.alerts.updateMany({ _id: { $in: ids } }, { $push: { sentActivities: sent } });
}

const released = { claimedBy: null, claimExpiresAt: null };

/**
 * Settles a claimed alert. Only while the claim is still ours: had it expired and another
 * replica taken over, that one decides. Returns false when the claim was lost.
 */
async function settleClaimed(
  c: Collections,
  id: string,
  owner: string,
  update: Record<string, unknown>,
  inc?: Record<string, number>,
): Promise<boolean> {
  const r = await c.alerts.updateOne(
    { _id: id, status: 'sending', claimedBy: owner },
    { $set: { ...released, ...update }, ...(inc ? { $inc: inc } : {}) },
  );
  return r.matchedCount === 1;
}

export async function markSent(
  c: Collections,
  id: string,
  owner: string,
  progress: Progress,
  lastError: string | null = null,
  now = new Date(),
): Promise<boolean> {
  const done = await settleClaimed(c, id, owner, {
    ...progress,
    status: 'sent',
    sentAt: now,
    lastError,
  });
  // Resolved by someone while we were sending: keep the activity ids all the same, so the
  // cards can still be updated to show it.
  if (!done) await c.alerts.updateOne({ _id: id, status: 'resolved' }, { $set: { ...progress } });
  return done;
}

export async function markRetry(
  c: Collections,
  id: string,
  owner: string,
  error: string,
  nextAttemptAt: Date,
  progress: Progress,
): Promise<boolean> {
  return settleClaimed(c, id, owner, {
    ...progress,
    status: 'pending',
    lastError: error,
    nextAttemptAt,
  });
}

/** Given up: kept with the reason and the time, for the status card and for an admin to see. */
export async function markFailed(
  c: Collections,
  id: string,
  owner: string,
  error: string,
  progress: Progress,
  now = new Date(),
): Promise<boolean> {
  return settleClaimed(c, id, owner, {
    ...progress,
    status: 'failed',
    lastError: error,
    failedAt: now,
  });
}

/** Not tried (rate limit too far off, or stopping): back to pending, the attempt not counted. */
export async function markDeferred(
  c: Collections,
  id: string,
  owner: string,
  nextAttemptAt: Date,
  progress: Progress,
): Promise<boolean> {
  return settleClaimed(
    c,
    id,
    owner,
    { ...progress, status: 'pending', nextAttemptAt },
    { attempts: -1 },
  );
}
