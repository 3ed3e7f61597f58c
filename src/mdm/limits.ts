import { setTimeout as sleep } from 'node:timers/promises';

/**
 * At most `limit` requests in any `windowMs` (e.g. Intune's 2,000 per 20 s per app and tenant).
 * Waiting here is cheaper than being throttled: a 429 costs a round trip and a back-off.
 */
export class SlidingWindowLimiter {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves when one more request fits in the window (callers are served in order). */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForRoom());
    this.queue = turn;
    return turn;
  }

  private async waitForRoom(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && this.sent[0] <= now - this.windowMs) this.sent.shift();
      if (this.sent.length < this.limit) {
        this.sent.push(now);
        return;
      }
      await sleep(this.sent[0] + this.windowMs - now);
    }
  }
}

/** At most `max` calls of `run` at once (Jamf Pro copes with about five connections). */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly max: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, so `active` never exceeds `max`.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
