import { GraphError, type Client } from '@microsoft/microsoft-graph-client';
import type { IntuneConfig } from '../config/config';
import type { Logger } from '../log';
import { graphClient } from './graph-client';
import { createIntuneSignIn } from './intune-credential';
import { SlidingWindowLimiter } from './limits';
import {
  DEFAULT_RETRY_POLICY,
  describeError,
  isRetryableStatus,
  parseRetryAfter,
  RequestFailure,
  RetriesExhausted,
  withRetries,
  withTimeout,
  type RetryPolicy,
} from './retry';

/**
 * What an install call throws once it has given up: Graph's HTTP status (0: no answer, or the
 * sign-in failed), its error code and message, and whether a later try may work (throttled,
 * server trouble, no answer).
 */
export class InstallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly transient: boolean,
    readonly requestId: string | null,
  ) {
    super(message);
    this.name = 'InstallError';
  }
}

export interface TeamsAppInstallerOptions {
  /** The Teams app's id in the org's app catalog (appCatalogs/teamsApps/{id}). */
  catalogId: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * Requests per window to Graph. Teams' Graph APIs throttle per app and tenant; pacing is
   * cheaper than a 429 (which is still retried after its Retry-After).
   */
  rateLimit?: { limit: number; windowMs: number };
  log?: Logger;
}

/**
 * Installs this bot's Teams app in a user's personal scope through Graph, with the Intune
 * connection's app registration: POST /users/{id}/teamwork/installedApps (least privilege:
 * TeamsAppInstallation.ReadWriteSelfForUser.All, the app installing only itself). 201 is
 * installed, 409 was installed already. A 5xx or a timeout is retried: a repeat of an install
 * that landed gets 409, so nothing is installed twice.
 */
export function teamsAppInstaller(config: IntuneConfig, o: TeamsAppInstallerOptions) {
  const signIn = createIntuneSignIn(config);
  const scope = `${new URL(config.graphBaseUrl).origin}/.default`;
  const client = graphClient(config.graphBaseUrl, signIn.credential, scope);
  const rate = o.rateLimit ?? { limit: 10, windowMs: 1000 };
  const limiter = new SlidingWindowLimiter(rate.limit, rate.windowMs);
  const policy = { ...DEFAULT_RETRY_POLICY, ...o.retry };
  const timeoutMs = o.timeoutMs ?? 30_000;
  const appUrl = `${config.graphBaseUrl}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(o.catalogId)}`;

  const call = async <T>(operation: string, send: (c: Client, s: AbortSignal) => Promise<T>) => {
    try {
      return await withRetries(
        async () => {
          await signIn.getToken(scope, timeoutMs);
          await limiter.acquire();
          return withTimeout(timeoutMs, `Graph ${operation}`, (signal) =>
            send(client, signal).catch((e: unknown) => {
              throw signal.aborted ? e : requestFailure(e);
            }),
          );
        },
        policy,
        {
          onRetry: (failure, failedTries, delayMs) =>
            o.log?.warn(
              { operation, status: failure.status, failedTries, delayMs },
              `Graph ${operation} failed, retrying: ${failure.message}`,
            ),
        },
      );
    } catch (e) {
      throw installError(e);
    }
  };

  return {
    /** The user's Entra object id (User.Read.All): only for users the directory has no id of. */
    async userId(upn: string): Promise<string> {
      const user = await call(
        'getUser',
        (c, signal) =>
          c
            .api(`/users/${encodeURIComponent(upn)}`)
            .select('id')
            .option('signal', signal)
            .get() as Promise<{ id?: unknown }>,
      );
      if (typeof user?.id !== 'string' || !user.id)
        throw new InstallError('Graph returned no user id', 502, 'NoId', true, null);
      return user.id;
    },
    async install(userId: string): Promise<'installed' | 'alreadyInstalled'> {
      try {
        await call(
          'installAppForUser',
          (c, signal) =>
            c
              .api(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`)
              .option('signal', signal)
              .post({ 'teamsApp@odata.bind': appUrl }) as Promise<unknown>,
        );
        return 'installed';
      } catch (e) {
        if (e instanceof InstallError && e.status === 409) return 'alreadyInstalled';
        throw e;
      }
    },
  };
}

export type TeamsAppInstaller = ReturnType<typeof teamsAppInstaller>;

function requestFailure(e: unknown): RequestFailure {
  if (!(e instanceof GraphError) || e.statusCode <= 0) {
    const signIn = e instanceof GraphError && /Authentication|Credential/.test(e.code ?? '');
    const reason = e instanceof GraphError ? e.message || describeError(e.body) : describeError(e);
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

function installError(e: unknown): InstallError {
  const failure = e instanceof RetriesExhausted ? e.failure : e;
  if (!(failure instanceof RequestFailure))
    return new InstallError(describeError(failure), 0, 'Unexpected', false, null);
  const graph = failure.cause instanceof GraphError ? failure.cause : undefined;
  const status = failure.status ?? 0;
  return new InstallError(
    graph?.message || failure.message,
    status,
    graph?.code ?? (status === 0 ? 'NoResponse' : 'UnknownError'),
    status === 0 ? failure.retryable : isRetryableStatus(status),
    failure.requestId ?? null,
  );
}
