import type { JamfConfig } from '../../config/config';
import type { Logger } from '../../log';
import { MdmReadError, type MdmDevice, type MdmSource } from '../mdm-device';
import { createJamfSend, jamfFailure } from '../../mdm/jamf-http';
import {
  JAMF_COMPUTER_SECTIONS,
  JAMF_MOBILE_SECTIONS,
  mapJamfComputer,
  mapJamfMobileDevice,
} from './jamf-mapping';
import { JamfTokens } from '../../mdm/jamf-token';
import { ConcurrencyLimit } from '../../mdm/limits';
import { StatedTotal } from './stated-total';
import {
  DEFAULT_RETRY_POLICY,
  RequestFailure,
  RetriesExhausted,
  withRetries,
  type RetryPolicy,
} from '../../mdm/retry';

export interface JamfSourceOptions {
  retry?: Partial<RetryPolicy>;
  /** Records per page (Jamf's default is 100). */
  pageSize?: number;
  /** Requests in flight at once, token calls included; Jamf Pro copes with about five. */
  maxConcurrency?: number;
}

interface Listing {
  name: 'computers' | 'mobile devices';
  path: string;
  sections: string[];
  /** A unique sort key, so records cannot move between pages while we read them. */
  sort: string;
  map(raw: Record<string, unknown>): MdmDevice;
}

const LISTINGS: Listing[] = [
  {
    name: 'computers',
    path: '/api/v1/computers-inventory',
    sections: JAMF_COMPUTER_SECTIONS,
    sort: 'id:asc',
    map: mapJamfComputer,
  },
  {
    name: 'mobile devices',
    path: '/api/v2/mobile-devices/detail',
    sections: JAMF_MOBILE_SECTIONS,
    sort: 'mobileDeviceId:asc',
    map: mapJamfMobileDevice,
  },
];

interface InventoryPage {
  totalCount: number;
  results: Record<string, unknown>[];
}

/** What the reads of one source share: its settings, connection slots, tokens and counts. */
interface JamfReader {
  config: JamfConfig;
  log: Logger;
  policy: RetryPolicy;
  pageSize: number;
  maxConcurrency: number;
  send: ReturnType<typeof createJamfSend>;
  connections: ConcurrencyLimit;
  tokens: JamfTokens;
  counts: { pageRequests: number; retries: number };
}

/** Reads every computer, then every mobile device, from the Jamf Pro API. */
export function createJamfSource(
  config: JamfConfig,
  timeoutMs: number,
  log: Logger,
  options: JamfSourceOptions = {},
): MdmSource {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const pageSize = options.pageSize ?? 200;
  const maxConcurrency = options.maxConcurrency ?? 5;
  const send = createJamfSend(timeoutMs);
  const connections = new ConcurrencyLimit(maxConcurrency);
  const tokens = new JamfTokens(config, send);
  const counts = { pageRequests: 0, retries: 0 };
  const reader: JamfReader = {
    config,
    log,
    policy,
    pageSize,
    maxConcurrency,
    send,
    connections,
    tokens,
    counts,
  };

  return {
    provider: 'jamf',
    get stats() {
      return { tokenRequests: tokens.requests, ...counts };
    },
    devices: () => readListings(reader),
  };
}

async function* readListings(reader: JamfReader): AsyncIterable<MdmDevice[]> {
  for (const listing of LISTINGS) {
    const started = Date.now();
    let total = 0;
    try {
      for await (const page of readListing(reader, listing)) {
        total += page.length;
        yield page;
      }
    } catch (e) {
      throw readError(e, listing);
    }
    reader.log.debug(
      { provider: 'jamf', listing: listing.name, devices: total, ms: Date.now() - started },
      'Jamf Pro listing read',
    );
  }
}

/**
 * Page 0 tells the total; the rest are fetched a few at a time and yielded in order. The
 * listing must bring at least that many distinct devices (more is fine: enrolled meanwhile).
 */
async function* readListing(reader: JamfReader, listing: Listing): AsyncGenerator<MdmDevice[]> {
  const { pageSize, maxConcurrency } = reader;
  const first = await fetchPage(reader, listing, 0);
  const total = new StatedTotal('jamf', listing.name, 'totalCount');
  total.state(first.totalCount);
  const firstDevices = mapPage(listing, 0, first);
  total.add(firstDevices);
  yield firstDevices;
  const pages = Math.ceil(first.totalCount / pageSize);
  const ahead: Promise<InventoryPage>[] = [];
  let next = 1;
  const fetchAhead = () => {
    const promise = fetchPage(reader, listing, next++);
    // Awaited in order below; this only stops a later page's failure counting as unhandled.
    promise.catch(() => undefined);
    ahead.push(promise);
  };
  while (next < pages && ahead.length < maxConcurrency) fetchAhead();
  for (let n = 1; ahead.length > 0; n++) {
    const page = await ahead.shift()!;
    // A total that the pages do not bear out (records deleted meanwhile, or a wrong count)
    // ends here, instead of asking for pages that will never have anything.
    if (page.results.length === 0) throw total.shortfall(`page ${n} is empty after`);
    if (next < pages) fetchAhead();
    const devices = mapPage(listing, n, page);
    total.add(devices);
    yield devices;
  }
  total.check('its pages held');
}

async function fetchPage(
  reader: JamfReader,
  listing: Listing,
  page: number,
): Promise<InventoryPage> {
  const query = new URLSearchParams(listing.sections.map((s): [string, string] => ['section', s]));
  query.set('page', String(page));
  query.set('page-size', String(reader.pageSize));
  query.set('sort', listing.sort);
  const url = `${reader.config.url}${listing.path}?${query.toString()}`;
  const what = `Jamf Pro ${listing.name} page ${page}`;
  return withRetries(
    async () => {
      const answer = await exchange(reader, url, what);
      if (answer.status !== 200) {
        const hint =
          answer.status === 403
            ? ' (give the API role "Read Computers" and "Read Mobile Devices")'
            : '';
        throw jamfFailure(answer, what, hint);
      }
      return parsePage(answer.body, what);
    },
    reader.policy,
    {
      onRetry: (failure, failedTries, delayMs) => {
        reader.counts.retries++;
        reader.log.warn(
          {
            provider: 'jamf',
            listing: listing.name,
            page,
            status: failure.status,
            failedTries,
            delayMs,
          },
          `Jamf Pro request failed, retrying: ${failure.message}`,
        );
      },
    },
  );
}

/**
 * One GET of a page with a token. The token is taken inside the connection slot, right before
 * the request: a token taken before queueing for a slot could expire in the queue. A token call
 * that is due runs on the slot of the page that needs it, so calls in flight never exceed the cap.
 */
function exchange(reader: JamfReader, url: string, what: string) {
  const { connections, tokens, counts, send } = reader;
  const get = async (token: string) => {
    counts.pageRequests++;
    return send(
      url,
      { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
      what,
    );
  };
  return connections.run(async () => {
    const token = await tokens.get();
    let answer = await get(token);
    if (answer.status === 401) {
      // Expired early or revoked: one fresh token, once. A second 401 is not a token problem.
      tokens.invalidate(token);
      answer = await get(await tokens.get());
    }
    return answer;
  });
}

/** The devices of one page; a record of another shape fails the read, saying where. */
function mapPage(listing: Listing, page: number, answer: InventoryPage): MdmDevice[] {
  return answer.results.map((raw, i) => {
    try {
      return listing.map(raw);
    } catch (e) {
      throw new MdmReadError(
        `Jamf Pro: ${listing.name} page ${page}, record ${i + 1}: ${(e as Error).message}`,
        'jamf',
        200,
        undefined,
      );
    }
  });
}

function parsePage(body: string, what: string): InventoryPage {
  try {
    const json = JSON.parse(body) as Partial<InventoryPage> | null;
    if (
      json !== null &&
      Number.isSafeInteger(json.totalCount) &&
      json.totalCount! >= 0 &&
      Array.isArray(json.results)
    )
      return json as InventoryPage;
  } catch {
    // reported below
  }
  throw new RequestFailure(`${what}: the answer is not {totalCount, results}`, {
    status: 200,
    retryable: false,
  });
}

function readError(e: unknown, listing: Listing): MdmReadError {
  if (e instanceof MdmReadError) return e;
  const exhausted = e instanceof RetriesExhausted ? e : undefined;
  const failure = exhausted?.failure;
  const tries = exhausted && exhausted.attempts > 1 ? ` after ${exhausted.attempts} tries` : '';
  const why = failure?.message ?? (e instanceof Error ? e.message : String(e));
  return new MdmReadError(
    `Jamf Pro: reading ${listing.name} failed${tries}: ${why}`,
    'jamf',
    failure?.status,
    failure?.requestId,
    { cause: e },
  );
}
