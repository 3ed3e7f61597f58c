import {
  describeError,
  RequestFailure,
  RetriesExhausted,
  withRetries,
  type RetryPolicy,
} from '../../mdm/retry';
import { message, retryAfterSeconds, type SelfTestParam } from './result';

/** `attempt` under the self-test's short retry policy (the sync's own retry rules). */
export function retried<T>(attempt: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  return withRetries(attempt, policy, { onRetry: () => undefined });
}

/** The failure that ended the retries, whatever was thrown. */
export function finalFailure(e: unknown): RequestFailure {
  if (e instanceof RetriesExhausted) return e.failure;
  if (e instanceof RequestFailure) return e;
  return new RequestFailure(describeError(e), { retryable: false }, { cause: e });
}

/** " after 3 tries" (a message), or nothing for a single try. */
export function tries(e: unknown): SelfTestParam {
  return e instanceof RetriesExhausted && e.attempts > 1
    ? message('selfTest.tries', { attempts: e.attempts })
    : '';
}

/** What a failure tells support: status, request id, and how long the service asked to wait. */
export function failureFacts(failure: RequestFailure): {
  status?: number;
  requestId?: string;
  retryAfterSeconds?: number;
} {
  return {
    status: failure.status,
    requestId: failure.requestId,
    retryAfterSeconds: retryAfterSeconds(failure.retryAfterMs),
  };
}

/** A service's message can embed a whole JSON document (Intune's 403 does); the start says enough. */
export function shorten(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
