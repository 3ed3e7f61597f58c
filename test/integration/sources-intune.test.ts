/**
 * The real Intune source (@azure/identity + the Graph client) against the local Graph
 * simulator over https: paging, sign-in failures, permissions, throttling, timeouts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import { generateIntuneDevices } from '../../src/sim/fixtures';
import type { FaultRule } from '../../src/sim/sim-http';
import type { Simulators } from '../../src/sim/sim-server';
import { MdmReadError } from '../../src/sync/mdm-device';
import { createIntuneSource, type IntuneSourceOptions } from '../../src/sync/sources/intune';
import { INTUNE_SELECT, mapManagedDevice } from '../../src/sync/sources/intune-mapping';
import {
  eventually,
  FAST_RETRY,
  intuneConfigFor,
  readAll,
  recordingLogger,
  rejectionOf,
  startTestSimulators,
} from '../support/sim-harness';

const DEVICES = generateIntuneDevices(2500, 42);
let sims: Simulators;

beforeAll(async () => {
  sims = await startTestSimulators({ graph: { devices: DEVICES }, jamf: false });
});
afterAll(() => sims.close());
beforeEach(() => {
  const state = sims.graph!.state;
  state.faults.length = 0;
  state.log.length = 0;
  state.roles = ['DeviceManagementManagedDevices.Read.All'];
  state.maxPageSize = 1000;
});

function source(
  options: IntuneSourceOptions & { timeoutMs?: number; secret?: string; tenantId?: string } = {},
) {
  const { log, records } = recordingLogger();
  const config = {
    ...intuneConfigFor(sims, options.secret),
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
  };
  return {
    source: createIntuneSource(config, options.timeoutMs ?? 5000, log, {
      retry: FAST_RETRY,
      ...options,
    }),
    records,
  };
}

function requests(route: string) {
  return sims.graph!.state.log.filter((entry) => entry.route === route);
}

function fault(rule: FaultRule) {
  sims.graph!.state.faults.push(rule);
}

describe('Intune source against the Graph simulator', () => {
  it('reads 2,500 devices in 3 pages with one token call, $selecting only what it maps', async () => {
    const { source: intune } = source();
    const pages = await readAll(intune);

    expect(pages.map((p) => p.length)).toEqual([1000, 1000, 500]);
    expect(pages.flat()).toEqual(DEVICES.map(mapManagedDevice));
    expect(intune.stats).toEqual({ tokenRequests: 1, pageRequests: 3, retries: 0 });
    expect(requests('discovery')).toHaveLength(1);
    expect(requests('token')).toHaveLength(1);
    const lists = requests('managedDevices');
    expect(lists).toHaveLength(3);
    expect(lists[0].query).toBe(`?$select=${INTUNE_SELECT.join(',')}&$top=1000&$count=true`);
    expect(lists[1].query).toContain('$skiptoken=');

    // A second run reuses the cached token.
    await readAll(intune);
    expect(intune.stats).toEqual({ tokenRequests: 1, pageRequests: 6, retries: 0 });
    expect(requests('token')).toHaveLength(1);
  });

  it('signs in with a client certificate (ClientCertificateCredential) too', async () => {
    const pems = await generate([{ name: 'commonName', value: 'daicho-test-app' }], {
      keySize: 2048,
      algorithm: 'sha256',
    });
    const certificatePath = path.join(
      mkdtempSync(path.join(os.tmpdir(), 'daicho-cert-')),
      'app.pem',
    );
    writeFileSync(certificatePath, `${pems.private}\n${pems.cert}`);
    const config = {
      ...intuneConfigFor(sims),
      auth: { kind: 'certificate' as const, certificatePath },
    };
    const intune = createIntuneSource(config, 5000, recordingLogger().log, { retry: FAST_RETRY });
    expect((await readAll(intune)).flat()).toHaveLength(2500);
    expect(intune.stats.tokenRequests).toBe(1);
  });

  it('a wrong secret fails at once with what to fix, and reads no page', async () => {
    const { source: intune } = source({ secret: 'the-secret-id-not-its-value' });
    const error = await rejectionOf(readAll(intune));
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.message).toMatch(/AADSTS7000215/);
    expect(error.message).toMatch(/AZURE_CLIENT_SECRET/);
    expect((error as MdmReadError).status).toBe(401);
    expect(requests('token')).toHaveLength(1);
    expect(requests('managedDevices')).toHaveLength(0);
  });

  it('an unknown tenant is named as such', async () => {
    const { source: intune } = source({ tenantId: 'contoso.onmicrosoft.com' });
    const error = await rejectionOf(readAll(intune));
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.message).toMatch(/AADSTS90002.*AZURE_TENANT_ID/);
    expect((error as MdmReadError).status).toBe(400);
  });

  it('a missing Graph permission is a 403 MdmReadError with the request-id, not retried', async () => {
    sims.graph!.state.roles = [];
    const { source: intune } = source();
    const error = (await rejectionOf(readAll(intune))) as MdmReadError;
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.status).toBe(403);
    expect(error.message).toMatch(
      /Authorization_RequestDenied.*DeviceManagementManagedDevices\.Read\.All/,
    );
    const lists = requests('managedDevices');
    expect(lists).toHaveLength(1);
    expect(error.requestId).toBe(lists[0].requestId);
  });

  it('a 429 storm with Retry-After is waited out', async () => {
    fault({
      route: 'managedDevices',
      page: 1,
      remaining: 2,
      action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    const { source: intune, records } = source();
    const started = Date.now();
    const pages = await readAll(intune);
    expect(pages.flat()).toHaveLength(2500);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(intune.stats).toEqual({ tokenRequests: 1, pageRequests: 5, retries: 2 });
    expect(records.filter((r) => r.level === 40)).toHaveLength(2);
  });

  it('429s without Retry-After and 503s (Graph, and the token endpoint) are retried', async () => {
    // Without Retry-After, MSAL alone would refuse the token call for 60 s after this.
    fault({ route: 'token', remaining: 1, action: { kind: 'status', status: 503 } });
    fault({
      route: 'managedDevices',
      page: 0,
      remaining: 4,
      action: { kind: 'status', status: 429 },
    });
    fault({
      route: 'managedDevices',
      page: 2,
      remaining: 1,
      action: { kind: 'status', status: 503, retryAfterSeconds: 1 },
    });
    const { source: intune } = source();
    const pages = await readAll(intune);
    expect(pages.flat()).toHaveLength(2500);
    expect(intune.stats.retries).toBe(6);
    expect(intune.stats.tokenRequests).toBe(2);
    expect(requests('managedDevices').map((r) => r.status)).toEqual([
      429, 429, 429, 429, 200, 200, 503, 200,
    ]);
  });

  it('a page that keeps failing fails the read after the last try: no partial success', async () => {
    fault({
      route: 'managedDevices',
      page: 2,
      remaining: Infinity,
      action: { kind: 'status', status: 500 },
    });
    const { source: intune } = source({ retry: { ...FAST_RETRY, maxAttempts: 4 } });
    const seen: number[] = [];
    const error = (await rejectionOf(
      (async () => {
        for await (const page of intune.devices()) seen.push(page.length);
      })(),
    )) as MdmReadError;
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/page 3 after 4 tries/);
    expect(seen).toEqual([1000, 1000]);
    expect(requests('managedDevices').filter((r) => r.page === 2)).toHaveLength(4);
  });

  it('a page that fails twice, and dropped connections, are retried to success', async () => {
    fault({
      route: 'managedDevices',
      page: 1,
      remaining: 2,
      action: { kind: 'status', status: 500 },
    });
    fault({ route: 'managedDevices', page: 2, remaining: 2, action: { kind: 'drop' } });
    const { source: intune } = source();
    expect((await readAll(intune)).flat()).toHaveLength(2500);
    expect(intune.stats.retries).toBe(4);
  });

  it('a slow answer is aborted at the time limit and retried; always slow fails', async () => {
    fault({ route: 'managedDevices', page: 0, remaining: 1, action: { kind: 'delay', ms: 3000 } });
    const once = source({ timeoutMs: 300 });
    expect((await readAll(once.source)).flat()).toHaveLength(2500);
    expect(once.source.stats.retries).toBe(1);

    sims.graph!.state.log.length = 0;
    fault({ route: 'managedDevices', remaining: Infinity, action: { kind: 'delay', ms: 3000 } });
    const always = source({ timeoutMs: 300, retry: { ...FAST_RETRY, maxAttempts: 3 } });
    const started = Date.now();
    const error = await rejectionOf(readAll(always.source));
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.message).toMatch(/after 3 tries.*no answer within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2500);
    await eventually(() => expect(requests('managedDevices')).toHaveLength(3));
  });

  it('a sign-in that hangs is given up at the time limit too', async () => {
    fault({ route: 'token', remaining: Infinity, action: { kind: 'delay', ms: 3000 } });
    const { source: intune } = source({ timeoutMs: 300, retry: { ...FAST_RETRY, maxAttempts: 2 } });
    const error = await rejectionOf(readAll(intune));
    expect(error).toBeInstanceOf(MdmReadError);
    expect(error.message).toMatch(/after 2 tries: Intune sign-in: no answer within 300 ms/);
    expect(requests('managedDevices')).toHaveLength(0);
  });

  it('stays under the request rate limit with a sliding window', async () => {
    sims.graph!.state.maxPageSize = 500;
    const { source: intune } = source({ rateLimit: { requests: 2, windowMs: 400 } });
    expect((await readAll(intune)).flat()).toHaveLength(2500);
    const times = requests('managedDevices').map((r) => r.at);
    expect(times).toHaveLength(5);
    // Arrival times at the simulator: a request delayed on a loaded machine arrives late and
    // shortens the gap after it, so allow 50 ms of scheduling jitter (unlimited, the gaps are ~0).
    for (let i = 2; i < times.length; i++)
      expect(times[i] - times[i - 2]).toBeGreaterThanOrEqual(350);
  });
});
