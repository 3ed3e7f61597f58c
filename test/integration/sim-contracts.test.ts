/**
 * Every kind of answer the Graph simulator gives, checked against the published Graph schemas
 * in ../shared/contracts (Jamf: sim-contracts-jamf.test.ts): a simulator that drifts from the
 * real API would make the source tests prove nothing. Also proves the validator can say no.
 */
import {
  generateIntuneDevices,
  generateJamfComputers,
  generateJamfMobileDevices,
} from '../../src/sim/fixtures';
import type { Simulators } from '../../src/sim/sim-server';
import {
  describeErrors,
  expectValid,
  getJson,
  loadContracts,
  oauthError,
  tokenAnswer,
} from '../support/sim-contracts';
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
const computer = contracts.schema(JAMF, 'ComputerInventory');
const mobileDevice = contracts.schema(JAMF, 'MobileDeviceResponse');

let sims: Simulators;
let graphUrl: string;

beforeAll(async () => {
  sims = await startTestSimulators({
    graph: { devices: generateIntuneDevices(1200, 3), maxPageSize: 500 },
    jamf: false,
  });
  graphUrl = sims.graph!.url;
});
afterAll(() => sims.close());
beforeEach(() => {
  sims.graph!.state.faults.length = 0;
  sims.graph!.state.roles = ['DeviceManagementManagedDevices.Read.All'];
});

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

describe('the contract validator', () => {
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
