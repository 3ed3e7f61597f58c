import {
  describeError,
  isRetryableStatus,
  parseRetryAfter,
  RequestFailure,
  withTimeout,
} from './retry';

export interface JamfAnswer {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * One HTTP exchange with Jamf Pro, body included, under the time limit. The connection cap is
 * the caller's: a page request holds its slot while it also fetches a token, if one is due.
 */
export type JamfSend = (url: string, init: RequestInit, what: string) => Promise<JamfAnswer>;

export function createJamfSend(timeoutMs: number): JamfSend {
  return (url, init, what) =>
    withTimeout(timeoutMs, what, async (signal) => {
      let response: Response;
      try {
        response = await fetch(url, { ...init, signal });
      } catch (e) {
        if (signal.aborted) throw e;
        throw new RequestFailure(`${what}: ${describeError(e)}`, { retryable: true }, { cause: e });
      }
      // The body is read inside the same time limit: a server can stall mid-body too.
      const body = await response.text();
      return { status: response.status, headers: response.headers, body };
    });
}

/** A non-2xx answer from Jamf Pro as a RequestFailure, with Jamf's own error text if it sent one. */
export function jamfFailure(answer: JamfAnswer, what: string, hint = ''): RequestFailure {
  let reason = '';
  try {
    const json = JSON.parse(answer.body) as {
      errors?: { code?: string; description?: string }[];
      error?: string;
      error_description?: string;
    };
    const first = json.errors?.[0];
    reason = first
      ? `${first.code ?? ''} ${first.description ?? ''}`
      : (json.error_description ?? json.error ?? '');
  } catch {
    reason = answer.body.slice(0, 200);
  }
  return new RequestFailure(
    `${what}: HTTP ${answer.status}${reason.trim() ? ` ${reason.trim()}` : ''}${hint}`,
    {
      status: answer.status,
      requestId: answer.headers.get('x-request-id') ?? undefined,
      retryable: isRetryableStatus(answer.status),
      retryAfterMs: parseRetryAfter(answer.headers.get('retry-after')),
    },
  );
}
