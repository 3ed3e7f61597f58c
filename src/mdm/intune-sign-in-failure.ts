import type { IntuneConfig } from '../config/config';
import { RequestFailure } from './retry';

/** An Entra ID answer that was not a success: its body says more than MSAL's error does. */
export interface SignInProblem {
  status: number;
  error?: string;
  description?: string;
  requestId?: string;
  /** The Retry-After it carried (ms), if any. */
  retryAfterMs?: number;
}

export function readSignInProblem(
  status: number,
  body: string | undefined,
  requestId: string | undefined,
  retryAfterMs: number | undefined,
): SignInProblem {
  const problem: SignInProblem = { status, requestId, retryAfterMs };
  try {
    const json = JSON.parse(body ?? '') as {
      error?: string;
      error_description?: string;
      trace_id?: string;
    };
    return {
      ...problem,
      error: json.error,
      description: json.error_description,
      requestId: requestId ?? json.trace_id,
    };
  } catch {
    return problem;
  }
}

/** Hints for the Entra ID errors an admin setting Daicho up actually meets. */
const HINTS: Record<string, string> = {
  '7000215': 'check AZURE_CLIENT_SECRET: use the secret Value, not the Secret ID',
  '7000222': 'the client secret has expired: create a new one in the app registration',
  '700016': 'check AZURE_CLIENT_ID and that the app is registered in tenant AZURE_TENANT_ID',
  '90002': 'check AZURE_TENANT_ID',
  '700027':
    'the certificate does not match one uploaded to the app registration (AZURE_CLIENT_CERTIFICATE_PATH)',
};

/**
 * A failed sign-in as a RequestFailure. Entra ID's 4xx answers are final (a wrong secret stays
 * wrong, and hammering may lock the app out); throttling, 5xx and network trouble may pass.
 * `answer` is Entra ID's answer to this call, if there was one.
 */
export function signInFailure(
  e: unknown,
  answer: SignInProblem | undefined,
  config: IntuneConfig,
): RequestFailure {
  const detail = answer?.description ?? (e instanceof Error ? e.message : String(e));
  const code = /AADSTS(\d+)/.exec(detail)?.[1];
  const hint = code && HINTS[code] ? ` (${HINTS[code]})` : '';
  const firstLine = detail.split(/ Trace ID:|\r?\n/)[0];
  const who = `app ${config.clientId ?? '(managed identity)'} in tenant ${config.tenantId}`;
  const message = `Intune sign-in failed for ${who}: ${answer?.error ? `${answer.error}: ` : ''}${firstLine}${hint}`;
  const retryable = answer
    ? answer.status === 429 || answer.status >= 500
    : /network|ECONN|ETIMEDOUT|EAI_AGAIN|socket|fetch failed/i.test(detail);
  return new RequestFailure(
    message,
    {
      status: answer?.status,
      requestId: answer?.requestId,
      retryable,
      retryAfterMs: answer?.retryAfterMs,
    },
    { cause: e },
  );
}
