/**
 * Time as the notifier sees it. Injected so the limiter can be tested against Teams' real
 * numbers (seconds to an hour) with a fake clock, in milliseconds of test time.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts (the caller checks `signal.aborted`). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * Exponential backoff with full jitter (AWS architecture blog): a random delay in
 * [0, min(maxMs, baseMs·2^(attempt-1))), so replicas retrying the same failure spread out.
 */
export function fullJitter(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1)));
}
