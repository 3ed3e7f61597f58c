import { setTimeout as sleep } from 'node:timers/promises';

/** How a source retries one request. Tests shrink the delays; production keeps the defaults. */
export interface RetryPolicy {
  /** Tries in all, the first one included. */
  maxAttempts: number;
  /** Base of the exponential backoff when the server gives no Retry-After. */
  baseDelayMs: number;
  /** Cap of that backoff. */
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out: the run fails instead of hanging. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** One failed request, already understood: whether to try again, and what to tell the user. */
export class RequestFailure extends Error {
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    message: string,
    details: { status?: number; requestId?: string; retryable: boolean; retryAfterMs?: number },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RequestFailure';
    this.status = details.status;
    this.requestId = details.requestId;
    this.retryable = details.retryable;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** Throttling and server-side trouble are worth another try; other 4xx answers are not. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before the next try: the server's Retry-After when it sent one, else "full jitter"
 * (a random wait up to base·2^(n-1), capped), which spreads out clients that failed together.
 */
export function retryDelayMs(
  failedTries: number,
  failure: RequestFailure,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (failure.retryAfterMs !== undefined) return failure.retryAfterMs;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedTries - 1));
  return Math.floor(random() * ceiling);
}

export interface RetryHooks {
  onRetry(failure: RequestFailure, failedTries: number, delayMs: number): void;
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable RequestFailure, or has used up
 * its tries; the last failure is thrown with `attempts` set so the caller can say how hard it tried.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (e) {
      const failure = e instanceof RequestFailure ? e : unexpected(e);
      if (!failure.retryable || tries >= policy.maxAttempts)
        throw new RetriesExhausted(failure, tries);
      const delayMs = retryDelayMs(tries, failure, policy);
      if (delayMs > policy.maxRetryAfterMs) throw new RetriesExhausted(failure, tries);
      hooks.onRetry(failure, tries, delayMs);
      await sleep(delayMs);
    }
  }
}

/** The final failure and how many tries it took. */
export class RetriesExhausted extends Error {
  constructor(
    readonly failure: RequestFailure,
    readonly attempts: number,
  ) {
    super(failure.message, { cause: failure });
    this.name = 'RetriesExhausted';
  }
}

/** A bug or an unforeseen library error: fail at once rather than hammer the service. */
function unexpected(e: unknown): RequestFailure {
  return new RequestFailure(describeError(e), { retryable: false }, { cause: e });
}

/**
 * "TypeError: fetch failed (other side closed)". Duck-typed, not `instanceof Error`: fetch's
 * errors come from Node's own realm, which differs from the caller's under test runners.
 */
export function describeError(e: unknown): string {
  if (typeof e !== 'object' || e === null) return String(e);
  const { name, message, cause } = e as {
    name?: string;
    message?: string;
    cause?: { message?: string; code?: string };
  };
  const why = cause?.message ?? cause?.code;
  return `${name ? `${name}: ` : ''}${message ?? String(e)}${why ? ` (${why})` : ''}`;
}

/**
 * Runs `work` with an AbortSignal that fires after `timeoutMs`. A timeout becomes a retryable
 * RequestFailure even when the library reports it as something else (abort, TypeError …).
 */
export async function withTimeout<T>(
  timeoutMs: number,
  what: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await work(controller.signal);
  } catch (e) {
    if (controller.signal.aborted) {
      throw new RequestFailure(
        `${what}: no answer within ${timeoutMs} ms`,
        { retryable: true },
        { cause: e },
      );
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}
