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
  /**
   * Who gets the tenant's next slot when several conversations wait for it: the highest first
   * (the notifier passes how many messages the conversation still has to send), then the one
   * that has waited longest. Default 0.
   */
  priority?: number;
}

interface Waiter {
  conversationId: string;
  tenantId: string | null;
  priority: number;
  seq: number;
  deadline: number;
  resolve: (granted: boolean) => void;
}

/**
 * Sliding-window limiter for proactive sends. Sends to one conversation are granted in call
 * order (a queue per conversation), so cards arrive in the order they were sent; the head of
 * each queue waits in its tenant's set. One scheduler per tenant grants every waiter the rules
 * allow now, in priority order, and sleeps exactly until the earliest moment one more could go:
 * no polling, and no race between sleepers for a freed slot. The priority matters at the end of
 * a burst: conversations that fell behind (a slow reply, a retry) would otherwise finish alone,
 * each capped at 8 per 2 s, long after the tenant's budget fell idle (measured: a 4-second tail
 * on 1,000 cards to 20 conversations).
 *
 * In-process only: several replicas each keep their own count, so together they can exceed the
 * limits; Teams then answers 429, which the sender retries.
 */
export class RateLimiter {
  /** Grant times per key, ascending (grants are only ever made "now"). */
  private readonly grants = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, Set<Waiter>>();
  private readonly timers = new Map<string, { at: number; cancel: AbortController }>();
  private seq = 0;

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
      if (options.signal?.aborted) return false;
      return await this.enter(
        { conversationId, tenantId, priority: options.priority ?? 0, seq: this.seq++, deadline },
        options.signal,
      );
    } finally {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  /** Joins the tenant's waiters; resolves true when granted, false when given up or aborted. */
  private enter(w: Omit<Waiter, 'resolve'>, signal: AbortSignal | undefined): Promise<boolean> {
    const key = tenantKey(w.tenantId);
    return new Promise<boolean>((resolve) => {
      // The notifier shares one signal between all its sends: the listener goes with the wait.
      const onAbort = () => this.settle(key, waiter, false);
      const waiter: Waiter = {
        ...w,
        resolve: (granted) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(granted);
        },
      };
      let set = this.waiting.get(key);
      if (!set) this.waiting.set(key, (set = new Set()));
      set.add(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pump(key);
    });
  }

  private settle(key: string, waiter: Waiter, granted: boolean): void {
    const set = this.waiting.get(key);
    if (!set?.delete(waiter)) return;
    if (set.size === 0) this.waiting.delete(key);
    waiter.resolve(granted);
  }

  /** Grants what the rules allow now, best priority first; then sleeps until the next chance. */
  private pump(key: string): void {
    const set = this.waiting.get(key);
    if (!set) return;
    const now = this.clock.now();
    let next = Infinity;
    for (const w of [...set].sort((a, b) => b.priority - a.priority || a.seq - b.seq)) {
      const ms = this.delay(w.conversationId, w.tenantId, now);
      if (ms <= 0) {
        this.record(convKey(w.conversationId), this.limits.perConversation, now);
        this.record(key, this.limits.perTenant, now);
        this.settle(key, w, true);
      } else if (now + ms > w.deadline) {
        this.settle(key, w, false);
      } else {
        next = Math.min(next, now + ms);
      }
    }
    if (next !== Infinity) this.wakeAt(key, next, now);
  }

  /** One timer per tenant, for the earliest moment a waiter could go. */
  private wakeAt(key: string, at: number, now: number): void {
    const pending = this.timers.get(key);
    if (pending && pending.at <= at) return;
    pending?.cancel.abort();
    const cancel = new AbortController();
    this.timers.set(key, { at, cancel });
    void this.clock.sleep(at - now, cancel.signal).then(() => {
      if (cancel.signal.aborted) return;
      this.timers.delete(key);
      this.pump(key);
    });
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
