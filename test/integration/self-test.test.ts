/**
 * The connection self-tests of the "data does not sync" troubleshooting tree, against the Graph
 * and Jamf Pro simulators configured wrong in each way a real tenant can be.
 */
import { createServer } from 'node:net';
import type { IntuneConfig, JamfConfig } from '../../src/config/config';
import {
  generateIntuneDevices,
  generateJamfComputers,
  generateJamfMobileDevices,
} from '../../src/sim/fixtures';
import type { GraphSimState } from '../../src/sim/graph-sim';
import type { JamfSimState } from '../../src/sim/jamf-sim';
import type { Simulators } from '../../src/sim/sim-server';
import {
  runIntuneSelfTest,
  runJamfSelfTest,
  type IntuneSelfTestFacts,
  type IntuneSelfTestOutcome,
  type JamfSelfTestFacts,
  type JamfSelfTestOutcome,
  type SelfTestMessage,
  type SelfTestOptions,
  selfTestText,
} from '../../src/troubleshooting/self-test';
import { isOtherTenant, readAccessToken } from '../../src/troubleshooting/self-test/access-token';
import { latinSentences } from '../support/latin-text';
import { expectValid, getJson, loadContracts, oauthError } from '../support/sim-contracts';
import { intuneConfigFor, jamfConfigFor, startTestSimulators } from '../support/sim-harness';

const READ_ALL = 'DeviceManagementManagedDevices.Read.All';
const WRONG_SECRET = 'the-secret-id-not-its-value';
const OTHER_GUID = '0b7a4c2d-1e3f-4a5b-8c6d-7e8f9a0b1c2d';
/** Small waits so the table runs in seconds; the bound below is what the tests hold them to. */
const OPTIONS: SelfTestOptions = {
  timeoutMs: 2000,
  retry: { maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 1500 },
  deadlineMs: 8000,
};

let sims: Simulators;
let closedPortUrl: string;
const graph = () => sims.graph!.state;
const jamf = () => sims.jamf!.state;

beforeAll(async () => {
  sims = await startTestSimulators({});
  closedPortUrl = `https://127.0.0.1:${await closedPort()}`;
});
afterAll(() => sims.close());
beforeEach(() => {
  Object.assign(graph(), {
    faults: [],
    log: [],
    roles: [READ_ALL],
    secretExpired: false,
    devices: generateIntuneDevices(3, 7),
  });
  Object.assign(jamf(), {
    faults: [],
    log: [],
    privileges: ['Read Computers', 'Read Mobile Devices'],
    computers: generateJamfComputers(3, 8),
    mobileDevices: generateJamfMobileDevices(2, 9),
  });
});

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** No secret and no token may reach a chat or a log through the result. */
function expectNoSecrets(result: unknown, secrets: string[]): void {
  const json = JSON.stringify(result);
  for (const secret of secrets) expect(json).not.toContain(secret);
  expect(json).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
}

/**
 * The finding reads in Japanese for a Japanese admin: no English sentence but the service's own
 * error text (a parameter), and the English detail for the logs is the same finding.
 */
function expectJapanese(result: { detail: string; message?: SelfTestMessage[] }): void {
  const fromServices = (part: SelfTestMessage): string[] =>
    Object.values(part.params).flatMap((value) =>
      typeof value === 'string' ? [value] : typeof value === 'object' ? fromServices(value) : [],
    );
  const japanese = selfTestText(result, 'ja');
  expect(japanese).toMatch(/[ぁ-んァ-ン]/);
  expect(latinSentences(japanese, (result.message ?? []).flatMap(fromServices))).toEqual([]);
  expect(selfTestText(result, 'en')).toBe(result.detail);
}

interface IntuneCase {
  name: string;
  outcome: IntuneSelfTestOutcome;
  arrange?: (state: GraphSimState) => void;
  config?: (good: IntuneConfig) => IntuneConfig | undefined;
  facts: (good: IntuneConfig) => IntuneSelfTestFacts;
}

const INTUNE_CASES: IntuneCase[] = [
  {
    name: 'everything right',
    outcome: 'ok',
    facts: (c) => ({
      tenantId: c.tenantId,
      tokenTenantId: c.tenantId,
      appId: c.clientId,
      roles: [READ_ALL],
      deviceCountSample: 1,
      status: 200,
    }),
  },
  {
    name: 'ReadWrite.All instead of Read.All',
    outcome: 'ok',
    arrange: (s) => (s.roles = ['DeviceManagementManagedDevices.ReadWrite.All']),
    facts: () => ({ roles: ['DeviceManagementManagedDevices.ReadWrite.All'] }),
  },
  {
    name: 'the Secret ID instead of the secret value',
    outcome: 'bad-secret',
    config: (c) => ({ ...c, auth: { kind: 'secret', secret: WRONG_SECRET } }),
    facts: (c) => ({ tenantId: c.tenantId, status: 401, aadCode: 'AADSTS7000215' }),
  },
  {
    name: 'an expired secret',
    outcome: 'expired-secret',
    arrange: (s) => (s.secretExpired = true),
    facts: () => ({ status: 401, aadCode: 'AADSTS7000222' }),
  },
  {
    name: 'another tenant id configured',
    outcome: 'wrong-tenant',
    config: (c) => ({ ...c, tenantId: OTHER_GUID }),
    facts: () => ({ tenantId: OTHER_GUID, status: 400, aadCode: 'AADSTS90002' }),
  },
  {
    name: 'an unknown client id',
    outcome: 'unknown-client',
    config: (c) => ({ ...c, clientId: OTHER_GUID }),
    facts: () => ({ appId: OTHER_GUID, status: 400, aadCode: 'AADSTS700016' }),
  },
  {
    name: 'no application permission at all',
    outcome: 'missing-permission',
    arrange: (s) => (s.roles = []),
    facts: (c) => ({ tokenTenantId: c.tenantId, roles: [], status: 403 }),
  },
  {
    name: 'other permissions, not the Intune one',
    outcome: 'missing-permission',
    arrange: (s) => (s.roles = ['User.Read.All']),
    facts: () => ({ roles: ['User.Read.All'], status: 403 }),
  },
  {
    name: 'a tenant without enrolled devices',
    outcome: 'empty-result',
    arrange: (s) => (s.devices = []),
    facts: () => ({ roles: [READ_ALL], deviceCountSample: 0, status: 200 }),
  },
  {
    name: 'a 429 that persists after the retry',
    outcome: 'throttled',
    arrange: (s) =>
      s.faults.push({
        route: 'managedDevices',
        remaining: Infinity,
        action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
      }),
    facts: () => ({ status: 429, retryAfterSeconds: 1, roles: [READ_ALL] }),
  },
  {
    name: 'a closed port',
    outcome: 'unreachable',
    config: (c) => ({ ...c, authorityHost: closedPortUrl, graphBaseUrl: closedPortUrl }),
    facts: (c) => ({ tenantId: c.tenantId }),
  },
  {
    name: 'Graph answering 503 every time',
    outcome: 'unreachable',
    arrange: (s) =>
      s.faults.push({
        route: 'managedDevices',
        remaining: Infinity,
        action: { kind: 'status', status: 503 },
      }),
    facts: () => ({ status: 503, roles: [READ_ALL] }),
  },
  {
    name: 'no Intune configuration',
    outcome: 'not-configured',
    config: () => undefined,
    facts: () => ({}),
  },
];

describe('Intune self-test against the Graph simulator', () => {
  it.each(INTUNE_CASES)('$name → $outcome', async (c) => {
    const good = intuneConfigFor(sims);
    c.arrange?.(graph());
    const config = c.config ? c.config(good) : good;
    const started = Date.now();
    const result = await runIntuneSelfTest(config, OPTIONS);

    expect(result).toMatchObject({ provider: 'intune', outcome: c.outcome, facts: c.facts(good) });
    expect(result.detail).toMatch(/\S/);
    expectJapanese(result);
    expect(result.durationMs).toBeLessThanOrEqual(Date.now() - started);
    expect(Date.now() - started).toBeLessThan(OPTIONS.deadlineMs!);
    expectNoSecrets(result, [sims.env.AZURE_CLIENT_SECRET, WRONG_SECRET]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('signs in once and calls managedDevices once, with $top=1', async () => {
    await runIntuneSelfTest(intuneConfigFor(sims), OPTIONS);
    const routes = graph().log.map((entry) => entry.route);
    expect(routes.filter((r) => r === 'token')).toHaveLength(1);
    const lists = graph().log.filter((entry) => entry.route === 'managedDevices');
    expect(lists).toHaveLength(1);
    expect(lists[0].query).toBe('?$select=id&$top=1');
  });

  it('the failures carry the request id that support will ask for', async () => {
    graph().roles = [];
    const denied = await runIntuneSelfTest(intuneConfigFor(sims), OPTIONS);
    const list = graph().log.find((entry) => entry.route === 'managedDevices');
    expect(denied.facts.requestId).toBe(list?.requestId);
    expect(denied.detail).toMatch(/no application roles.*403/);

    const bad = await runIntuneSelfTest(intuneConfigFor(sims, WRONG_SECRET), OPTIONS);
    expect(bad.facts.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(bad.detail).toMatch(/AADSTS7000215/);
    expect(graph().log.filter((e) => e.route === 'managedDevices')).toHaveLength(1);
  });

  it('a persistent 429 is retried once, briefly; a long Retry-After is reported, not waited', async () => {
    graph().faults.push({
      route: 'managedDevices',
      remaining: Infinity,
      action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    await runIntuneSelfTest(intuneConfigFor(sims), OPTIONS);
    expect(graph().log.filter((e) => e.route === 'managedDevices')).toHaveLength(2);

    graph().log.length = 0;
    graph().faults = [
      {
        route: 'managedDevices',
        remaining: Infinity,
        action: { kind: 'status', status: 429, retryAfterSeconds: 120 },
      },
    ];
    const result = await runIntuneSelfTest(intuneConfigFor(sims), OPTIONS);
    expect(result).toMatchObject({ outcome: 'throttled', facts: { retryAfterSeconds: 120 } });
    expect(result.durationMs).toBeLessThan(1500);
    expect(graph().log.filter((e) => e.route === 'managedDevices')).toHaveLength(1);
  });

  it('a sign-in that hangs ends at the time limit, and the whole test at its deadline', async () => {
    graph().faults.push({
      route: 'token',
      remaining: Infinity,
      action: { kind: 'delay', ms: 5000 },
    });
    const timedOut = await runIntuneSelfTest(intuneConfigFor(sims), {
      ...OPTIONS,
      timeoutMs: 300,
    });
    expect(timedOut.outcome).toBe('unreachable');
    expect(timedOut.detail).toMatch(/no answer within 300 ms/);
    expect(timedOut.durationMs).toBeLessThan(1500);

    const late = await runIntuneSelfTest(intuneConfigFor(sims), { ...OPTIONS, deadlineMs: 400 });
    expect(late.outcome).toBe('unreachable');
    expect(late.detail).toMatch(/within 400 ms/);
    expect(late.durationMs).toBeLessThan(1000);
  });

  it('reads tid, appid and roles from a token, and compares only a configured GUID', () => {
    const payload = Buffer.from(JSON.stringify({ tid: OTHER_GUID, appid: 'a', roles: ['R'] }));
    expect(readAccessToken(`h.${payload.toString('base64url')}.s`)).toEqual({
      tenantId: OTHER_GUID,
      appId: 'a',
      roles: ['R'],
    });
    expect(readAccessToken('not-a-jwt')).toBeUndefined();
    expect(isOtherTenant(graph().tenantId, OTHER_GUID)).toBe(true);
    expect(isOtherTenant(graph().tenantId.toUpperCase(), graph().tenantId)).toBe(false);
    expect(isOtherTenant('contoso.onmicrosoft.com', OTHER_GUID)).toBe(false);
  });
});

interface JamfCase {
  name: string;
  outcome: JamfSelfTestOutcome;
  arrange?: (state: JamfSimState) => void;
  config?: (good: JamfConfig) => JamfConfig | undefined;
  facts: JamfSelfTestFacts;
}

const JAMF_CASES: JamfCase[] = [
  {
    name: 'everything right',
    outcome: 'ok',
    facts: { computerCount: 3, mobileDeviceCount: 2, status: 200 },
  },
  {
    name: 'a wrong client secret',
    outcome: 'bad-credentials',
    config: (c) => ({ ...c, clientSecret: WRONG_SECRET }),
    facts: { status: 401 },
  },
  {
    name: 'a role without Read Mobile Devices',
    outcome: 'missing-privilege',
    arrange: (s) => (s.privileges = ['Read Computers']),
    facts: { computerCount: 3, missingPrivileges: ['Read Mobile Devices'], status: 403 },
  },
  {
    name: 'a role without either read privilege',
    outcome: 'missing-privilege',
    arrange: (s) => (s.privileges = []),
    facts: { missingPrivileges: ['Read Computers', 'Read Mobile Devices'], status: 403 },
  },
  {
    name: 'an instance with nothing enrolled',
    outcome: 'empty-result',
    arrange: (s) => Object.assign(s, { computers: [], mobileDevices: [] }),
    facts: { computerCount: 0, mobileDeviceCount: 0, status: 200 },
  },
  {
    name: 'a 429 that persists after the retry',
    outcome: 'throttled',
    arrange: (s) =>
      s.faults.push({
        route: 'computers',
        remaining: Infinity,
        action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
      }),
    facts: { status: 429, retryAfterSeconds: 1 },
  },
  {
    name: 'a token endpoint answering 500',
    outcome: 'unreachable',
    arrange: (s) =>
      s.faults.push({
        route: 'token',
        remaining: Infinity,
        action: { kind: 'status', status: 500 },
      }),
    facts: { status: 500 },
  },
  {
    name: 'a closed port',
    outcome: 'unreachable',
    config: (c) => ({ ...c, url: closedPortUrl }),
    facts: {},
  },
  { name: 'no Jamf configuration', outcome: 'not-configured', config: () => undefined, facts: {} },
];

describe('Jamf Pro self-test against the Jamf simulator', () => {
  it.each(JAMF_CASES)('$name → $outcome', async (c) => {
    const good = jamfConfigFor(sims);
    c.arrange?.(jamf());
    const config = c.config ? c.config(good) : good;
    const started = Date.now();
    const result = await runJamfSelfTest(config, OPTIONS);

    expect(result).toMatchObject({ provider: 'jamf', outcome: c.outcome, facts: c.facts });
    if (config) expect(result.facts).toMatchObject({ url: config.url, clientId: config.clientId });
    expect(result.detail).toMatch(/\S/);
    expectJapanese(result);
    expect(Date.now() - started).toBeLessThan(OPTIONS.deadlineMs!);
    expectNoSecrets(result, [sims.env.JAMF_CLIENT_SECRET, WRONG_SECRET]);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('names the missing privilege in the detail, and reads each inventory with page-size 1', async () => {
    jamf().privileges = ['Read Mobile Devices'];
    const result = await runJamfSelfTest(jamfConfigFor(sims), OPTIONS);
    expect(result.detail).toMatch(/"Read Computers"/);
    const reads = jamf().log.filter((e) => e.route === 'computers' || e.route === 'mobileDevices');
    expect(reads.map((e) => e.route)).toEqual(['computers', 'mobileDevices']);
    for (const read of reads) expect(read.query).toContain('page-size=1');
  });
});

describe('the simulators’ new answers keep to the contracts', () => {
  const jamfError = loadContracts().schema('jamf/jamf-pro-api-11.7.1.excerpt.json', 'ApiError');

  it('an expired secret is an OAuth error with AADSTS7000222', async () => {
    graph().secretExpired = true;
    const answer = await getJson(`${sims.graph!.url}/${graph().tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: graph().clientId,
        client_secret: graph().clientSecret,
        scope: `${sims.graph!.url}/.default`,
      }),
    });
    expect(answer.status).toBe(401);
    expectValid(oauthError, answer.body, 'expired secret');
    expect(answer.body).toMatchObject({ error: 'invalid_client', error_codes: [7000222] });
  });

  it('a missing Jamf privilege is a 403 ApiError', async () => {
    jamf().privileges = [];
    const token = await getJson(`${sims.jamf!.url}/api/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: jamf().clientId,
        client_secret: jamf().clientSecret,
      }),
    });
    const answer = await getJson(`${sims.jamf!.url}/api/v1/computers-inventory`, {
      headers: { authorization: `Bearer ${(token.body as { access_token: string }).access_token}` },
    });
    expect(answer.status).toBe(403);
    expectValid(jamfError, answer.body, 'ApiError');
    expect(answer.body).toMatchObject({ errors: [{ code: 'INVALID_PRIVILEGE' }] });
  });
});
