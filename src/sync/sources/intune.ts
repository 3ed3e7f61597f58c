import type { IntuneConfig } from '../../config/config';
import type { Logger } from '../../log';
import { MdmReadError, type MdmDevice, type MdmSource } from '../mdm-device';
import { graphClient, graphFailure } from '../../mdm/graph-client';
import { createIntuneSignIn } from '../../mdm/intune-credential';
import { INTUNE_SELECT, mapManagedDevice } from './intune-mapping';
import { SlidingWindowLimiter } from '../../mdm/limits';
import { StatedTotal } from './stated-total';
import {
  DEFAULT_RETRY_POLICY,
  RetriesExhausted,
  withRetries,
  withTimeout,
  type RetryPolicy,
} from '../../mdm/retry';

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
  '@odata.count'?: unknown;
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
  // $count=true: Graph states the total on the first page, so a read that comes up short (large
  // tenants can be served fewer devices than they have) is caught before it flags the rest
  // missing. managedDevices takes $count without the ConsistencyLevel header (only the
  // directory's users and groups need it).
  const firstPage = `/deviceManagement/managedDevices?$select=${INTUNE_SELECT.join(',')}&$top=${options.pageSize ?? 1000}&$count=true`;

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
    devices: () => readManagedDevices(firstPage, graphUrl.origin, readPage, log),
  };
}

/** Every page of managed devices, from the first to the end of Graph's own chain of links. */
async function* readManagedDevices(
  firstPageUrl: string,
  graphOrigin: string,
  readPage: (url: string, pageNumber: number) => Promise<ManagedDevicePage>,
  log: Logger,
): AsyncIterable<MdmDevice[]> {
  let next: string | undefined = firstPageUrl;
  const seen = new Set<string>();
  const total = new StatedTotal('intune', 'managed devices', '@odata.count');
  for (let pageNumber = 1; next; pageNumber++) {
    seen.add(next);
    const started = Date.now();
    let page: ManagedDevicePage;
    try {
      page = await readPage(next, pageNumber);
    } catch (e) {
      throw readError(e, pageNumber);
    }
    const devices = pageDevices(page, pageNumber);
    total.state(statedCount(page, pageNumber));
    total.add(devices);
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
    next = nextLink(page, pageNumber, graphOrigin, seen);
  }
  // The chain ended: it must have brought every device Graph said it has.
  total.check('the pages ended after');
  log.debug(
    { provider: 'intune', stated: total.total ?? null, read: total.read },
    'Intune managed devices read',
  );
}

const unreadable = (message: string) => new MdmReadError(message, 'intune', 200, undefined);

/** The devices of one page; a page or record of another shape fails the read, saying where. */
function pageDevices(page: unknown, pageNumber: number): MdmDevice[] {
  const where = `Intune: page ${pageNumber} of managed devices`;
  if (page === null || typeof page !== 'object' || Array.isArray(page))
    throw unreadable(`${where} is not a JSON object`);
  const value = (page as ManagedDevicePage).value;
  if (!Array.isArray(value)) throw unreadable(`${where} has no "value" list`);
  return value.map((raw, i) => {
    try {
      return mapManagedDevice(raw);
    } catch (e) {
      throw unreadable(`${where}, record ${i + 1}: ${(e as Error).message}`);
    }
  });
}

/** The page's `@odata.count` (a whole number, or absent); anything else fails the read. */
function statedCount(page: ManagedDevicePage, pageNumber: number): number | undefined {
  const count = page['@odata.count'];
  if (count === undefined || count === null) return undefined;
  // IEEE754Compatible=true would send it as a string; accept that spelling too.
  const n = typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : count;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  throw unreadable(
    `Intune: page ${pageNumber} of managed devices has an @odata.count that is not a count`,
  );
}

/** The next page's URL: Graph's own, on the Graph host, never one already read (a loop). */
function nextLink(
  page: ManagedDevicePage,
  pageNumber: number,
  origin: string,
  seen: Set<string>,
): string | undefined {
  const link: unknown = page['@odata.nextLink'];
  if (link === undefined || link === null || link === '') return undefined;
  const where = `Intune: page ${pageNumber} of managed devices`;
  let url: URL | undefined;
  try {
    url = typeof link === 'string' ? new URL(link) : undefined;
  } catch {
    url = undefined;
  }
  if (!url) throw unreadable(`${where} has a next link that is not a URL`);
  if (url.origin !== origin) throw unreadable(`${where} links outside Graph (${url.origin})`);
  if (seen.has(link as string)) throw unreadable(`${where} links back to an earlier page`);
  return link as string;
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
