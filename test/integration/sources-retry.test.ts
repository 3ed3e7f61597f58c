/**
 * The retry and rate rules both sources share, without a server (pure and fast; it sits
 * beside the source tests that exercise the same rules against the simulators).
 */
import { ConcurrencyLimit, SlidingWindowLimiter } from '../../src/mdm/limits';
import {
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  RequestFailure,
  RetriesExhausted,
  retryDelayMs,
  withRetries,
} from '../../src/mdm/retry';

const policy = {
  ...DEFAULT_RETRY_POLICY,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxRetryAfterMs: 5000,
};
const retryable = (retryAfterMs?: number) =>
  new RequestFailure('busy', { status: 429, retryable: true, retryAfterMs });

describe('parseRetryAfter', () => {
  it.each<[string | null, number | undefined]>([
    ['3', 3000],
    ['0', 0],
    [null, undefined],
    ['', undefined],
    ['soon', undefined],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
  ])('%s → %s ms', (header, expected) => {
    expect(parseRetryAfter(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  it('honours Retry-After exactly', () => {
    expect(retryDelayMs(1, retryable(1500), policy, () => 0.99)).toBe(1500);
  });

  it('uses full jitter up to base·2^(n-1), capped', () => {
    expect(retryDelayMs(1, retryable(), policy, () => 0.999)).toBe(99);
    expect(retryDelayMs(3, retryable(), policy, () => 0.999)).toBe(399);
    expect(retryDelayMs(10, retryable(), policy, () => 0.999)).toBe(999);
    expect(retryDelayMs(3, retryable(), policy, () => 0)).toBe(0);
  });
});

describe('withRetries', () => {
  const fast = { ...policy, baseDelayMs: 1, maxDelayMs: 2 };

  it('stops at the first non-retryable failure', async () => {
    let calls = 0;
    const run = withRetries(
      async () => {
        calls++;
        throw new RequestFailure('forbidden', { status: 403, retryable: false });
      },
      fast,
      { onRetry: () => undefined },
    );
    await expect(run).rejects.toMatchObject({ attempts: 1, failure: { status: 403 } });
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts and reports each retry', async () => {
    const retries: number[] = [];
    const run = withRetries(
      () => Promise.reject(retryable()),
      { ...fast, maxAttempts: 4 },
      { onRetry: (_f, n) => retries.push(n) },
    );
    await expect(run).rejects.toBeInstanceOf(RetriesExhausted);
    expect(retries).toEqual([1, 2, 3]);
  });

  it('does not sleep through a Retry-After longer than the limit', async () => {
    const started = Date.now();
    await expect(
      withRetries(() => Promise.reject(retryable(60_000)), fast, { onRetry: () => undefined }),
    ).rejects.toMatchObject({ attempts: 1 });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('treats an unexpected error as final', async () => {
    await expect(
      withRetries(() => Promise.reject(new TypeError('bug')), fast, { onRetry: () => undefined }),
    ).rejects.toMatchObject({
      attempts: 1,
      failure: { retryable: false, message: 'TypeError: bug' },
    });
  });
});

describe('limits', () => {
  it('SlidingWindowLimiter lets `limit` through per window', async () => {
    const limiter = new SlidingWindowLimiter(3, 200);
    const started = Date.now();
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, () =>
        limiter.acquire().then(() => times.push(Date.now() - started)),
      ),
    );
    times.sort((a, b) => a - b);
    expect(times.slice(0, 3).every((t) => t < 100)).toBe(true);
    expect(times[3]).toBeGreaterThanOrEqual(190);
    expect(times[6]).toBeGreaterThanOrEqual(390);
  });

  it('ConcurrencyLimit never runs more than max at once', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        limit.run(async () => {
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 10));
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
  });
});
