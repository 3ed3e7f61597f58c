/**
 * The Graph simulator's directory (users, groups, members, subscribedSkus, assignLicense):
 * every kind of answer, success and error, checked against the published Graph schemas in
 * ../shared/contracts/graph, plus the behaviour the provisioning code relies on.
 */
import {
  newDirectoryState,
  type DirectorySeed,
  type SimUserSeed,
} from '../../src/sim/directory-model';
import type { Simulators } from '../../src/sim/sim-server';
import { expectValid, getJson, loadContracts } from '../support/sim-contracts';
import { startTestSimulators } from '../support/sim-harness';

const contracts = loadContracts();
const USER = 'graph/user.schema.json' as const;
const GROUP = 'graph/group.schema.json' as const;
const SKU = 'graph/subscribedSku.schema.json' as const;
const userSchema = contracts.schema(USER, 'microsoft.graph.user');
const userPage = contracts.schema(USER, 'microsoft.graph.userCollectionResponse');
const groupSchema = contracts.schema(GROUP, 'microsoft.graph.group');
const groupPage = contracts.schema(GROUP, 'microsoft.graph.groupCollectionResponse');
const skuPage = contracts.schema(SKU, 'microsoft.graph.subscribedSkuCollectionResponse');
const odataError = contracts.schema(
  'graph/odata-error.schema.json',
  'microsoft.graph.ODataErrors.ODataError',
);

const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const E1 = '18181a46-0d4e-45cd-891e-60aabd171b4e';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const ALICE = '0b0a0000-0000-4000-8000-000000000001';
const BOB = '0b0a0000-0000-4000-8000-000000000002';
const STAFF = '0c0c0000-0000-4000-8000-000000000001';

function seed(): DirectorySeed {
  const users: SimUserSeed[] = Array.from({ length: 250 }, (_, i) => ({
    userPrincipalName: `user${String(i).padStart(3, '0')}@contoso.co.jp`,
    displayName: `利用者 ${i}`,
    mailNickname: `user${i}`,
    accountEnabled: true,
  }));
  users.unshift(
    {
      userPrincipalName: 'alice@contoso.co.jp',
      displayName: 'Alice',
      mailNickname: 'alice',
      accountEnabled: true,
      id: ALICE,
      usageLocation: 'JP',
    },
    {
      userPrincipalName: 'bob@contoso.co.jp',
      displayName: 'Bob',
      mailNickname: 'bob',
      accountEnabled: true,
      id: BOB,
    },
  );
  return {
    users,
    groups: [{ id: STAFF, displayName: '全社員', mailNickname: 'staff', memberIds: [ALICE] }],
    skus: [
      {
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        prepaidUnits: 1,
        servicePlans: [{ servicePlanId: TEAMS, servicePlanName: 'TEAMS1' }],
      },
      { skuId: E1, skuPartNumber: 'STANDARDPACK', prepaidUnits: 5, servicePlans: [] },
    ],
  };
}

let sims: Simulators;
let graphUrl: string;
const graph = () => sims.graph!.state;

beforeAll(async () => {
  sims = await startTestSimulators({ graph: {}, jamf: false });
  graphUrl = sims.graph!.url;
});
afterAll(() => sims.close());
beforeEach(() => {
  graph().faults.length = 0;
  graph().directory = newDirectoryState(seed());
  graph().roles = ['User.ReadWrite.All', 'Group.ReadWrite.All', 'Organization.Read.All'];
});

async function accessToken(): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: sims.env.AZURE_CLIENT_ID,
    client_secret: sims.env.AZURE_CLIENT_SECRET,
    scope: `${graphUrl}/.default`,
  });
  const answer = await getJson(`${graphUrl}/${sims.env.AZURE_TENANT_ID}/oauth2/v2.0/token`, {
    method: 'POST',
    body: form,
  });
  return (answer.body as { access_token: string }).access_token;
}

/** A Graph call with a fresh token (roles are read when the token is issued). */
async function call(method: string, path: string, body?: unknown) {
  const bearer = await accessToken();
  const url = path.startsWith('https://') ? path : `${graphUrl}/v1.0${path}`;
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

const newUser = (over: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: '山田 太郎',
  mailNickname: 'taro.yamada',
  userPrincipalName: 'taro.yamada@contoso.co.jp',
  passwordProfile: { forceChangePasswordNextSignIn: true, password: 'xWwvJ]6NMw+bWH-d' },
  ...over,
});

describe('Graph simulator: users', () => {
  it('lists users in pages of 100 through @odata.nextLink, each a userCollectionResponse', async () => {
    let next: string | undefined = '/users';
    const upns: string[] = [];
    while (next) {
      const page = await call('GET', next);
      expect(page.status).toBe(200);
      expectValid(userPage, page.body, `page ${next}`);
      const body = page.body as {
        value: { userPrincipalName: string }[];
        '@odata.nextLink'?: string;
      };
      upns.push(...body.value.map((u) => u.userPrincipalName));
      next = body['@odata.nextLink'];
    }
    expect(upns).toHaveLength(252);
    expect(new Set(upns).size).toBe(252);
  });

  it('$select, $top up to 999 and $filter answer as Graph does', async () => {
    const select =
      'id,userPrincipalName,accountEnabled,assignedLicenses,onPremisesExtensionAttributes,employeeOrgData,businessPhones';
    const page = await call('GET', `/users?$select=${select}&$top=999`);
    expectValid(userPage, page.body, 'selected page');
    const [first] = (page.body as { value: Record<string, unknown>[] }).value;
    expect(Object.keys(first).sort()).toEqual(select.split(',').sort());
    expect(first.onPremisesExtensionAttributes).toMatchObject({ extensionAttribute15: null });

    const one = await call(
      'GET',
      `/users?$filter=userPrincipalName eq 'ALICE@contoso.co.jp'&$select=id`,
    );
    expect((one.body as { value: unknown[] }).value).toEqual([{ id: ALICE }]);
  });

  it('POST 201, GET by id or UPN, PATCH 204, DELETE 204: each body matches microsoft.graph.user', async () => {
    const created = await call(
      'POST',
      '/users',
      newUser({
        usageLocation: 'JP',
        employeeOrgData: { division: '情報システム部', costCenter: 'CC-01' },
      }),
    );
    expect(created.status).toBe(201);
    expectValid(userSchema, created.body, 'created user');
    expect(created.body).not.toHaveProperty('passwordProfile');
    const id = created.body!.id as string;

    const byUpn = await call(
      'GET',
      '/users/taro.yamada%40contoso.co.jp?$select=id,employeeOrgData,passwordProfile',
    );
    expectValid(userSchema, byUpn.body, 'user by UPN');
    expect(byUpn.body).toMatchObject({
      id,
      employeeOrgData: { division: '情報システム部' },
      passwordProfile: null,
    });

    const patched = await call('PATCH', `/users/${id}`, {
      jobTitle: '課長',
      businessPhones: ['03-1234-5678'],
      onPremisesExtensionAttributes: { extensionAttribute3: 'X' },
    });
    expect(patched.status).toBe(204);
    expect(patched.body).toBeUndefined();
    expect(patched.headers.get('request-id')).toBeTruthy();
    const read = await call(
      'GET',
      `/users/${id}?$select=jobTitle,businessPhones,onPremisesExtensionAttributes`,
    );
    expect(read.body).toMatchObject({
      jobTitle: '課長',
      businessPhones: ['03-1234-5678'],
      onPremisesExtensionAttributes: { extensionAttribute3: 'X', extensionAttribute1: null },
    });

    expect((await call('DELETE', `/users/${id}`)).status).toBe(204);
    expect((await call('GET', `/users/${id}`)).status).toBe(404);
    expect(graph().directory.writes.map((w) => w.operation)).toEqual([
      'createUser',
      'updateUser',
      'deleteUser',
    ]);
  });

  it('assignLicense answers 200 with the user and moves consumedUnits in subscribedSkus', async () => {
    const assigned = await call('POST', `/users/${ALICE}/assignLicense`, {
      addLicenses: [{ skuId: E3, disabledPlans: [TEAMS] }],
      removeLicenses: [],
    });
    expect(assigned.status).toBe(200);
    expectValid(userSchema, assigned.body, 'assignLicense answer');
    const skus = await call('GET', '/subscribedSkus');
    expectValid(skuPage, skus.body, 'subscribedSkus');
    const e3 = (skus.body as { value: Record<string, unknown>[] }).value.find(
      (s) => s.skuId === E3,
    );
    expect(e3).toMatchObject({
      consumedUnits: 1,
      prepaidUnits: { enabled: 1 },
      skuPartNumber: 'ENTERPRISEPACK',
      id: `${sims.env.AZURE_TENANT_ID}_${E3}`,
    });
    expect(graph().directory.users.find((u) => u.id === ALICE)!.assignedLicenses).toEqual([
      { skuId: E3, disabledPlans: [TEAMS] },
    ]);

    await call('POST', `/users/${ALICE}/assignLicense`, { addLicenses: [], removeLicenses: [E3] });
    const after = await call('GET', '/subscribedSkus?$select=skuId,consumedUnits');
    expectValid(skuPage, after.body, 'selected subscribedSkus');
    expect((after.body as { value: unknown[] }).value).toContainEqual({
      skuId: E3,
      consumedUnits: 0,
    });
  });
});

describe('Graph simulator: groups and members', () => {
  it('POST/GET/PATCH/DELETE groups and the members $ref calls match the group schemas', async () => {
    const created = await call('POST', '/groups', {
      displayName: '情報システム部',
      mailNickname: 'it-dept',
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
    });
    expect(created.status).toBe(201);
    expectValid(groupSchema, created.body, 'created group');
    expect(created.body).toMatchObject({
      securityEnabled: true,
      mailEnabled: false,
      visibility: 'Private',
    });
    const id = created.body!.id as string;

    const list = await call(
      'GET',
      '/groups?$filter=securityEnabled eq true&$select=id,displayName,description',
    );
    expectValid(groupPage, list.body, 'group page');
    expect((list.body as { value: unknown[] }).value).toHaveLength(2);

    expect((await call('PATCH', `/groups/${id}`, { description: '社内 IT' })).status).toBe(204);
    const ref = { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${BOB}` };
    expect((await call('POST', `/groups/${id}/members/$ref`, ref)).status).toBe(204);
    const members = await call('GET', `/groups/${id}/members?$select=id`);
    expectValid(userPage, members.body, 'members page');
    expect((members.body as { value: unknown[] }).value).toEqual([
      { '@odata.type': '#microsoft.graph.user', id: BOB },
    ]);
    expect((await call('DELETE', `/groups/${id}/members/${BOB}/$ref`)).status).toBe(204);
    expect((await call('DELETE', `/groups/${id}`)).status).toBe(204);
    expect(graph().directory.groups.map((g) => g.id)).toEqual([STAFF]);
  });

  it('members are paged too, and a deleted user leaves its groups', async () => {
    graph().directory.groups[0].memberIds = graph().directory.users.map((u) => u.id);
    const first = await call('GET', `/groups/${STAFF}/members?$select=id&$top=200`);
    const body = first.body as { value: unknown[]; '@odata.nextLink': string };
    expect(body.value).toHaveLength(200);
    const second = await call('GET', body['@odata.nextLink']);
    expectValid(userPage, second.body, 'members page 2');
    expect((second.body as { value: unknown[] }).value).toHaveLength(52);
    await call('DELETE', `/users/${ALICE}`);
    expect(graph().directory.groups[0].memberIds).not.toContain(ALICE);
  });
});

type Call = () => ReturnType<typeof call>;
const ERROR_CASES: [string, Call, number, string, RegExp][] = [
  [
    'a required property is missing',
    () => call('POST', '/users', newUser({ passwordProfile: undefined })),
    400,
    'Request_BadRequest',
    /^A value is required for property 'passwordProfile' of resource 'User'\.$/,
  ],
  [
    'the UPN is taken',
    () => call('POST', '/users', newUser({ userPrincipalName: 'Alice@contoso.co.jp' })),
    400,
    'Request_BadRequest',
    /^Another object with the same value for property userPrincipalName already exists\.$/,
  ],
  [
    'the UPN is malformed',
    () => call('POST', '/users', newUser({ userPrincipalName: 'tarō@contoso.co.jp' })),
    400,
    'Request_BadRequest',
    /^Property userPrincipalName is invalid\.$/,
  ],
  [
    'two businessPhones',
    () => call('PATCH', `/users/${ALICE}`, { businessPhones: ['03-1111-1111', '03-2222-2222'] }),
    400,
    'Request_BadRequest',
    /property 'businessPhones' of resource 'User'/,
  ],
  [
    'an empty string (send null to clear)',
    () => call('PATCH', `/users/${ALICE}`, { jobTitle: '' }),
    400,
    'Request_BadRequest',
    /property 'jobTitle'/,
  ],
  [
    'an unknown property',
    () => call('PATCH', `/users/${ALICE}`, { favouriteColour: 'blue' }),
    400,
    'BadRequest',
    /does not exist on type 'microsoft\.graph\.user'/,
  ],
  [
    'a read-only property',
    () => call('PATCH', `/users/${ALICE}`, { assignedLicenses: [] }),
    400,
    'Request_BadRequest',
    /read-only/,
  ],
  [
    'an unknown user',
    () => call('PATCH', '/users/00000000-0000-4000-8000-00000000dead', { jobTitle: 'x' }),
    404,
    'Request_ResourceNotFound',
    /^Resource '00000000-0000-4000-8000-00000000dead' does not exist or one of its queried reference-property objects are not present\.$/,
  ],
  [
    'assignLicense without removeLicenses',
    () =>
      call('POST', `/users/${ALICE}/assignLicense`, {
        addLicenses: [{ skuId: E1, disabledPlans: [] }],
      }),
    400,
    'Request_BadRequest',
    /^One or more parameters of the operation 'assignLicense' are missing from the request payload\. The missing parameters are: removeLicenses\.$/,
  ],
  [
    'assignLicense without a usageLocation',
    () =>
      call('POST', `/users/${BOB}/assignLicense`, {
        addLicenses: [{ skuId: E1, disabledPlans: [] }],
        removeLicenses: [],
      }),
    400,
    'Request_BadRequest',
    /^License assignment cannot be done for user with invalid usage location\.$/,
  ],
  [
    'assignLicense of an unknown SKU',
    () =>
      call('POST', `/users/${ALICE}/assignLicense`, {
        addLicenses: [{ skuId: '11111111-1111-4111-8111-111111111111', disabledPlans: [] }],
        removeLicenses: [],
      }),
    400,
    'Request_BadRequest',
    /does not correspond to a valid company License/,
  ],
  [
    'no licence left',
    async () => {
      graph().directory.users[2].assignedLicenses = [{ skuId: E3, disabledPlans: [] }];
      return call('POST', `/users/${ALICE}/assignLicense`, {
        addLicenses: [{ skuId: E3, disabledPlans: [] }],
        removeLicenses: [],
      });
    },
    400,
    'Request_BadRequest',
    new RegExp(`^Subscription with SKU ${E3} does not have any available licenses\\.$`),
  ],
  [
    'a group without mailNickname',
    () => call('POST', '/groups', { displayName: 'x', mailEnabled: false, securityEnabled: true }),
    400,
    'Request_BadRequest',
    /^A value is required for property 'mailNickname' of resource 'Group'\.$/,
  ],
  [
    'a mail-enabled security group',
    () =>
      call('POST', '/groups', {
        displayName: 'x',
        mailNickname: 'x',
        mailEnabled: true,
        securityEnabled: true,
      }),
    400,
    'Request_BadRequest',
    /does not currently support writes of mail-enabled groups/,
  ],
  [
    'a member added twice',
    () =>
      call('POST', `/groups/${STAFF}/members/$ref`, {
        '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${ALICE}`,
      }),
    400,
    'Request_BadRequest',
    /^One or more added object references already exist for the following modified properties: 'members'\.$/,
  ],
  [
    'a member that does not exist',
    () =>
      call('POST', `/groups/${STAFF}/members/$ref`, {
        '@odata.id':
          'https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-4000-8000-00000000dead',
      }),
    404,
    'Request_ResourceNotFound',
    /does not exist/,
  ],
  [
    'removing a non-member',
    () => call('DELETE', `/groups/${STAFF}/members/${BOB}/$ref`),
    404,
    'Request_ResourceNotFound',
    new RegExp(`^Resource '${BOB}' does not exist`),
  ],
  [
    '$top above 999',
    () => call('GET', '/users?$top=1000'),
    400,
    'Request_BadRequest',
    /^Invalid page size specified: '1000'\. Must be between 1 and 999 inclusive\.$/,
  ],
  ['$skip on users', () => call('GET', '/users?$skip=10'), 400, 'Request_BadRequest', /\$skip/],
  [
    'an unknown $select property',
    () => call('GET', '/users?$select=nickname'),
    400,
    'BadRequest',
    /Could not find a property named 'nickname' on type 'microsoft\.graph\.user'/,
  ],
  [
    'an unsupported $filter',
    () => call('GET', "/users?$filter=jobTitle eq 'x'"),
    400,
    'Request_UnsupportedQuery',
    /Unsupported or invalid query filter clause specified for property 'jobTitle' of resource 'User'/,
  ],
  [
    'a write without a write permission',
    async () => {
      graph().roles = ['User.Read.All', 'Group.Read.All'];
      return call('POST', '/users', newUser());
    },
    403,
    'Authorization_RequestDenied',
    /^Insufficient privileges to complete the operation\.$/,
  ],
  [
    'a member write with Group.Read.All only',
    async () => {
      graph().roles = ['Group.Read.All'];
      return call('DELETE', `/groups/${STAFF}/members/${ALICE}/$ref`);
    },
    403,
    'Authorization_RequestDenied',
    /Insufficient privileges/,
  ],
  [
    'a read with no directory permission',
    async () => {
      graph().roles = ['DeviceManagementManagedDevices.Read.All'];
      return call('GET', '/subscribedSkus');
    },
    403,
    'Authorization_RequestDenied',
    /Insufficient privileges/,
  ],
  [
    'throttled with Retry-After',
    async () => {
      graph().faults.push({
        route: 'listUsers',
        page: 1,
        remaining: 1,
        action: { kind: 'status', status: 429, retryAfterSeconds: 7 },
      });
      const first = await call('GET', '/users');
      return call('GET', (first.body as { '@odata.nextLink': string })['@odata.nextLink']);
    },
    429,
    'TooManyRequests',
    /throttle\.aad/,
  ],
  [
    'unavailable',
    async () => {
      graph().faults.push({
        route: 'createUser',
        remaining: 1,
        action: { kind: 'status', status: 503 },
      });
      return call('POST', '/users', newUser());
    },
    503,
    'ServiceUnavailable',
    /temporarily unavailable/,
  ],
];

describe('Graph simulator: directory errors', () => {
  it.each(ERROR_CASES)(
    '%s → an ODataError with the request-id, and nothing written',
    async (_name, run, status, code, message) => {
      const answer = await run();
      expect(answer.status).toBe(status);
      expectValid(odataError, answer.body, 'error body');
      const error = (
        answer.body as {
          error: { code: string; message: string; innerError: Record<string, string> };
        }
      ).error;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(answer.headers.get('request-id')).toBe(error.innerError['request-id']);
      if (status === 429) expect(answer.headers.get('retry-after')).toBe('7');
      expect(graph().directory.writes).toEqual([]);
    },
  );

  it('the UPN conflict carries the ObjectConflict detail', async () => {
    const answer = await call(
      'POST',
      '/users',
      newUser({ userPrincipalName: 'bob@contoso.co.jp' }),
    );
    expect((answer.body as { error: { details: unknown } }).error.details).toEqual([
      {
        code: 'ObjectConflict',
        message:
          'Another object with the same value for property userPrincipalName already exists.',
        target: 'userPrincipalName',
      },
    ]);
  });

  it('the validator rejects broken directory bodies (negative checks)', () => {
    expect(userSchema({ id: ALICE, accountEnabled: 'yes' })).toBe(false);
    expect(userSchema({ id: ALICE, businessPhones: '03-1111-1111' })).toBe(false);
    expect(groupSchema({ id: STAFF, securityEnabled: 'true' })).toBe(false);
    expect(skuPage({ value: [{ skuId: 'not-a-guid' }] })).toBe(false);
  });
});
