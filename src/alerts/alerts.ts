import type { Collection, Filter, IndexDescription, UpdateFilter } from 'mongodb';
import { onlyDuplicateKeys, writeErrorsOf } from '../errors';
import type { MdmProvider } from '../ledger/device';
import {
  isAlertOf,
  type AlertDoc,
  type AlertDocOf,
  type AlertStatus,
  type AlertType,
  type FailedDelivery,
  type SentActivity,
  type StoredResolution,
} from './alert-kinds';

/** What the notifier's cycle learnt about an alert, written with its new status. */
export interface Progress {
  sentActivities: SentActivity[];
  failedDeliveries: FailedDelivery[];
}

/** Not resolved yet, whatever became of its delivery. */
const OPEN: AlertStatus[] = ['pending', 'sending', 'sent'];
/** Still on its way to the alert channels (what `daicho sync status` counts as open). */
const UNSENT: AlertStatus[] = ['pending', 'sending'];

export const ALERT_INDEXES: IndexDescription[] = [
  { key: { status: 1, createdAt: 1 }, name: 'status_createdAt' },
  // The notifier's claim: due pending alerts, and expired claims of a replica that died.
  { key: { status: 1, nextAttemptAt: 1 }, name: 'status_nextAttemptAt' },
  { key: { status: 1, claimExpiresAt: 1 }, name: 'status_claimExpiresAt' },
];

const released = { claimedBy: null, claimExpiresAt: null };

/**
 * The alerts outbox: the one owner of the `alerts` collection. A sync raises alerts, the
 * notifier claims and settles them (several replicas side by side, each claim one atomic
 * update), an admin's button or the sync resolves them.
 */
export class Alerts {
  private readonly alerts: Collection<AlertDoc>;

  constructor(c: { alerts: Collection<AlertDoc> }) {
    this.alerts = c.alerts;
  }

  /** Inserts the alerts not raised yet: an `_id` already there is the same finding again. */
  async raise(docs: AlertDoc[]): Promise<number> {
    if (docs.length === 0) return 0;
    try {
      const r = await this.alerts.insertMany(docs, { ordered: false });
      return r.insertedCount;
    } catch (e) {
      // Duplicate keys are findings already raised: expected, not an error.
      const err = e as { code?: number; insertedCount?: number; writeErrors?: unknown };
      const errors = writeErrorsOf(err);
      if (onlyDuplicateKeys(err)) return err.insertedCount ?? docs.length - errors.length;
      if (err.code === 11000 && errors.length === 0) return 0;
      throw e;
    }
  }

  async find(id: string): Promise<AlertDoc | null> {
    return this.alerts.findOne({ _id: id });
  }

  /** The alert if it is of that kind, typed as such; null otherwise. */
  async findOf<T extends AlertType>(id: string, type: T): Promise<AlertDocOf<T> | null> {
    const alert = await this.alerts.findOne({ _id: id });
    return alert && isAlertOf(alert, type) ? alert : null;
  }

  /** Open alerts (not resolved) by type, for the status card. */
  async countOpenByType(): Promise<Partial<Record<AlertType, number>>> {
    const open = await this.alerts
      .aggregate<{ _id: AlertType; n: number }>([
        { $match: { status: { $in: OPEN } } },
        { $group: { _id: '$type', n: { $sum: 1 } } },
      ])
      .toArray();
    return Object.fromEntries(open.map((o) => [o._id, o.n]));
  }

  /** Alerts still on their way to the alert channels. */
  async countUnsent(): Promise<number> {
    return this.alerts.countDocuments({ status: { $in: UNSENT } });
  }

  async anyPending(): Promise<boolean> {
    return (await this.alerts.countDocuments({ status: 'pending' }, { limit: 1 })) > 0;
  }

  /**
   * Resolves the alert unless it is resolved already. One findOneAndUpdate, so of two admins
   * pressing at the same moment exactly one wins (and who did it is never overwritten).
   * Returns the resolved alert, or null when it was resolved already (or never raised).
   */
  async resolve(id: string, resolution?: StoredResolution): Promise<AlertDoc | null> {
    return this.alerts.findOneAndUpdate(
      { _id: id, status: { $ne: 'resolved' } },
      { $set: { status: 'resolved', ...(resolution ? { resolution } : {}) } },
      { returnDocument: 'after' },
    );
  }

  /** Unlinking an MDM: its alerts not sent yet are moot. */
  async resolvePendingOf(provider: MdmProvider): Promise<void> {
    await this.alerts.updateMany({ provider, status: 'pending' }, { $set: { status: 'resolved' } });
  }

  /**
   * Claims the oldest alert that is due: pending and past its backoff, or "sending" under a claim
   * that expired (the replica holding it died). One findOneAndUpdate, so of several replicas
   * exactly one gets it. `attempts` counts claims; a deferral gives its claim back.
   */
  async claimNext(owner: string, claimMs: number, now = new Date()): Promise<AlertDoc | null> {
    const due: Filter<AlertDoc> = {
      $or: [
        { status: 'pending', nextAttemptAt: null },
        { status: 'pending', nextAttemptAt: { $lte: now } },
        { status: 'sending', claimExpiresAt: { $lt: now } },
      ],
    };
    return this.alerts.findOneAndUpdate(
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

  async claimBatch(owner: string, claimMs: number, max: number): Promise<AlertDoc[]> {
    const claimed: AlertDoc[] = [];
    while (claimed.length < max) {
      const alert = await this.claimNext(owner, claimMs);
      if (!alert) break;
      claimed.push(alert);
    }
    return claimed;
  }

  /** Keeps our claims alive while a long cycle (rate-limited sends) is still working on them. */
  async extendClaims(owner: string, ids: string[], claimMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.alerts.updateMany(
      { _id: { $in: ids }, status: 'sending', claimedBy: owner },
      { $set: { claimExpiresAt: new Date(Date.now() + claimMs) } },
    );
  }

  /**
   * Written at once after each successful send, before the alert is settled: if this replica
   * dies now, whoever takes the alert over skips the conversations that already have it.
   */
  async recordDelivery(ids: string[], sent: SentActivity): Promise<void> {
    await this.alerts.updateMany({ _id: { $in: ids } }, { $push: { sentActivities: sent } });
  }

  /** Where the alert's cards were sent (to update them in place). */
  async sentActivitiesOf(id: string): Promise<SentActivity[]> {
    return (await this.find(id))?.sentActivities ?? [];
  }

  async markSent(
    id: string,
    owner: string,
    progress: Progress,
    lastError: string | null = null,
    now = new Date(),
  ): Promise<boolean> {
    const done = await this.settleClaimed(id, owner, {
      ...progress,
      status: 'sent',
      sentAt: now,
      lastError,
    });
    // Resolved by someone while we were sending: keep the activity ids all the same, so the
    // cards can still be updated to show it.
    if (!done)
      await this.alerts.updateOne({ _id: id, status: 'resolved' }, { $set: { ...progress } });
    return done;
  }

  async markRetry(
    id: string,
    owner: string,
    error: string,
    nextAttemptAt: Date,
    progress: Progress,
  ): Promise<boolean> {
    return this.settleClaimed(id, owner, {
      ...progress,
      status: 'pending',
      lastError: error,
      nextAttemptAt,
    });
  }

  /** Given up: kept with the reason and the time, for the status card and for an admin to see. */
  async markFailed(
    id: string,
    owner: string,
    error: string,
    progress: Progress,
    now = new Date(),
  ): Promise<boolean> {
    return this.settleClaimed(id, owner, {
      ...progress,
      status: 'failed',
      lastError: error,
      failedAt: now,
    });
  }

  /** Not tried (rate limit too far off, or stopping): back to pending, the attempt not counted. */
  async markDeferred(
    id: string,
    owner: string,
    nextAttemptAt: Date,
    progress: Progress,
  ): Promise<boolean> {
    return this.settleClaimed(
      id,
      owner,
      { ...progress, status: 'pending', nextAttemptAt },
      { attempts: -1 },
    );
  }

  /**
   * Settles a claimed alert. Only while the claim is still ours: had it expired and another
   * replica taken over, that one decides. Returns false when the claim was lost.
   */
  private async settleClaimed(
    id: string,
    owner: string,
    update: Partial<AlertDoc>,
    inc?: { attempts: number },
  ): Promise<boolean> {
    const set: UpdateFilter<AlertDoc> = { $set: { ...released, ...update } };
    const r = await this.alerts.updateOne(
      { _id: id, status: 'sending', claimedBy: owner },
      inc ? { ...set, $inc: inc } : set,
    );
    return r.matchedCount === 1;
  }
}
