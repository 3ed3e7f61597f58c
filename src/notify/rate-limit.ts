import { systemClock, type Clock } from './clock';

/** At most `limit` sends in any sliding window of `windowMs`. */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Every rule holds for each conversation on its own. */
  perConversation: WindowRule[];
  /** Every rule holds for all conversations of one tenant together (per bot app). */
  perTenant: WindowRule[];
  /**
   * Added to every window. We count when a request leaves; Teams counts when it arrives, and
   * event-loop lag and network jitter bunch arrivals closer together than the sends were (by
   * 30–40 ms measured with the stub connector in a busy test process). Costs nothing sustained:
   * past a burst, 8 per 2 s and 60 per 30 s set the pace.
   */
  marginMs: number;
}

/** Teams' documented limits for bot sends (see FACTS.md): all of them apply at once. */
export const TEAMS_LIMITS: RateLimits = {
  perConversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ limit: 50, windowMs: 1_000 }],
  marginMs: 100,
};

export interface AcquireOptions {
  /** Give up (return false, nothing reserved) rather than wait longer than this. */
  maxWaitMs?: number;
  /** Aborting makes a waiting acquire return false at once. */
  signal?: AbortSignal;
}

/**
 * Sliding-window limiter for proactive sends. Sends to one conversation are granted in call
 * order (a queue per conversation), so cards arrive in the order they were sent and only the
 * head of each queue competes for the tenant's budget. A waiter sleeps exactly until the oldest
 * send that blocks it leaves its window, then checks again: another conversation may have taken
 * the tenant's slot meanwhile. No polling.
 *
 * In-process only: several replicas each keep their own count, so together they can exceed the
 * limits; Teams then answers 429, which the sender retries.
 */
export class RateLimiter {
  /** Grant times per key, ascending (grants are only ever made "now"). */
  private readonly grants = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly limits: RateLimits = TEAMS_LIMITS,
    private readonly clock: Clock = systemClock,
  ) {
    for (const rule of [...limits.perConversation, ...limits.perTenant])
      if (!(rule.limit >= 1 && rule.windowMs > 0))
        throw new Error(`rate limit: bad rule ${JSON.stringify(rule)}`);
  }

  /** Milliseconds from now until one more send to the conversation is within every limit. */
  delay(conversationId: string, tenantId: string | null, now = this.clock.now()): number {
    return Math.max(
      0,
      wait(this.grants.get(convKey(conversationId)), this.limits.perConversation, this.limits, now),
      wait(this.grants.get(tenantKey(tenantId)), this.limits.perTenant, this.limits, now),
    );
  }

  /**
   * Waits until a send to the conversation is allowed and counts it. Returns false (counting
   * nothing) when the wait would exceed `maxWaitMs` or the signal aborted.
   */
  async acquire(
    conversationId: string,
    tenantId: string | null,
    options: AcquireOptions = {},
  ): Promise<boolean> {
    const key = convKey(conversationId);
    const deadline = this.clock.now() + (options.maxWaitMs ?? Infinity);
    const previous = this.queues.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.queues.set(key, tail);
    try {
      await previous;
      for (;;) {
        if (options.signal?.aborted) return false;
        const now = this.clock.now();
        const ms = this.delay(conversationId, tenantId, now);
        if (ms <= 0) {
          this.record(key, this.limits.perConversation, now);
          this.record(tenantKey(tenantId), this.limits.perTenant, now);
          return true;
        }
        if (now + ms > deadline) return false;
        await this.clock.sleep(ms, options.signal);
      }
    } finally {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  private record(key: string, rules: WindowRule[], now: number): void {
    let list = this.grants.get(key);
    if (!list) this.grants.set(key, (list = []));
    list.push(now);
    // Keep only what the longest window can still see.
    const horizon = now - Math.max(0, ...rules.map((r) => r.windowMs)) - this.limits.marginMs;
    let drop = 0;
    while (drop < list.length && list[drop] <= horizon) drop++;
    if (drop > 0) list.splice(0, drop);
  }
}

const convKey = (conversationId: string) => `c:${conversationId}`;
const tenantKey = (tenantId: string | null) => `t:${tenantId ?? ''}`;

/**
 * A send at time x is allowed by a rule when fewer than `limit` grants lie in (x - window, x].
 * With the grants ascending, that is x >= grants[n - limit] + window.
 */
function wait(
  list: number[] | undefined,
  rules: WindowRule[],
  limits: RateLimits,
  now: number,
): number {
  if (!list) return 0;
  let ms = 0;
  for (const rule of rules) {
    if (list.length < rule.limit) continue;
    const freeAt = list[list.length - rule.limit] + rule.windowMs + limits.marginMs;
    ms = Math.max(ms, freeAt - now);
  }
  return ms;
}
