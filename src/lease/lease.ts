import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Collection } from 'mongodb';
import { processAlive } from '../process-alive';
import { DaichoError, isDuplicateKeyError, type ErrorCode } from '../errors';
import type { MessageKey } from '../i18n/messages';

/** Tries to give a lease back before leaving it to expire (see `release`). */
const RELEASE_ATTEMPTS = 4;

/** One lease per job kind; whoever holds an unexpired lease runs that job. */
export interface LeaseDoc {
  _id: string;
  holder: string;
  host: string;
  pid: number;
  acquiredAt: Date;
  expiresAt: Date;
}

export interface LeaseHolder {
  holder: string;
  host: string;
  pid: number;
  expiresAt: Date;
}

/**
 * A lease document with an expiry: whoever holds an unexpired lease runs the job. Taken with one
 * conditional upsert (a competing upsert fails on the `_id` unique key), renewed while the job
 * runs, and released at the end; a holder that dies simply lets it expire.
 */
export class Lease {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly leases: Collection<LeaseDoc>,
    private readonly name: string,
    private readonly ttlMs = 120_000,
  ) {}

  /**
   * Takes the lease, or throws `code` with `messageKey` naming who holds it (holder, host, pid and
   * until), the refusal every job that runs one at a time gives.
   */
  async acquireOrThrow(code: ErrorCode, messageKey: MessageKey): Promise<void> {
    const taken = await this.acquire();
    if (taken.ok) return;
    const h = taken.heldBy;
    throw new DaichoError(code, messageKey, {
      holder: h.holder,
      host: h.host,
      pid: h.pid,
      until: h.expiresAt.toISOString(),
    });
  }

  /** Takes the lease, or returns who holds it. */
  async acquire(): Promise<{ ok: true } | { ok: false; heldBy: LeaseHolder }> {
    const now = new Date();
    try {
      await this.leases.findOneAndUpdate(
        { _id: this.name, $or: [{ expiresAt: { $lt: now } }, { holder: this.id }] },
        {
          $set: {
            holder: this.id,
            host: os.hostname(),
            pid: process.pid,
            acquiredAt: now,
            expiresAt: new Date(now.getTime() + this.ttlMs),
          },
        },
        { upsert: true },
      );
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e;
      const doc = await this.leases.findOne({ _id: this.name });
      if (!doc) return this.acquire();
      // A holder on this machine that no longer exists (killed) cannot renew: take over now
      // rather than make the admin wait out its expiry.
      if (doc.host === os.hostname() && doc.pid !== process.pid && !processAlive(doc.pid)) {
        const expired = await this.leases.updateOne(
          { _id: this.name, holder: doc.holder },
          { $set: { expiresAt: new Date(0) } },
        );
        if (expired.modifiedCount === 1) return this.acquire();
      }
      return {
        ok: false,
        heldBy: { holder: doc.holder, host: doc.host, pid: doc.pid, expiresAt: doc.expiresAt },
      };
    }
    this.timer = setInterval(() => void this.renew(), this.ttlMs / 3);
    this.timer.unref();
    return { ok: true };
  }

  private async renew(): Promise<void> {
    await this.leases
      .updateOne(
        { _id: this.name, holder: this.id },
        { $set: { expiresAt: new Date(Date.now() + this.ttlMs) } },
      )
      .catch(() => undefined); // a missed renewal only shortens the lease
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    // A run often ends in failure because the database went away for a moment; released only
    // once, the lease would then block the next run until it expires. So: a few tries, ~1.5 s.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.leases.deleteOne({ _id: this.name, holder: this.id });
        return;
      } catch (e) {
        if (attempt >= RELEASE_ATTEMPTS) throw e;
        await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
      }
    }
  }
}

/** The one owner of the leases collection: the leases of the jobs, and who holds one now. */
export class Leases {
  constructor(private readonly leases: Collection<LeaseDoc>) {}

  /** A lease of this process on the job `name`. */
  lease(name: string, ttlMs?: number): Lease {
    return new Lease(this.leases, name, ttlMs);
  }

  /** Who holds the job's lease now (unexpired), if anyone: what `sync status` shows. */
  holder(name: string): Promise<LeaseDoc | null> {
    return this.leases.findOne({ _id: name, expiresAt: { $gt: new Date() } });
  }
}
