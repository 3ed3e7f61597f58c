import type { IntuneConfig } from '../../config/config';
import type { Logger } from '../../log';
import { MdmReadError, type MdmDevice, type MdmSource } from '../mdm-device';
import { graphClient, graphFailure } from './graph-client';
import { createIntuneSignIn } from './intune-credential';
import { INTUNE_SELECT, mapManagedDevice } from './intune-mapping';
import { SlidingWindowLimiter } from './limits';
import {
  DEFAULT_RETRY_POLICY,
  RetriesExhausted,
  withRetries,
  withTimeout,
  type RetryPolicy,
} from './retry';

export interface IntuneSourceOptions {
  retry?: Partial<RetryPolicy>;
  /** $top; Graph serves at most 1,000 managedDevices a page. */
  pageSize?: number;
  /** Intune allows 2,000 requests per 20 s per app and tenant; stay under it. */
  rateLimit?: { requests: number; windowMs: number };
}

interface ManagedDevicePage {
  value?: Record<string, unknown>[];
  '@odata.nextLink'?: string;
}

/**
 * Reads every managedDevice through Microsoft Graph. Retries are ours, not the Graph client's
 * RetryHandler: that one does not retry timeouts or dropped connections, cannot be counted,
 * and would multiply with an outer loop. So the middleware chain here has no RetryHandler.
 */
export function createIntuneSource(
  config: IntuneConfig,
  timeoutMs: number,
  log: Logger,
  options: IntuneSourceOptions = {},
): MdmSource {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const limit = options.rateLimit ?? { requests: 1900, windowMs: 20_000 };
  const limiter = new SlidingWindowLimiter(limit.requests, limit.windowMs);
  const signIn = createIntuneSignIn(config);
  const graphUrl = new URL(config.graphBaseUrl);
  const scope = `${graphUrl.origin}/.default`;
  const client = graphClient(config.graphBaseUrl, signIn.credential, scope);
  const counts = { pageRequests: 0, retries: 0 };
  const firstPage = `/deviceManagement/managedDevices?$select=${INTUNE_SELECT.join(',')}&$top=${options.pageSize ?? 1000}`;

  async function readPage(url: string, pageNumber: number): Promise<ManagedDevicePage> {
    return withRetries(
      async () => {
        await signIn.getToken(scope, timeoutMs);
        await limiter.acquire();
        counts.pageRequests++;
        return withTimeout(
          timeoutMs,
          `Intune page ${pageNumber}`,
          (signal) =>
            client
              .api(url)
              .option('signal', signal)
              .get()
              .catch((e: unknown) => {
                throw signal.aborted ? e : graphFailure(e);
              }) as Promise<ManagedDevicePage>,
        );
      },
      policy,
      {
        onRetry: (failure, failedTries, delayMs) => {
          counts.retries++;
          log.warn(
            {
              provider: 'intune',
              page: pageNumber,
              status: failure.status,
              requestId: failure.requestId,
              failedTries,
              delayMs,
            },
            `Intune request failed, retrying: ${failure.message}`,
          );
        },
      },
    );
  }

  return {
    provider: 'intune',
    get stats() {
      return { tokenRequests: signIn.tokenRequests, ...counts };
    },
    async *devices(): AsyncIterable<MdmDevice[]> {
      let next: string | undefined = firstPage;
      for (let pageNumber = 1; next; pageNumber++) {
        const started = Date.now();
        let page: ManagedDevicePage;
        try {
          page = await readPage(next, pageNumber);
        } catch (e) {
          throw readError(e, pageNumber);
        }
        const devices = (page.value ?? []).map(mapManagedDevice);
        log.debug(
          {
            provider: 'intune',
            page: pageNumber,
            devices: devices.length,
            ms: Date.now() - started,
          },
          'Intune page read',
        );
        yield devices;
        // Always follow Graph's own link: its skip token is opaque.
        next = page['@odata.nextLink'] ?? undefined;
      }
    },
  };
}

function readError(e: unknown, pageNumber: number): MdmReadError {
  const exhausted = e instanceof RetriesExhausted ? e : undefined;
  const failure = exhausted?.failure;
  const tries = exhausted && exhausted.attempts > 1 ? ` after ${exhausted.attempts} tries` : '';
  const id = failure?.requestId ? ` (request-id ${failure.requestId})` : '';
  const why = failure?.message ?? (e instanceof Error ? e.message : String(e));
  return new MdmReadError(
    `Intune: reading managed devices failed at page ${pageNumber}${tries}: ${why}${id}`,
    'intune',
    failure?.status,
    failure?.requestId,
    { cause: e },
  );
}
