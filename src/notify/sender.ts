import type { Logger } from '../log';
import { inConversation, type OutboundMessage, type ProactiveAdapter } from '../teams/proactive';
import { fullJitter, systemClock, type Clock } from './clock';
import type { RateLimiter } from './rate-limit';

/** Where a card goes: the conversation reference the bot stored when it was installed there. */
export interface Target {
  conversationId: string;
  tenantId: string | null;
  /** As stored (JSON); src/teams reads it. */
  reference: Record<string, unknown>;
}

/** The tenant of a stored conversation reference (its conversation's tenantId), or null. */
export function referenceTenant(reference: Record<string, unknown>): string | null {
  const conversation = reference.conversation;
  if (typeof conversation !== 'object' || conversation === null) return null;
  const tenantId = (conversation as { tenantId?: unknown }).tenantId;
  return typeof tenantId === 'string' ? tenantId : null;
}

export interface RetryPolicy {
  /** HTTP requests per send, the first included. */
  tries: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { tries: 4, baseMs: 1_000, maxMs: 30_000 };

/**
 * `retry`: a transient failure (or a Retry-After too long to sleep through) — try again later.
 * `permanent`: Teams refused (403 the bot was removed, 404 no such conversation, 400 …).
 * `deferred`: not sent because the rate limit would make us wait too long, or we are stopping.
 */
export type SendResult =
  | { ok: true; activityId: string }
  | {
      ok: false;
      kind: 'retry' | 'permanent' | 'deferred';
      error: string;
      status?: number;
      waitMs?: number;
    };

/** Teams' transient answers (FACTS.md), plus 503 which means "later" by definition. */
const RETRYABLE = new Set([412, 429, 502, 503, 504]);
/** Teams refuses messages over ~100 KB; failing here says why instead of a bare 413. */
export const MAX_MESSAGE_BYTES = 80_000;

export interface SenderOptions {
  adapter: ProactiveAdapter;
  botAppId: string;
  limiter: RateLimiter;
  log: Logger;
  retry?: Partial<RetryPolicy>;
  /** Longest wait for the rate limiter before giving the send back to the outbox. */
  maxWaitMs?: number;
  clock?: Clock;
  random?: () => number;
}

/**
 * Proactive sends and updates through the Teams adapter (src/teams), one HTTP request per limiter
 * slot, retried here with exponential backoff and full jitter (or Retry-After when Teams gives
 * one). Never throws: the outbox needs to know which kind of failure it was.
 */
export class Sender {
  private readonly retry: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private warnedSdkRetry = false;

  constructor(private readonly o: SenderOptions) {
    this.retry = { ...DEFAULT_RETRY, ...o.retry };
    this.clock = o.clock ?? systemClock;
    this.random = o.random ?? Math.random;
  }

  /**
   * Posts a new message; the result carries its activity id, to update it in place later.
   * `priority`: the limiter's tie-break between conversations (messages still to send there).
   */
  send(
    target: Target,
    activity: OutboundMessage,
    signal?: AbortSignal,
    priority = 0,
  ): Promise<SendResult> {
    return this.deliver(target, activity, undefined, signal, priority);
  }

  /** Replaces a message the bot sent before (e.g. the alert card once someone acted on it). */
  update(
    target: Target,
    activityId: string,
    activity: OutboundMessage,
    signal?: AbortSignal,
  ): Promise<SendResult> {
    return this.deliver(target, activity, activityId, signal, 0);
  }

  /**
   * This sender (its limiter, retries and warnings) with another longest rate-limit wait: one
   * sender for every proactive message, each caller with the patience its messages deserve.
   */
  withMaxWait(maxWaitMs: number): Pick<Sender, 'send' | 'update'> {
    return {
      send: (target, activity, signal, priority = 0) =>
        this.deliver(target, activity, undefined, signal, priority, maxWaitMs),
      update: (target, activityId, activity, signal) =>
        this.deliver(target, activity, activityId, signal, 0, maxWaitMs),
    };
  }

  private async deliver(
    target: Target,
    activity: OutboundMessage,
    updateId: string | undefined,
    signal: AbortSignal | undefined,
    priority: number,
    maxWaitMs = this.o.maxWaitMs,
  ): Promise<SendResult> {
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    if (bytes > MAX_MESSAGE_BYTES)
      return { ok: false, kind: 'permanent', error: `message too large: ${bytes} bytes` };
    for (let attempt = 1; ; attempt++) {
      const result = await this.once(target, activity, updateId, signal, priority, maxWaitMs);
      if (result.ok || result.kind !== 'retry') return result;
      const waitMs = this.backoff(attempt, result.waitMs);
      // Give it back to the outbox rather than hold the conversation's queue for long.
      if (attempt >= this.retry.tries || waitMs > this.retry.maxMs) return { ...result, waitMs };
      this.o.log.debug(
        { conversationId: target.conversationId, status: result.status, attempt, waitMs },
        'send retry',
      );
      await this.clock.sleep(waitMs, signal);
      if (signal?.aborted) return { ok: false, kind: 'deferred', error: 'stopped', waitMs: 0 };
    }
  }

  /** Retry-After when Teams says how long (plus a little jitter), else full jitter. */
  private backoff(attempt: number, retryAfterMs: number | undefined): number {
    const { baseMs, maxMs } = this.retry;
    const jitter = fullJitter(attempt, baseMs, maxMs, this.random);
    return retryAfterMs !== undefined ? retryAfterMs + Math.min(jitter, baseMs) : jitter;
  }

  /** One HTTP request, counted by the limiter. */
  private async once(
    target: Target,
    activity: OutboundMessage,
    updateId: string | undefined,
    signal: AbortSignal | undefined,
    priority: number,
    maxWaitMs: number | undefined,
  ): Promise<SendResult> {
    let result: SendResult | undefined;
    const { conversationId, tenantId } = target;
    try {
      await inConversation(
        this.o.adapter,
        this.o.botAppId,
        target.reference,
        async (conversation) => {
          // The slot is taken here, right before the request, not before the turn is set up:
          // Teams counts arrivals, and any delay between the two bunches them up.
          const options = { maxWaitMs, signal, priority };
          if (!(await this.o.limiter.acquire(conversationId, tenantId, options))) {
            result = {
              ok: false,
              kind: 'deferred',
              error: signal?.aborted ? 'stopped' : 'rate limit',
              waitMs: signal?.aborted ? 0 : this.o.limiter.delay(conversationId, tenantId),
            };
            return;
          }
          // Caught here, not thrown: the bot's onTurnError would otherwise "handle" it by
          // posting an error message into the very conversation we failed to reach.
          try {
            if (updateId) {
              await conversation.update(updateId, activity);
              result = { ok: true, activityId: updateId };
            } else {
              const sentId = await conversation.send(activity);
              result = sentId
                ? { ok: true, activityId: sentId }
                : { ok: false, kind: 'permanent', error: 'Teams returned no activity id' };
            }
          } catch (e) {
            result = classify(e);
          }
        },
        () => this.warnSdkRetries(),
      );
    } catch (e) {
      result ??= classify(e);
    }
    return result ?? { ok: false, kind: 'retry', error: 'the send did not run' };
  }

  private warnSdkRetries(): void {
    if (this.warnedSdkRetry) return;
    this.warnedSdkRetry = true;
    this.o.log.warn('connector pipeline not found: the SDK may retry sends on its own');
  }
}

interface HttpError {
  statusCode?: number;
  code?: string;
  message?: string;
  name?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

export function classify(e: unknown): SendResult & { ok: false } {
  const err = (e ?? {}) as HttpError;
  const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
  const error = `${status ?? err.code ?? err.name ?? 'error'}: ${err.message ?? String(e)}`.slice(
    0,
    500,
  );
  if (status === undefined) {
    // No HTTP answer: a network failure (RestError, ECONNRESET …) is worth retrying; anything
    // else is a bug of ours that retrying will not fix.
    const network = err.name === 'RestError' || /^E[A-Z]+$/.test(err.code ?? '');
    return { ok: false, kind: network ? 'retry' : 'permanent', error };
  }
  if (!RETRYABLE.has(status)) return { ok: false, kind: 'permanent', error, status };
  return { ok: false, kind: 'retry', error, status, waitMs: retryAfterMs(err) };
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(err: HttpError): number | undefined {
  const value = err.response?.headers?.get?.('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
