/**
 * The provisioning side's Graph directory client (real @azure/identity + Graph client) against
 * the local Graph simulator: paging, every write, Graph's refusals surfacing with code and
 * request-id, throttling retried, permissions, and the counters a dry run is judged by.
 */
import {
  createGraphDirectory,
  GraphRequestError,
  type GraphDirectoryOptions,
} from '../../src/provisioning/graph-directory';
import {
  newDirectoryState,
  type DirectorySeed,
  type SimUserSeed,
} from '../../src/sim/directory-model';
import type { FaultRule } from '../../src/sim/sim-http';
import type { Simulators } from '../../src/sim/sim-server';
import {
  eventually,
  FAST_RETRY,
  intuneConfigFor,
  recordingLogger,
  rejectionOf,
  startTestSimulators,
} from '../support/sim-harness';

const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const E1 = '18181a46-0d4e-45cd-891e-60aabd171b4e';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const EXCHANGE = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
const ALL_STAFF = '0c0c0000-0000-4000-8000-000000000001';
const M365_GROUP = '0c0c0000-0000-4000-8000-000000000002';

/** 1,200 users (two pages of 999), a security group with 1,000 members, two SKUs. */
function seed(): DirectorySeed {
  const users: SimUserSeed[] = Array.from({ length: 1200 }, (_, i) => ({
    id: `0b0a0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    userPrincipalName: `user${i}@contoso.co.jp`,
    displayName: `利用者 ${i}`,
    mailNickname: `user${i}`,
    accountEnabled: i % 10 !== 0,
    onPremisesImmutableId: `EMP${i}`,
    department: i % 2 ? '営業部' : '総務部',
    usageLocation: 'JP',
  }));
  return {
    users,
    groups: [
      {
        id: ALL_STAFF,
        displayName: '全社員',
        mailNickname: 'all-staff',
        memberIds: users.slice(0, 1000).map((u) => u.id!),
      },
      {
        id: M365_GROUP,
        displayName: 'Project X',
        mailNickname: 'project-x',
        mailEnabled: true,
        securityEnabled: false,
        groupTypes: ['Unified'],
      },
    ],
    skus: [
      {
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        prepaidUnits: 2,
        servicePlans: [
          { servicePlanId: EXCHANGE, servicePlanName: 'EXCHANGE_S_ENTERPRISE' },
          { servicePlanId: TEAMS, servicePlanName: 'TEAMS1' },
        ],
      },
      { skuId: E1, skuPartNumber: 'STANDARDPACK', prepaidUnits: 0, servicePlans: [] },
    ],
  };
}

let sims: Simulators;
const state = () => sims.graph!.state;
const directory = () => state().directory;

beforeAll(async () => {
  sims = await startTestSimulators({ graph: {}, jamf: false });
});
afterAll(() => sims.close());
beforeEach(() => {
  Object.assign(state(), { faults: [], log: [], directory: newDirectoryState(seed()) });
  state().roles = ['User.ReadWrite.All', 'Group.ReadWrite.All', 'Organization.Read.All'];
});

function client(options: GraphDirectoryOptions = {}) {
  const { log, records } = recordingLogger();
  const graph = createGraphDirectory(intuneConfigFor(sims), {
    timeoutMs: 5000,
    log,
    ...options,
    retry: { ...FAST_RETRY, ...options.retry },
  });
  return { graph, records };
}

const requests = (route: string) => state().log.filter((entry) => entry.route === route);
const fault = (rule: FaultRule) => state().faults.push(rule);
const newUser = (over: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: '山田 太郎',
  mailNickname: 'taro.yamada',
  userPrincipalName: 'taro.yamada@contoso.co.jp',
  onPremisesImmutableId: 'EMP-9001',
  passwordProfile: { forceChangePasswordNextSignIn: true, password: 'xWwvJ]6NMw+bWH-d' },
  ...over,
});

describe('reading the tenant (a dry run writes nothing)', () => {
  it('lists every user over two pages with the base properties and the extra $select', async () => {
    const { graph } = client();
    const users = await graph.listUsers(['department', 'usageLocation']);

    expect(users).toHaveLength(1200);
    expect(users[10]).toEqual({
      id: '0b0a0000-0000-4000-8000-000000000010',
      userPrincipalName: 'user10@contoso.co.jp',
      displayName: '利用者 10',
      mailNickname: 'user10',
      accountEnabled: false,
      onPremisesImmutableId: 'EMP10',
      assignedLicenses: [],
      department: '総務部',
      usageLocation: 'JP',
    });
    const lists = requests('listUsers');
    expect(lists.map((r) => r.page)).toEqual([0, 1]);
    expect(lists[0].query).toBe(
      '?$select=id,userPrincipalName,displayName,mailNickname,accountEnabled,onPremisesImmutableId,assignedLicenses,department,usageLocation&$top=999',
    );
    expect(graph.stats).toEqual({ requests: 2, retries: 0, writes: 0 });
  });

  it('lists security groups only, each with all its member ids (members paged too)', async () => {
    const { graph } = client();
    const groups = await graph.listSecurityGroups();

    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({
      id: ALL_STAFF,
      displayName: '全社員',
      description: null,
      mailNickname: 'all-staff',
      securityEnabled: true,
    });
    expect(groups[0].memberIds).toEqual(directory().groups[0].memberIds);
    expect(requests('listGroupMembers').map((r) => r.page)).toEqual([0, 1]);
  });

  it('lists subscribed SKUs with prepaid and consumed units and service plans', async () => {
    directory().users[0].assignedLicenses = [{ skuId: E3, disabledPlans: [] }];
    const { graph } = client();
    expect(await graph.listSubscribedSkus()).toEqual([
      {
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        prepaidEnabled: 2,
        consumedUnits: 1,
        servicePlans: [
          { servicePlanId: EXCHANGE, servicePlanName: 'EXCHANGE_S_ENTERPRISE' },
          { servicePlanId: TEAMS, servicePlanName: 'TEAMS1' },
        ],
      },
      {
        skuId: E1,
        skuPartNumber: 'STANDARDPACK',
        prepaidEnabled: 0,
        consumedUnits: 0,
        servicePlans: [],
      },
    ]);
  });

  it('a whole read of the tenant leaves it untouched: no write request, no write accepted', async () => {
    const { graph } = client();
    await graph.listUsers([]);
    await graph.listSecurityGroups();
    await graph.listSubscribedSkus();
    expect(graph.stats.writes).toBe(0);
    expect(directory().writes).toEqual([]);
    expect(state().log.filter((r) => r.method !== 'GET' && r.route !== 'token')).toEqual([]);
  });
});

describe('writing users, licences and groups', () => {
  it('creates, updates and deletes a user; the stats count every write', async () => {
    const { graph } = client();
    const created = await graph.createUser(newUser({ department: '情報システム部' }));
    expect(created).toMatchObject({
      userPrincipalName: 'taro.yamada@contoso.co.jp',
      displayName: '山田 太郎',
      accountEnabled: true,
      onPremisesImmutableId: 'EMP-9001',
      department: '情報システム部',
      assignedLicenses: [],
    });
    expect(created).not.toHaveProperty('passwordProfile');
    expect(directory().users.find((u) => u.id === created.id)).toMatchObject({
      department: '情報システム部',
    });

    await graph.updateUser(created.id, { accountEnabled: false, jobTitle: null });
    expect(directory().users.find((u) => u.id === created.id)).toMatchObject({
      accountEnabled: false,
      jobTitle: null,
    });
    await graph.deleteUser(created.id);
    expect(directory().users.some((u) => u.id === created.id)).toBe(false);

    expect(graph.stats).toEqual({ requests: 3, retries: 0, writes: 3 });
    expect(directory().writes.map((w) => w.operation)).toEqual([
      'createUser',
      'updateUser',
      'deleteUser',
    ]);
  });

  it('assigns and removes licences with disabled plans; consumedUnits follows', async () => {
    const { graph } = client();
    const [a] = directory().users;
    await graph.assignLicense(a.id, [{ skuId: E3, disabledPlans: [TEAMS] }], []);
    expect(directory().users[0].assignedLicenses).toEqual([{ skuId: E3, disabledPlans: [TEAMS] }]);
    // A changed profile: the same SKU with other disabled plans takes no second seat.
    await graph.assignLicense(a.id, [{ skuId: E3, disabledPlans: [] }], []);
    expect((await graph.listSubscribedSkus())[0].consumedUnits).toBe(1);
    await graph.assignLicense(a.id, [], [E3]);
    expect(directory().users[0].assignedLicenses).toEqual([]);
  });

  it('creates, renames and deletes a security group, and keeps members equal', async () => {
    const { graph } = client();
    const group = await graph.createGroup({
      displayName: '情報システム部',
      description: null,
      mailNickname: 'it-dept',
    });
    expect(group).toMatchObject({
      displayName: '情報システム部',
      description: null,
      mailNickname: 'it-dept',
      securityEnabled: true,
      memberIds: [],
    });
    const stored = directory().groups.find((g) => g.id === group.id)!;
    expect(stored).toMatchObject({ mailEnabled: false, groupTypes: [] });

    await graph.updateGroup(group.id, { displayName: '情報システム課', description: '社内 IT' });
    const [a, b] = directory().users;
    await graph.addMember(group.id, a.id);
    await graph.addMember(group.id, b.id);
    await graph.removeMember(group.id, a.id);
    expect(directory().groups.find((g) => g.id === group.id)).toMatchObject({
      displayName: '情報システム課',
      description: '社内 IT',
      memberIds: [b.id],
    });
    await graph.deleteGroup(group.id);
    expect(directory().groups.some((g) => g.id === group.id)).toBe(false);
  });
});

/** The GraphRequestError `promise` rejects with, and the request it came from. */
async function refusal(promise: Promise<unknown>, route: string) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(GraphRequestError);
  const sent = requests(route);
  return { error: error as GraphRequestError, last: sent[sent.length - 1], sent };
}

describe("Graph's refusals surface with code, message and request-id, untried again", () => {
  it('a taken userPrincipalName', async () => {
    const { graph } = client();
    const { error, last, sent } = await refusal(
      graph.createUser(newUser({ userPrincipalName: 'USER5@contoso.co.jp' })),
      'createUser',
    );
    expect(error).toMatchObject({
      status: 400,
      code: 'Request_BadRequest',
      message: 'Another object with the same value for property userPrincipalName already exists.',
      operation: 'createUser',
      attempts: 1,
      details: [{ code: 'ObjectConflict', target: 'userPrincipalName' }],
    });
    expect(error.requestId).toBe(last.requestId);
    expect(sent).toHaveLength(1);
  });

  it('no licence left, and no usageLocation: reported per call, nothing changed', async () => {
    const { graph } = client();
    const [a, b, c] = directory().users;
    await graph.assignLicense(a.id, [{ skuId: E3, disabledPlans: [] }], []);
    await graph.assignLicense(b.id, [{ skuId: E3, disabledPlans: [] }], []);
    const full = await refusal(
      graph.assignLicense(c.id, [{ skuId: E3, disabledPlans: [] }], []),
      'assignLicense',
    );
    expect(full.error).toMatchObject({
      status: 400,
      code: 'Request_BadRequest',
      message: `Subscription with SKU ${E3} does not have any available licenses.`,
    });
    expect(full.error.requestId).toBe(full.last.requestId);

    c.usageLocation = null;
    const nowhere = await refusal(
      graph.assignLicense(c.id, [{ skuId: E3, disabledPlans: [] }], [E1]),
      'assignLicense',
    );
    expect(nowhere.error.message).toBe(
      'License assignment cannot be done for user with invalid usage location.',
    );
    expect(c.assignedLicenses).toEqual([]);
  });

  it('a member added twice, and a non-member removed', async () => {
    const { graph } = client();
    const member = directory().users[0].id;
    const twice = await refusal(graph.addMember(ALL_STAFF, member), 'addGroupMember');
    expect(twice.error).toMatchObject({ status: 400, code: 'Request_BadRequest', attempts: 1 });
    expect(twice.error.message).toMatch(
      /already exist for the following modified properties: 'members'/,
    );
    const outsider = directory().users[1100].id;
    const missing = await refusal(graph.removeMember(ALL_STAFF, outsider), 'removeGroupMember');
    expect(missing.error).toMatchObject({ status: 404, code: 'Request_ResourceNotFound' });
  });

  it('a permanent 403 without the write permission is not retried', async () => {
    state().roles = ['User.Read.All', 'Group.Read.All'];
    const { graph } = client();
    expect(await graph.listUsers([])).toHaveLength(1200);
    const { error, sent } = await refusal(graph.createUser(newUser()), 'createUser');
    expect(error).toMatchObject({ status: 403, code: 'Authorization_RequestDenied', attempts: 1 });
    expect(error.message).toBe('Insufficient privileges to complete the operation.');
    expect(sent).toHaveLength(1);
    expect(graph.stats.retries).toBe(0);
    expect(directory().writes).toEqual([]);
  });
  it('a sign-in that fails says so: SignInFailed with the Entra ID reason, no Graph request', async () => {
    const graph = createGraphDirectory(intuneConfigFor(sims, 'the-secret-id-not-its-value'), {
      retry: FAST_RETRY,
    });
    const error = await rejectionOf(graph.listSubscribedSkus());
    expect(error).toBeInstanceOf(GraphRequestError);
    // The request-id is Entra ID's own (x-ms-request-id of the token answer).
    expect(error).toMatchObject({
      status: 401,
      code: 'SignInFailed',
      requestId: expect.any(String),
    });
    expect(error.message).toMatch(/AADSTS7000215/);
    expect(requests('listSubscribedSkus')).toHaveLength(0);
  });
});

describe('throttling and failures on the way', () => {
  it('a 429 storm with Retry-After is waited out, then the write lands once', async () => {
    fault({
      route: 'createUser',
      remaining: 2,
      action: { kind: 'status', status: 429, retryAfterSeconds: 1 },
    });
    const { graph, records } = client();
    const started = Date.now();
    const created = await graph.createUser(newUser());
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(created.userPrincipalName).toBe('taro.yamada@contoso.co.jp');
    expect(requests('createUser').map((r) => r.status)).toEqual([429, 429, 201]);
    expect(graph.stats).toEqual({ requests: 3, retries: 2, writes: 3 });
    expect(directory().writes).toHaveLength(1);
    expect(records.filter((r) => r.level === 40)).toHaveLength(2);
  });

  it('429s without Retry-After, 503 and 504 are retried with backoff (reads and writes)', async () => {
    fault({ route: 'listUsers', page: 1, remaining: 4, action: { kind: 'status', status: 429 } });
    fault({ route: 'assignLicense', remaining: 1, action: { kind: 'status', status: 503 } });
    fault({ route: 'addGroupMember', remaining: 1, action: { kind: 'status', status: 504 } });
    const { graph } = client();
    expect(await graph.listUsers([])).toHaveLength(1200);
    const user = directory().users[1100];
    await graph.assignLicense(user.id, [{ skuId: E3, disabledPlans: [] }], []);
    await graph.addMember(ALL_STAFF, user.id);
    expect(graph.stats.retries).toBe(6);
    expect(requests('listUsers').map((r) => r.status)).toEqual([200, 429, 429, 429, 429, 200]);
    expect(directory().groups[0].memberIds).toContain(user.id);
  });

  it('a call that stays throttled fails after the last try with the last request-id', async () => {
    fault({ route: 'updateUser', remaining: Infinity, action: { kind: 'status', status: 429 } });
    const { graph } = client({ retry: { maxAttempts: 3 } });
    const { error, last, sent } = await refusal(
      graph.updateUser(directory().users[0].id, { jobTitle: 'x' }),
      'updateUser',
    );
    expect(error).toMatchObject({ status: 429, code: 'TooManyRequests', attempts: 3 });
    expect(error.requestId).toBe(last.requestId);
    expect(sent).toHaveLength(3);
  });

  it('a Retry-After longer than the policy allows is not waited out: it fails with the wait', async () => {
    fault({
      route: 'deleteGroup',
      remaining: 1,
      action: { kind: 'status', status: 429, retryAfterSeconds: 200 },
    });
    const { graph } = client();
    const { error } = await refusal(graph.deleteGroup(ALL_STAFF), 'deleteGroup');
    expect(error).toMatchObject({ status: 429, attempts: 1, retryAfterMs: 200_000 });
    expect(directory().groups).toHaveLength(2);
  });

  it('a slow answer is abandoned at the time limit, a dropped connection retried', async () => {
    fault({ route: 'listSubscribedSkus', remaining: 1, action: { kind: 'delay', ms: 3000 } });
    fault({ route: 'listGroupMembers', page: 1, remaining: 1, action: { kind: 'drop' } });
    const { graph } = client({ timeoutMs: 300 });
    expect(await graph.listSubscribedSkus()).toHaveLength(2);
    expect((await graph.listSecurityGroups())[0].memberIds).toHaveLength(1000);
    expect(graph.stats.retries).toBe(2);
  });

  it('a group create is retried on 429 but not on 503: a landed POST would make two groups', async () => {
    fault({ route: 'createGroup', remaining: 1, action: { kind: 'status', status: 429 } });
    const { graph } = client();
    await graph.createGroup({ displayName: 'A', description: '説明', mailNickname: 'a' });
    expect(requests('createGroup').map((r) => r.status)).toEqual([429, 201]);

    fault({ route: 'createGroup', remaining: 1, action: { kind: 'status', status: 503 } });
    const { error } = await refusal(
      graph.createGroup({ displayName: 'B', description: null, mailNickname: 'b' }),
      'createGroup',
    );
    expect(error).toMatchObject({ status: 503, attempts: 1 });
  });
});

describe('a retry that finds its earlier try had landed', () => {
  /** Fails the next `route` call with a 429 and, while the client waits, applies `landed`. */
  async function landsDuringRetry(route: string, landed: () => void, run: () => Promise<unknown>) {
    fault({ route, remaining: 1, action: { kind: 'status', status: 429, retryAfterSeconds: 1 } });
    const result = run();
    await eventually(() => expect(requests(route)).toHaveLength(1), 2000);
    landed();
    return result;
  }

  it('an add that meets the member, or a remove/delete that meets nothing, is done', async () => {
    const { graph } = client();
    const user = directory().users[1100];
    await landsDuringRetry(
      'addGroupMember',
      () => directory().groups[0].memberIds.push(user.id),
      () => graph.addMember(ALL_STAFF, user.id),
    );
    await landsDuringRetry(
      'removeGroupMember',
      () => directory().groups[0].memberIds.pop(),
      () => graph.removeMember(ALL_STAFF, user.id),
    );
    await landsDuringRetry(
      'deleteUser',
      () => directory().users.splice(1100, 1),
      () => graph.deleteUser(user.id),
    );
    expect(requests('deleteUser').map((r) => r.status)).toEqual([429, 404]);
  });

  it('a create that meets its own user (same immutable id) returns it; another owner stays a conflict', async () => {
    const { graph } = client();
    const mine = await landsDuringRetry(
      'createUser',
      () =>
        directory().users.push({
          ...newUser(),
          id: '0b0a0000-0000-4000-8000-00000000beef',
          createdDateTime: '2025-01-01T00:00:00Z',
          assignedLicenses: [],
        }),
      () => graph.createUser(newUser()),
    );
    expect(mine).toMatchObject({
      id: '0b0a0000-0000-4000-8000-00000000beef',
      onPremisesImmutableId: 'EMP-9001',
    });

    state().log.length = 0;
    const theirs = landsDuringRetry(
      'createUser',
      () =>
        directory().users.push({
          ...newUser({ userPrincipalName: 'hanako@contoso.co.jp', onPremisesImmutableId: 'EMP-1' }),
          id: '0b0a0000-0000-4000-8000-00000000cafe',
          createdDateTime: '2025-01-01T00:00:00Z',
          assignedLicenses: [],
        }),
      () =>
        graph.createUser(
          newUser({ userPrincipalName: 'hanako@contoso.co.jp', onPremisesImmutableId: 'EMP-2' }),
        ),
    );
    const { error } = await refusal(theirs, 'createUser');
    expect(error).toMatchObject({ code: 'Request_BadRequest', attempts: 2 });
  });
});
