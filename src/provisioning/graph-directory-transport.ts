import type { Client } from '@microsoft/microsoft-graph-client';
import type { IntuneConfig } from '../config/config';
import type { Logger } from '../log';
import { graphClient } from '../mdm/graph-client';
import { createIntuneSignIn } from '../mdm/intune-credential';
import { SlidingWindowLimiter } from '../mdm/limits';
import {
  DEFAULT_RETRY_POLICY,
  RequestFailure,
  withRetries,
  withTimeout,
  type RetryPolicy,
} from '../mdm/retry';
import type { DirectoryStats } from './graph-directory';
import {
  directoryFailure,
  toGraphRequestError,
  type GraphRequestError,
} from './graph-directory-errors';

export interface GraphDirectoryOptions {
  /** Per request (sign-in included); default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  log?: Logger;
  /**
   * Identity limits per app and tenant: 3,500 resource units / 10 s in a small tenant (a GET of
   * users costs 2), writes 3,000 / 2 min 30 s (concepts/throttling-limits). Waiting is cheaper
   * than a 429.
   */
  rateLimit?: {
    requests?: { limit: number; windowMs: number };
    writes?: { limit: number; windowMs: number };
  };
}

/** How one call treats a failure that may be its own earlier try having landed after all. */
export interface CallRules {
  write: boolean;
  /** Retry only throttling answers (429): for a create Graph cannot deduplicate. */
  retryOnlyThrottled?: boolean;
  /** On a retry, this refusal means an earlier try of ours already did the work. */
  doneOnRetry?: (e: GraphRequestError) => boolean;
}

export type Send<T> = (client: Client, signal: AbortSignal) => Promise<T>;

/** The same failure, marked as not worth another try. */
const finalFailure = (e: RequestFailure) =>
  new RequestFailure(
    e.message,
    { status: e.status, requestId: e.requestId, retryAfterMs: e.retryAfterMs, retryable: false },
    { cause: e.cause },
  );

/** The request machinery under the DirectoryClient: one sign-in, our retries, rate limits, counts. */
export interface DirectoryTransport {
  stats: DirectoryStats;
  /** One operation, retried as `rules` allow; throws GraphRequestError when it gives up. */
  call<T>(operation: string, rules: CallRules, send: Send<T>): Promise<T>;
  read<T>(operation: string, url: string): Promise<T>;
  /** Every item of a listing, following Graph's own @odata.nextLink (its skip token is opaque). */
  readAll(operation: string, firstUrl: string): Promise<Record<string, unknown>[]>;
  /** The @odata.id of a directory object, on the configured Graph host. */
  directoryObjectUrl(id: string): string;
}

/**
 * The same app registration, credential and Graph client set-up as the Intune source
 * (graphClient() sends the token to a custom host such as the simulator). Retries are ours, so
 * they can be counted and cover timeouts and dropped connections too.
 */
export function createDirectoryTransport(
  config: IntuneConfig,
  options: GraphDirectoryOptions,
): DirectoryTransport {
  const channel = openChannel(config, options);
  const call = <T>(operation: string, rules: CallRules, send: Send<T>) =>
    callGraph(channel, operation, rules, send);
  const read = <T>(operation: string, url: string) =>
    call<T>(
      operation,
      { write: false },
      (c, signal) => c.api(url).option('signal', signal).get() as Promise<T>,
    );

  async function readAll(operation: string, firstUrl: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    for (let next: string | undefined = firstUrl; next;) {
      const page: { value?: Record<string, unknown>[]; '@odata.nextLink'?: string } = await read(
        operation,
        next,
      );
      items.push(...(page.value ?? []));
      next = page['@odata.nextLink'] ?? undefined;
    }
    return items;
  }

  return {
    stats: channel.stats,
    call,
    read,
    readAll,
    directoryObjectUrl: (id) =>
      `${config.graphBaseUrl}/v1.0/directoryObjects/${encodeURIComponent(id)}`,
  };
}

/** What every call of one transport shares: the sign-in, the client, the limits, the counts. */
interface Channel {
  policy: RetryPolicy;
  timeoutMs: number;
  requests: SlidingWindowLimiter;
  writes: SlidingWindowLimiter;
  signIn: ReturnType<typeof createIntuneSignIn>;
  scope: string;
  client: Client;
  stats: DirectoryStats;
  log: Logger | undefined;
}

function openChannel(config: IntuneConfig, options: GraphDirectoryOptions): Channel {
  const requestLimit = options.rateLimit?.requests ?? { limit: 1500, windowMs: 10_000 };
  const writeLimit = options.rateLimit?.writes ?? { limit: 2900, windowMs: 150_000 };
  const signIn = createIntuneSignIn(config);
  const scope = `${new URL(config.graphBaseUrl).origin}/.default`;
  return {
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeoutMs: options.timeoutMs ?? 30_000,
    requests: new SlidingWindowLimiter(requestLimit.limit, requestLimit.windowMs),
    writes: new SlidingWindowLimiter(writeLimit.limit, writeLimit.windowMs),
    signIn,
    scope,
    client: graphClient(config.graphBaseUrl, signIn.credential, scope),
    stats: { requests: 0, retries: 0, writes: 0 },
    log: options.log,
  };
}

/** Where a call got to: its tries so far, and whether its failure came from sign-in. */
interface CallProgress {
  tries: number;
  phase: 'sign-in' | 'request';
}

async function callGraph<T>(
  channel: Channel,
  operation: string,
  rules: CallRules,
  send: Send<T>,
): Promise<T> {
  const progress: CallProgress = { tries: 0, phase: 'sign-in' };
  try {
    return await withRetries(
      () => tryOnce(channel, operation, rules, send, progress),
      channel.policy,
      {
        onRetry: (failure, failedTries, delayMs) => {
          channel.stats.retries++;
          channel.log?.warn(
            {
              operation,
              status: failure.status,
              requestId: failure.requestId,
              failedTries,
              delayMs,
            },
            `Graph ${operation} failed, retrying: ${failure.message}`,
          );
        },
      },
    );
  } catch (e) {
    throw toGraphRequestError(e, operation, progress.phase);
  }
}

async function tryOnce<T>(
  channel: Channel,
  operation: string,
  rules: CallRules,
  send: Send<T>,
  progress: CallProgress,
): Promise<T> {
  const { signIn, scope, timeoutMs, stats } = channel;
  progress.tries++;
  progress.phase = 'sign-in';
  await signIn.getToken(scope, timeoutMs);
  progress.phase = 'request';
  await channel.requests.acquire();
  if (rules.write) await channel.writes.acquire();
  stats.requests++;
  if (rules.write) stats.writes++;
  try {
    return await withTimeout(timeoutMs, `Graph ${operation}`, (signal) =>
      send(channel.client, signal).catch((e: unknown) => {
        throw signal.aborted ? e : directoryFailure(e);
      }),
    );
  } catch (e) {
    if (progress.tries > 1 && rules.doneOnRetry && e instanceof RequestFailure && e.status) {
      if (rules.doneOnRetry(toGraphRequestError(e, operation, progress.phase)))
        return undefined as T;
    }
    if (rules.retryOnlyThrottled && e instanceof RequestFailure && e.status !== 429)
      throw finalFailure(e);
    throw e;
  }
}
