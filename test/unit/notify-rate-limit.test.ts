import { getEventListeners } from 'node:events';
import type { Clock } from '../../src/notify/clock';
import { RateLimiter, TEAMS_LIMITS, type WindowRule } from '../../src/notify/rate-limit';

/**
 * Virtual time: sleeping registers a timer; `run` fires the earliest one whenever every promise
 * has settled. An hour of Teams' limits runs in milliseconds, and each sleep is recorded, so a
 * busy loop (many short sleeps) would show.
 */
class VirtualClock implements Clock {
  private t = 0;
  private timers: { at: number; resolve: () => void }[] = [];
  readonly sleeps: number[] = [];
  now = () => this.t;
  sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      this.sleeps.push(ms);
      const timer = { at: this.t + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((x) => x !== timer);
        resolve();
      });
    });
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => (done = true));
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) return result;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) throw new Error('deadlock: nothing to wait for');
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}

/** Grant times never break a rule: at most `limit` in any window of windowMs (+ margin). */
function worstWindow(times: number[], rule: WindowRule, marginMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= rule.windowMs + marginMs) i++;
    max = Math.max(max, j - i + 1);
  }
  return max;
}

async function grants(
  limiter: RateLimiter,
  clock: VirtualClock,
  sends: { conversation: string; tenant: string }[],
) {
  const times: { conversation: string; tenant: string; at: number }[] = [];
  await clock.run(
    Promise.all(
      sends.map(async (s) => {
        expect(await limiter.acquire(s.conversation, s.tenant)).toBe(true);
        times.push({ ...s, at: clock.now() });
      }),
    ),
  );
  return times;
}

/** A tenant allowed one send a second, its slot for this second just taken by `first`. */
async function tenantAtOnePerSecond(perConversation: WindowRule, first = 'first') {
  const clock = new VirtualClock();
  const limits = { perConversation: [perConversation], perTenant: [{ limit: 1, windowMs: 1_000 }] };
  const limiter = new RateLimiter({ ...limits, marginMs: 0 }, clock);
  expect(await limiter.acquire(first, 't')).toBe(true);
  return { clock, limiter };
}

describe('RateLimiter with Teams limits (virtual clock)', () => {
  const { marginMs } = TEAMS_LIMITS;

  it('paces one conversation at 7/1 s, 8/2 s, 60/30 s and waits only as long as needed', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(TEAMS_LIMITS, clock);
    const times = (
      await grants(
        limiter,
        clock,
        Array.from({ length: 100 }, () => ({ conversation: 'c1', tenant: 't1' })),
      )
    ).map((g) => g.at);
    for (const rule of TEAMS_LIMITS.perConversation)
      expect(worstWindow(times, rule, 0)).toBeLessThanOrEqual(rule.limit);
    // 7 at once, the 8th when the first leaves the 1 s window, the 9th the 2 s one.
    expect(times.slice(0, 7)).toEqual(Array(7).fill(0));
    expect(times[7]).toBe(1000 + marginMs);
    expect(times[8]).toBe(2000 + marginMs);
    // The 61st waits for the first to leave the 30 s window.
    expect(times[60]).toBe(30_000 + marginMs);
    // Minimal: every grant is either immediate or exactly when a rule lets it through.
    for (let k = 1; k < times.length; k++) {
      if (times[k] === times[k - 1]) continue;
      const allowedAt = TEAMS_LIMITS.perConversation
        .filter((r) => k >= r.limit)
        .map((r) => times[k - r.limit] + r.windowMs + marginMs);
      expect(allowedAt).toContain(times[k]);
    }
    // One sleep per blocked grant at most, never a zero-length spin.
    expect(clock.sleeps.every((ms) => ms > 0)).toBe(true);
    expect(clock.sleeps.length).toBeLessThanOrEqual(100);
  });

  it('holds the hourly 1,800 per conversation', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(TEAMS_LIMITS, clock);
    const sends = Array.from({ length: 1_801 }, () => ({ conversation: 'c1', tenant: 't1' }));
    const times = (await grants(limiter, clock, sends)).map((g) => g.at);
    expect(times[1_800]).toBe(3_600_000 + marginMs);
    expect(worstWindow(times, { limit: 1_800, windowMs: 3_600_000 }, 0)).toBe(1_800);
  });

  it('shares 50/s between the conversations of a tenant, not across tenants', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(TEAMS_LIMITS, clock);
    const sends = [];
    for (let i = 0; i < 20; i++)
      for (let k = 0; k < 5; k++) sends.push({ conversation: `a${i}`, tenant: 'A' });
    for (let i = 0; i < 7; i++) sends.push({ conversation: `b${i}`, tenant: 'B' });
    const times = await grants(limiter, clock, sends);
    const tenantA = times.filter((g) => g.tenant === 'A').map((g) => g.at);
    expect(worstWindow(tenantA, TEAMS_LIMITS.perTenant[0], 0)).toBe(50);
    // 100 sends at 50 per second: the second 50 as soon as the first leave the window.
    expect(Math.max(...tenantA)).toBe(1000 + marginMs);
    for (let i = 0; i < 20; i++) {
      const conv = times.filter((g) => g.conversation === `a${i}`).map((g) => g.at);
      expect(worstWindow(conv, TEAMS_LIMITS.perConversation[0], 0)).toBeLessThanOrEqual(7);
    }
    // Tenant B is not held up by A's queue.
    expect(times.filter((g) => g.tenant === 'B').every((g) => g.at === 0)).toBe(true);
  });

  it('keeps the order of one conversation', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(TEAMS_LIMITS, clock);
    const order: number[] = [];
    await clock.run(
      Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          await limiter.acquire('c1', 't1');
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('gives the tenant’s next slot to the conversation with the most left to send', async () => {
    // One send per second for the tenant, none that a conversation limit would stop.
    const { clock, limiter } = await tenantAtOnePerSecond({ limit: 100, windowMs: 1_000 });
    const at: Record<string, number> = {};
    const take = async (conversation: string, priority: number) => {
      await limiter.acquire(conversation, 't', { priority });
      at[conversation] = clock.now();
    };
    // Asked in this order; the one with most left goes first, equal ones in the order asked.
    await clock.run(Promise.all([take('low', 1), take('high', 5), take('also-high', 5)]));
    expect(at).toEqual({ high: 1_000, 'also-high': 2_000, low: 3_000 });
  });

  it('lets a lower priority use a slot that the higher one’s own limit keeps it from', async () => {
    const { clock, limiter } = await tenantAtOnePerSecond({ limit: 1, windowMs: 5_000 }, 'busy');
    const at: Record<string, number> = {};
    await clock.run(
      Promise.all(
        (['busy', 'other'] as const).map(async (conversation) => {
          await limiter.acquire(conversation, 't', { priority: conversation === 'busy' ? 9 : 1 });
          at[conversation] = clock.now();
        }),
      ),
    );
    expect(at).toEqual({ other: 1_000, busy: 5_000 });
  });

  it('gives up without counting when the wait would exceed maxWaitMs', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(TEAMS_LIMITS, clock);
    for (let i = 0; i < 7; i++) await limiter.acquire('c1', 't1');
    expect(limiter.delay('c1', 't1')).toBe(1000 + marginMs);
    expect(await limiter.acquire('c1', 't1', { maxWaitMs: 500 })).toBe(false);
    expect(clock.sleeps).toEqual([]);
    expect(await clock.run(limiter.acquire('c1', 't1', { maxWaitMs: 2000 }))).toBe(true);
    expect(clock.now()).toBe(1000 + marginMs);
  });

  it('returns false at once when aborted', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(TEAMS_LIMITS, clock);
    for (let i = 0; i < 7; i++) await limiter.acquire('c1', 't1');
    const abort = new AbortController();
    const waiting = limiter.acquire('c1', 't1', { signal: abort.signal });
    await new Promise((resolve) => setImmediate(resolve));
    abort.abort();
    expect(await waiting).toBe(false);
    expect(clock.now()).toBe(0);
  });

  it('leaves no listener on a signal shared by many sends once they are granted', async () => {
    const clock = new VirtualClock();
    const limiter = new RateLimiter(TEAMS_LIMITS, clock);
    const shared = new AbortController();
    const all = Array.from({ length: 30 }, () =>
      limiter.acquire('c1', 't1', { signal: shared.signal }),
    );
    expect(await clock.run(Promise.all(all))).toEqual(Array(30).fill(true));
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
  });

  it('rejects nonsense rules', () => {
    expect(
      () => new RateLimiter({ ...TEAMS_LIMITS, perTenant: [{ limit: 0, windowMs: 1000 }] }),
    ).toThrow(/bad rule/);
  });
});
