/**
 * The real Jamf Pro source (Node's fetch, OAuth client credentials) against the local Jamf
 * simulator over https: paging, token refresh, the connection cap, throttling, timeouts.
 */
import { generateJamfComputers, generateJamfMobileDevices } from '../../src/sim/fixtures';
import type { FaultRule } from '../../src/sim/sim-http';
import type { Simulators } from '../../src/sim/sim-server';
import { MdmReadError } from '../../src/sync/mdm-device';
import { createJamfSource, type JamfSourceOptions } from '../../src/sync/sources/jamf';
import { mapJamfComputer, mapJamfMobileDevice } from '../../src/sync/sources/jamf-mapping';
import {
  eventually,
  FAST_RETRY,
  jamfConfigFor,
  readAll,
  recordingLogger,
  rejectionOf,
  startTestSimulators,
} from '../support/sim-harness';

const COMPUTERS = generateJamfComputers(2500, 7);
const MOBILES = generateJamfMobileDevices(400, 8);
let sims: Simulators;

beforeAll(async () => {
  sims = await startTestSimulators({
    graph: false,
    jamf: { computers: COMPUTERS, mobileDevices: MOBILES },
  });
});
afterAll(() => sims.close());
beforeEach(() => {
  const state = sims.jamf!.state;
  state.faults.length = 0;
  state.log.length = 0;
  state.maxInFlight = 0;
  state.tokenLifetimeSeconds = 599;
  state.tokens.clear();
});

function source(options: JamfSourceOptions & { timeoutMs?: number; secret?: string } = {}) {
  const { log } = recordingLogger();
  return createJamfSource(jamfConfigFor(sims, options.secret), options.timeoutMs ?? 5000, log, {
    retry: FAST_RETRY,
    pageSize: 1000,
    ...options,
  });
}

function requests(route: string) {
  return sims.jamf!.state.log.filter((entry) => entry.route === route);
}

function fault(rule: FaultRule) {
  sims.jamf!.state.faults.push(rule);
}

describe('Jamf source against the Jamf Pro simulator', () => {
  it('reads 2,500 computers in 3 pages, then the mobile devices, with one token call', async () => {
    const jamf = source();
    const pages = await readAll(jamf);

    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 500, 400]);
    expect(pages.flat()).toEqual([
      ...COMPUTERS.map(mapJamfComputer),
      ...MOBILES.map(mapJamfMobileDevice),
    ]);
    expect(jamf.stats).toEqual({ tokenRequests: 1, pageRequests: 4, retries: 0 });
    expect(requests('token')).toHaveLength(1);
    expect(requests('computers').map((r) => r.page)).toEqual([0, 1, 2]);
    expect(requests('computers')[0].query).toBe(
      '?section=GENERAL&section=HARDWARE&section=OPERATING_SYSTEM&section=USER_AND_LOCATION&page=0&page-size=1000&sort=id%3Aasc',
    );
    expect(requests('mobileDevices')).toHaveLength(1);
  });

  it('a wrong secret fails at once and says which settings to check', async () => {
    const error = (await rejectionOf(readAll(source({ secret: 'wrong' })))) as MdmReadError;
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/invalid_client|Client authentication failed/);
    expect(error.message).toMatch(/JAMF_CLIENT_SECRET/);
    expect(requests('token')).toHaveLength(1);
    expect(requests('computers')).toHaveLength(0);
  });

  it('keeps at most 5 requests in flight and still works in parallel', async () => {
    fault({ route: 'computers', remaining: Infinity, action: { kind: 'delay', ms: 40 } });
    const jamf = source({ pageSize: 100 });
    const pages = await readAll(jamf);
    expect(pages.flat()).toHaveLength(2900);
    expect(requests('computers')).toHaveLength(25);
    expect(sims.jamf!.state.maxInFlight).toBeLessThanOrEqual(5);
    expect(sims.jamf!.state.maxInFlight).toBeGreaterThanOrEqual(3);
  });

  it('renews the token before it expires during a long run', async () => {
    sims.jamf!.state.tokenLifetimeSeconds = 1;
    fault({ route: 'computers', remaining: Infinity, action: { kind: 'delay', ms: 250 } });
    const jamf = source({ pageSize: 100 });
    expect((await readAll(jamf)).flat()).toHaveLength(2900);
    expect(jamf.stats.tokenRequests).toBeGreaterThanOrEqual(2);
    expect(sims.jamf!.state.log.filter((r) => r.status === 401)).toHaveLength(0);
    expect(sims.jamf!.state.maxInFlight).toBeLessThanOrEqual(5);
  });

  it('fetches one fresh token after a 401 (a revoked token) and goes on', async () => {
    const jamf = source({ pageSize: 100 });
    const iterator = jamf.devices()[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toHaveLength(100);
    sims.jamf!.state.tokens.clear();
    let total = 100;
    for (let page = await iterator.next(); !page.done; page = await iterator.next())
      total += page.value.length;
    expect(total).toBe(2900);
    expect(jamf.stats.tokenRequests).toBe(2);
    expect(sims.jamf!.state.log.filter((r) => r.status === 401).length).toBeGreaterThanOrEqual(1);
  });

  it('waits out 429s with and without Retry-After, and reconnects after a drop', async () => {
    fault({
      route: 'computers',
      page: 1,
      remaining: 1,
      action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    fault({ route: 'computers', page: 2, remaining: 3, action: { kind: 'status', status: 429 } });
    fault({ route: 'mobileDevices', remaining: 1, action: { kind: 'drop' } });
    const jamf = source();
    const started = Date.now();
    expect((await readAll(jamf)).flat()).toHaveLength(2900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(jamf.stats.retries).toBe(5);
  });

  it('a page that keeps failing fails the whole read with MdmReadError', async () => {
    fault({
      route: 'computers',
      page: 1,
      remaining: Infinity,
      action: { kind: 'status', status: 500 },
    });
    const error = (await rejectionOf(
      readAll(source({ retry: { ...FAST_RETRY, maxAttempts: 3 } })),
    )) as MdmReadError;
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/computers failed after 3 tries.*page 1: HTTP 500/);
    expect(requests('computers').filter((r) => r.page === 1)).toHaveLength(3);
  });

  it('a slow answer is aborted at the time limit, retried, and then fails', async () => {
    fault({
      route: 'computers',
      page: 0,
      remaining: Infinity,
      action: { kind: 'delay', ms: 3000 },
    });
    const error = await rejectionOf(
      readAll(source({ timeoutMs: 300, retry: { ...FAST_RETRY, maxAttempts: 3 } })),
    );
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.message).toMatch(/after 3 tries.*no answer within 300 ms/);
    await eventually(() => expect(requests('computers')).toHaveLength(3));
  });
});
