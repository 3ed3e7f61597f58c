import { GraphError } from '@microsoft/microsoft-graph-client';
import {
  describeError,
  isRetryableStatus,
  parseRetryAfter,
  RequestFailure,
  RetriesExhausted,
} from '../mdm/retry';

/** One entry of Graph's `error.details` (e.g. ObjectConflict on userPrincipalName). */
export interface GraphErrorDetail {
  code: string;
  message?: string;
  target?: string;
}

/**
 * What a directory call throws once it has given up: Graph's own code, message and request-id,
 * so a per-person log can say exactly what Entra ID refused and support can trace it.
 * `status` is 0 and `code` 'NoResponse' or 'SignInFailed' when Graph never answered.
 */
export class GraphRequestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly retryAfterMs?: number;
  /** The DirectoryClient method that failed, e.g. 'createUser'. */
  readonly operation: string;
  /** Tries made, the first included. */
  readonly attempts: number;
  readonly details: GraphErrorDetail[];

  constructor(
    message: string,
    fields: {
      status: number;
      code: string;
      requestId: string | null;
      retryAfterMs?: number;
      operation: string;
      attempts: number;
      details?: GraphErrorDetail[];
    },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GraphRequestError';
    this.status = fields.status;
    this.code = fields.code;
    this.requestId = fields.requestId;
    if (fields.retryAfterMs !== undefined) this.retryAfterMs = fields.retryAfterMs;
    this.operation = fields.operation;
    this.attempts = fields.attempts;
    this.details = fields.details ?? [];
  }
}

/**
 * A failed directory request, understood for the retry loop. Unlike the Intune source's
 * graphFailure, the message carries no Intune permission hint, and the GraphError stays the cause.
 */
export function directoryFailure(e: unknown): RequestFailure {
  if (!(e instanceof GraphError))
    return new RequestFailure(describeError(e), { retryable: false }, { cause: e });
  if (e.statusCode <= 0) {
    // No HTTP answer (dropped or refused connection); under jest fetch's error may sit in body.
    const reason = e.message || describeError(e.body);
    const signIn = /Authentication|Credential/.test(e.code ?? '');
    return new RequestFailure(`no answer: ${reason}`, { retryable: !signIn }, { cause: e });
  }
  return new RequestFailure(
    `HTTP ${e.statusCode} ${e.code ?? ''}: ${e.message}`,
    {
      status: e.statusCode,
      requestId: e.requestId ?? e.headers?.get('request-id') ?? undefined,
      retryable: isRetryableStatus(e.statusCode),
      retryAfterMs: parseRetryAfter(e.headers?.get('retry-after')),
    },
    { cause: e },
  );
}

/** The GraphRequestError for whatever the retry loop finally threw. */
export function toGraphRequestError(
  e: unknown,
  operation: string,
  phase: 'sign-in' | 'request',
): GraphRequestError {
  if (e instanceof GraphRequestError) return e;
  const attempts = e instanceof RetriesExhausted ? e.attempts : 1;
  const failure = e instanceof RetriesExhausted ? e.failure : e;
  const graph = failure instanceof RequestFailure ? failure.cause : failure;
  if (graph instanceof GraphError && graph.statusCode > 0) {
    return new GraphRequestError(
      graph.message,
      {
        status: graph.statusCode,
        code: graph.code ?? 'UnknownError',
        requestId: graph.requestId ?? graph.headers?.get('request-id') ?? null,
        retryAfterMs: failure instanceof RequestFailure ? failure.retryAfterMs : undefined,
        operation,
        attempts,
        details: readDetails(graph.body),
      },
      { cause: e },
    );
  }
  const request = failure instanceof RequestFailure ? failure : undefined;
  return new GraphRequestError(
    request?.message ?? describeError(failure),
    {
      status: request?.status ?? 0,
      code: phase === 'sign-in' ? 'SignInFailed' : 'NoResponse',
      requestId: request?.requestId ?? null,
      retryAfterMs: request?.retryAfterMs,
      operation,
      attempts,
    },
    { cause: e },
  );
}

/** `details` of the error body the Graph client kept as JSON text. */
function readDetails(body: unknown): GraphErrorDetail[] {
  if (typeof body !== 'string') return [];
  try {
    const parsed = JSON.parse(body) as { details?: unknown };
    if (!Array.isArray(parsed.details)) return [];
    return parsed.details.filter(
      (d): d is GraphErrorDetail => typeof d === 'object' && d !== null && 'code' in d,
    );
  } catch {
    return [];
  }
}
