/**
 * Every kind of answer the simulators give, checked against the published Graph and Jamf Pro
 * schemas in ../shared/contracts: a simulator that drifts from the real API would make the
 * source tests prove nothing.
 */
import Ajv from 'ajv';
import {
  demoFixturePath,
  generateIntuneDevices,
  generateJamfComputers,
  generateJamfMobileDevices,
  loadFixture,
} from '../../src/sim/fixtures';
import type { Simulators } from '../../src/sim/sim-server';
import { describeErrors, expectValid, loadContracts } from '../support/sim-contracts';
import { startTestSimulators } from '../support/sim-harness';

const contracts = loadContracts();
const GRAPH = 'graph/managedDevice.schema.json' as const;
const ERRORS = 'graph/odata-error.schema.json' as const;
const JAMF = 'jamf/jamf-pro-api-11.7.1.excerpt.json' as const;
const managedDevicePage = contracts.schema(
  GRAPH,
  'microsoft.graph.managedDeviceCollectionResponse',
);
const managedDevice = contracts.schema(GRAPH, 'microsoft.graph.managedDevice');
const odataError = contracts.schema(ERRORS, 'microsoft.graph.ODataErrors.ODataError');
const computerPage = contracts.schema(JAMF, 'ComputerInventorySearchResults');
const computer = contracts.schema(JAMF, 'ComputerInventory');
const mobilePage = contracts.schema(JAMF, 'MobileDeviceInventorySearchResults');
const mobileDevice = contracts.schema(JAMF, 'MobileDeviceResponse');
const jamfError = contracts.schema(JAMF, 'ApiError');
const jamfAuthToken = contracts.schema(JAMF, 'AuthTokenV1');

/**
 * Not in the contract files: the OAuth token answers (RFC 6749 §5.1 / §5.2; Jamf's documented
 * example in contracts/jamf/README.md). Kept small and strict here instead.
 */
const oauth = new Ajv({ allErrors: true });
const tokenAnswer = oauth.compile({
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: {
    access_token: { type: 'string', minLength: 20 },
    token_type: { const: 'Bearer' },
    expires_in: { type: 'integer', minimum: 1 },
    scope: { type: 'string' },
  },
});
const oauthError = oauth.compile({
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    error_description: { type: 'string' },
    error_codes: { type: 'array', items: { type: 'integer' } },
  },
});

let sims: Simulators;
let graphUrl: string;
let jamfUrl: string;

beforeAll(async () => {
  sims = await startTestSimulators({
    graph: { devices: generateIntuneDevices(1200, 3), maxPageSize: 500 },
    jamf: {
      computers: generateJamfComputers(250, 4),
      mobileDevices: generateJamfMobileDevices(120, 5),
    },
  });
  graphUrl = sims.graph!.url;
  jamfUrl = sims.jamf!.url;
});
afterAll(() => sims.close());
beforeEach(() => {
  sims.graph!.state.faults.length = 0;
  sims.jamf!.state.faults.length = 0;
  sims.graph!.state.roles = ['DeviceManagementManagedDevices.Read.All'];
});

async function getJson(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function graphToken(
  secret = sims.env.AZURE_CLIENT_SECRET,
): Promise<{ status: number; body: unknown }> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sims.env.AZURE_CLIENT_ID,
    client_secret: secret,
    scope: `${graphUrl}/.default`,
  });
  return getJson(`${graphUrl}/${sims.env.AZURE_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body: form,
  });
}

async function graphGet(
  pathAndQuery: string,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const token = ((await graphToken()).body as { access_token: string }).access_token;
  const url = pathAndQuery.startsWith('https://') ? pathAndQuery : `${graphUrl}${pathAndQuery}`;
  return getJson(url, { headers: { authorization: `Bearer ${token}` } });
}

async function jamfToken(): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sims.env.JAMF_CLIENT_ID,
    client_secret: sims.env.JAMF_CLIENT_SECRET,
  });
  const answer = await getJson(`${jamfUrl}/api/oauth/token`, { method: 'POST', body: form });
  return (answer.body as { access_token: string }).access_token;
}

describe('Graph simulator', () => {
  it('serves an OpenID configuration that points at itself, and OAuth token answers', async () => {
    const discovery = await getJson(
      `${graphUrl}/${sims.env.AZURE_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
    expect(discovery.body).toMatchObject({
      token_endpoint: `${graphUrl}/${sims.env.AZURE_TENANT_ID}/oauth2/v2.0/token`,
      issuer: `${graphUrl}/${sims.env.AZURE_TENANT_ID}/v2.0`,
    });
    const ok = await graphToken();
    expectValid(tokenAnswer, ok.body, 'token answer');
    const claims = JSON.parse(
      Buffer.from(
        (ok.body as { access_token: string }).access_token.split('.')[1],
        'base64url',
      ).toString(),
    );
    expect(claims).toMatchObject({
      roles: ['DeviceManagementManagedDevices.Read.All'],
      tid: sims.env.AZURE_TENANT_ID,
      appid: sims.env.AZURE_CLIENT_ID,
    });
    const wrong = await graphToken('not-the-secret');
    expect(wrong.status).toBe(401);
    expectValid(oauthError, wrong.body, 'token error');
    expect(wrong.body).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
  });

  it('pages without $select match managedDeviceCollectionResponse, all the way through nextLink', async () => {
    let next: string | undefined = '/v1.0/deviceManagement/managedDevices';
    const ids = new Set<string>();
    while (next) {
      const page = await graphGet(next);
      expect(page.status).toBe(200);
      expectValid(managedDevicePage, page.body, `page ${next}`);
      const body = page.body as { value: { id: string }[]; '@odata.nextLink'?: string };
      for (const device of body.value) ids.add(device.id);
      next = body['@odata.nextLink'];
    }
    expect(ids.size).toBe(1200);
  });

  it('pages with $select carry only the selected properties and stay valid', async () => {
    const page = await graphGet(
      '/v1.0/deviceManagement/managedDevices?$select=id,serialNumber,deviceRegistrationState&$top=100',
    );
    expectValid(managedDevicePage, page.body, 'selected page');
    const body = page.body as { value: Record<string, unknown>[]; '@odata.nextLink': string };
    expect(Object.keys(body.value[0]).sort()).toEqual([
      'deviceRegistrationState',
      'id',
      'serialNumber',
    ]);
    expect(body['@odata.nextLink']).toContain('$select=id,serialNumber,deviceRegistrationState');
  });

  it.each<
    [string, () => Promise<{ status: number; headers: Headers; body: unknown }>, number, string]
  >([
    [
      'no token',
      () => getJson(`${graphUrl}/v1.0/deviceManagement/managedDevices`),
      401,
      'InvalidAuthenticationToken',
    ],
    [
      'unknown property in $select',
      () => graphGet('/v1.0/deviceManagement/managedDevices?$select=serial'),
      400,
      'BadRequest',
    ],
    ['unknown path', () => graphGet('/v1.0/deviceManagement/nothing'), 404, 'ResourceNotFound'],
    [
      'missing permission',
      async () => {
        sims.graph!.state.roles = [];
        return graphGet('/v1.0/deviceManagement/managedDevices');
      },
      403,
      'Authorization_RequestDenied',
    ],
    [
      'throttled',
      async () => {
        sims.graph!.state.faults.push({
          route: 'managedDevices',
          remaining: 1,
          action: { kind: 'status', status: 429, retryAfterSeconds: 3 },
        });
        return graphGet('/v1.0/deviceManagement/managedDevices');
      },
      429,
      'TooManyRequests',
    ],
    [
      'unavailable',
      async () => {
        sims.graph!.state.faults.push({
          route: 'managedDevices',
          remaining: 1,
          action: { kind: 'status', status: 503 },
        });
        return graphGet('/v1.0/deviceManagement/managedDevices');
      },
      503,
      'ServiceUnavailable',
    ],
  ])(
    'error "%s" is an ODataError with the request-id header',
    async (_name, call, status, code) => {
      const answer = await call();
      expect(answer.status).toBe(status);
      expectValid(odataError, answer.body, 'error body');
      const error = (answer.body as { error: { code: string; innerError: Record<string, string> } })
        .error;
      expect(error.code).toBe(code);
      expect(answer.headers.get('request-id')).toBe(error.innerError['request-id']);
      if (status === 429) expect(answer.headers.get('retry-after')).toBe('3');
    },
  );
});

describe('Jamf simulator', () => {
  it('answers the OAuth and Basic token calls in their documented shapes', async () => {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sims.env.JAMF_CLIENT_ID,
      client_secret: sims.env.JAMF_CLIENT_SECRET,
    });
    const oauthAnswer = await getJson(`${jamfUrl}/api/oauth/token`, { method: 'POST', body: form });
    expectValid(tokenAnswer, oauthAnswer.body, 'Jamf OAuth token');
    const basic = Buffer.from(`${sims.env.JAMF_CLIENT_ID}:${sims.env.JAMF_CLIENT_SECRET}`).toString(
      'base64',
    );
    const basicAnswer = await getJson(`${jamfUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
    });
    expectValid(jamfAuthToken, basicAnswer.body, 'AuthTokenV1');
    const refused = await getJson(`${jamfUrl}/api/v1/auth/token`, {
      method: 'POST',
      headers: { authorization: 'Basic eDp5' },
    });
    expect(refused.status).toBe(401);
    expectValid(jamfError, refused.body, 'ApiError');
  });

  it('computer inventory pages match ComputerInventorySearchResults', async () => {
    const token = await jamfToken();
    const sections =
      'section=GENERAL&section=HARDWARE&section=OPERATING_SYSTEM&section=USER_AND_LOCATION';
    for (const page of [0, 1, 2]) {
      const answer = await getJson(
        `${jamfUrl}/api/v1/computers-inventory?${sections}&page=${page}&page-size=100&sort=id:asc`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      expectValid(computerPage, answer.body, `computers page ${page}`);
      const body = answer.body as { totalCount: number; results: Record<string, unknown>[] };
      expect(body.totalCount).toBe(250);
      expect(body.results).toHaveLength(page < 2 ? 100 : 50);
      expect(Object.keys(body.results[0]).sort()).toEqual([
        'general',
        'hardware',
        'id',
        'operatingSystem',
        'udid',
        'userAndLocation',
      ]);
    }
  });

  it('mobile device pages match MobileDeviceInventorySearchResults (by deviceType)', async () => {
    const token = await jamfToken();
    const answer = await getJson(
      `${jamfUrl}/api/v2/mobile-devices/detail?section=GENERAL&section=HARDWARE&section=USER_AND_LOCATION&page=0&page-size=200`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expectValid(mobilePage, answer.body, 'mobile page');
    expect((answer.body as { results: unknown[] }).results).toHaveLength(120);
  });

  it.each<[string, (token: string) => Promise<{ status: number; body: unknown }>, number]>([
    ['no token', () => getJson(`${jamfUrl}/api/v1/computers-inventory`), 401],
    [
      'unknown section',
      (token) =>
        getJson(`${jamfUrl}/api/v1/computers-inventory?section=NOPE`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      400,
    ],
    [
      'injected 500',
      (token) => {
        sims.jamf!.state.faults.push({
          route: 'computers',
          remaining: 1,
          action: { kind: 'status', status: 500 },
        });
        return getJson(`${jamfUrl}/api/v1/computers-inventory`, {
          headers: { authorization: `Bearer ${token}` },
        });
      },
      500,
    ],
  ])('error "%s" is an ApiError', async (_name, call, status) => {
    const answer = await call(await jamfToken());
    expect(answer.status).toBe(status);
    expectValid(jamfError, answer.body, 'ApiError');
  });
});

describe('fixtures', () => {
  it('generated devices are valid raw API objects', () => {
    for (const device of generateIntuneDevices(2000, 21, { generation: 2 }))
      expectValid(managedDevice, device, `managedDevice ${device.id}`);
    for (const record of generateJamfComputers(500, 22))
      expectValid(computer, record, `computer ${record.id}`);
    for (const record of generateJamfMobileDevices(300, 23))
      expectValid(mobileDevice, record, `mobile device ${record.mobileDeviceId}`);
  });

  it('the committed demo fixture is valid and small', () => {
    const demo = loadFixture(demoFixturePath());
    const count =
      demo.intune.devices.length + demo.jamf.computers.length + demo.jamf.mobileDevices.length;
    expect(count).toBeGreaterThanOrEqual(25);
    expect(count).toBeLessThanOrEqual(40);
    for (const device of demo.intune.devices)
      expectValid(managedDevice, device, 'demo managedDevice');
    for (const record of demo.jamf.computers) expectValid(computer, record, 'demo computer');
    for (const record of demo.jamf.mobileDevices)
      expectValid(mobileDevice, record, 'demo mobile device');
  });

  it('the validator does reject broken records (negative checks)', () => {
    const [device] = generateIntuneDevices(1, 1);
    expect(managedDevice({ ...device, deviceRegistrationState: 'bogus' })).toBe(false);
    expect(describeErrors(managedDevice.errors).join('\n')).toMatch(/deviceRegistrationState/);
    expect(managedDevice({ ...device, totalStorageSpaceInBytes: '256' })).toBe(false);
    expect(managedDevicePage({ value: [{ ...device, complianceState: 'fine' }] })).toBe(false);
    expect(odataError({ error: { message: 'no code' } })).toBe(false);
    const [mac] = generateJamfComputers(1, 1);
    expect(computer({ ...mac, general: { ...(mac.general as object), name: '' } })).toBe(false);
    const [phone] = generateJamfMobileDevices(1, 1);
    expect(mobileDevice({ ...phone, deviceType: undefined })).toBe(false);
    expect(mobileDevice({ ...phone, hardware: { capacityMb: 'lots' } })).toBe(false);
  });
});
