/**
 * The provisioning runner against the real database and the Graph simulator's directory: every
 * behaviour of issue 6 through ProvisioningService, and the `daicho provision` commands through
 * the built CLI. The tenant is judged by the simulator's own state (`writes` for a dry run).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { isDaichoError } from '../../src/errors';
import { t as say } from '../../src/i18n/messages';
import { PeopleService } from '../../src/people/people-service';
import { defaultImmutableId, type Person } from '../../src/people/person';
import { createGraphDirectory } from '../../src/provisioning/graph-directory';
import type { ProvisioningPlan } from '../../src/provisioning/plan-types';
import { ProvisioningService } from '../../src/provisioning/provisioning-service';
import {
  newDirectoryState,
  type SimSku,
  type SimUser,
  type SimUserSeed,
} from '../../src/sim/directory-model';
import type { Simulators } from '../../src/sim/sim-server';
import { Lease } from '../../src/lease/lease';
import { runCli } from '../support/cli';
import { directoryGroup, person } from '../support/provisioning-fixtures';
import {
  FAST_RETRY,
  intuneConfigFor,
  recordingLogger,
  rejectionOf,
  startTestSimulators,
} from '../support/sim-harness';
import { openTestDb, type TestDb } from '../support/test-db';

const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const E1 = '18181a46-0d4e-45cd-891e-60aabd171b4e';
const BI = 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const EXCHANGE = 'efb87545-963c-4e0d-99df-69c6916d9eb0';

function tenantSkus(e3Units = 50): SimSku[] {
  return [
    {
      skuId: E3,
      skuPartNumber: 'ENTERPRISEPACK',
      prepaidUnits: e3Units,
      servicePlans: [
        { servicePlanId: EXCHANGE, servicePlanName: 'EXCHANGE_S_ENTERPRISE' },
        { servicePlanId: TEAMS, servicePlanName: 'TEAMS1' },
      ],
    },
    {
      skuId: E1,
      skuPartNumber: 'STANDARDPACK',
      prepaidUnits: 50,
      servicePlans: [{ servicePlanId: TEAMS, servicePlanName: 'TEAMS1' }],
    },
    { skuId: BI, skuPartNumber: 'POWER_BI_STANDARD', prepaidUnits: 50, servicePlans: [] },
  ];
}

let sims: Simulators;
let t: TestDb;
let people: PeopleService;
let dir: string;
let profilesFile: string;
const state = () => sims.graph!.state;
const directory = () => state().directory;
const tenantUser = (upn: string): SimUser | undefined =>
  directory().users.find((u) => u.userPrincipalName.toLowerCase() === upn.toLowerCase());
const tenantGroup = (name: string) => directory().groups.find((g) => g.displayName === name);
const upn = (id: string) => `${id}@contoso.example`;

beforeAll(async () => {
  sims = await startTestSimulators({ graph: {}, jamf: false });
  dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-provision-'));
  profilesFile = path.join(dir, 'profiles.json');
  writeFileSync(
    profilesFile,
    JSON.stringify({
      標準: [{ skuPartNumber: 'ENTERPRISEPACK', disabledPlans: ['TEAMS1'] }],
      軽量: [{ skuPartNumber: 'STANDARDPACK' }],
    }),
  );
});
afterAll(() => sims.close());
beforeEach(async () => {
  t = await openTestDb();
  people = new PeopleService(t.c);
  seedTenant();
});
afterEach(() => t.close());

function seedTenant(users: SimUserSeed[] = [], e3Units = 50): void {
  Object.assign(state(), {
    faults: [],
    log: [],
    directory: newDirectoryState({ users, groups: [], skus: tenantSkus(e3Units) }),
    roles: ['User.ReadWrite.All', 'Group.ReadWrite.All', 'Organization.Read.All'],
  });
}

function env(over: Record<string, string> = {}): Record<string, string> {
  return {
    ...sims.env,
    MONGODB_URI: t.uri,
    MONGODB_DB: t.name,
    DAICHO_LOCALE: 'en',
    PROVISION_ACCOUNTS: 'on',
    PROVISION_LICENSES: 'on',
    PROVISION_GROUPS: 'on',
    PROVISIONING_LICENSE_PROFILES_FILE: profilesFile,
    ...over,
  };
}

function service(over: Record<string, string> = {}) {
  const config = loadConfig(env(over));
  const { log, records } = recordingLogger();
  const svc = new ProvisioningService({
    c: t.c,
    people,
    config,
    log,
    directory: () =>
      createGraphDirectory(intuneConfigFor(sims), { log, timeoutMs: 5000, retry: FAST_RETRY }),
  });
  return { svc, records };
}

const actor = { by: 'test:admin' };

/** People E1..En (profile 標準, group 全社員; even ones also in 営業) and their groups. */
async function seedPeople(n: number, over: (i: number) => Partial<Person> = () => ({})) {
  const list = Array.from({ length: n }, (_, k) => {
    const id = `E${k + 1}`;
    return person(id, {
      displayName: `利用者 ${k + 1}`,
      department: '情報システム部',
      licenceProfile: '標準',
      groups: k % 2 === 1 ? ['全社員', '営業'] : ['全社員'],
      ...over(k + 1),
    });
  });
  await t.c.people.insertMany(list);
  await t.c.directoryGroups.insertMany([
    directoryGroup('全社員', { description: '全社員のグループ' }),
    directoryGroup('営業'),
  ]);
  return list;
}

async function dbText(): Promise<string> {
  const names = (await t.db.listCollections().toArray()).map((c) => c.name);
  const docs = await Promise.all(names.map((n) => t.db.collection(n).find({}).toArray()));
  return JSON.stringify(docs);
}

describe('apply: accounts, licences and groups from nothing', () => {
  it('creates everything in a safe order, links it, returns first passwords once and stores none', async () => {
    await seedPeople(4);
    const { svc, records } = service();
    const { run, initialPasswords } = await svc.apply(actor);

    expect(run).toMatchObject({
      status: 'applied',
      dryRun: false,
      by: 'test:admin',
      counts: { ok: 4 + 4 + 2 + 6, failed: 0, skipped: 0 },
      error: null,
    });
    // Every Graph request of the run (reads of the plan and writes), each counted once.
    expect(run.requests).toBe(state().log.filter((r) => r.path.startsWith('/v1.0/')).length);
    const u1 = tenantUser(upn('E1'))!;
    expect(u1).toMatchObject({
      displayName: '利用者 1',
      department: '情報システム部',
      onPremisesImmutableId: defaultImmutableId('E1'),
      usageLocation: 'JP',
      accountEnabled: true,
      assignedLicenses: [{ skuId: E3, disabledPlans: [TEAMS] }],
    });
    expect(tenantGroup('全社員')).toMatchObject({
      description: '全社員のグループ',
      securityEnabled: true,
      mailEnabled: false,
    });
    expect(tenantGroup('全社員')!.memberIds).toHaveLength(4);
    expect(tenantGroup('営業')!.memberIds.sort()).toEqual(
      [tenantUser(upn('E2'))!.id, tenantUser(upn('E4'))!.id].sort(),
    );
    expect((await people.get('E1')).m365AccountId).toBe(u1.id);
    expect((await people.listGroups()).map((g) => g.m365GroupId)).toEqual([
      tenantGroup('全社員')!.id,
      tenantGroup('営業')!.id,
    ]);

    // Groups and accounts before members and licences; nothing after its dependants.
    const order = directory().writes.map((w) => w.operation);
    const last = (op: string) => order.lastIndexOf(op);
    expect(last('createUser')).toBeLessThan(order.indexOf('assignLicense'));
    expect(last('createGroup')).toBeLessThan(order.indexOf('addGroupMember'));
    expect(last('assignLicense')).toBeLessThan(order.indexOf('addGroupMember'));

    // One log entry per operation; creates carry the attributes set (no password).
    const log = await svc.log(run._id.toHexString());
    expect(log).toHaveLength(16);
    expect(log.every((e) => e.result === 'ok' && e.error === null)).toBe(true);
    const created = log.find((e) => e.operation === 'createUser' && 'personId' in e.subject)!;
    expect(created.changes).toEqual(
      expect.arrayContaining([{ property: 'department', old: null, new: '情報システム部' }]),
    );

    expect(initialPasswords.map((p) => [p.personId, p.userPrincipalName])).toEqual(
      ['E1', 'E2', 'E3', 'E4'].map((id) => [id, upn(id)]),
    );
    for (const p of initialPasswords) expect(p.password).toMatch(/^\S{16}$/);
    const stored = await dbText();
    const logged = JSON.stringify(records);
    for (const p of initialPasswords) {
      expect(stored).not.toContain(p.password);
      expect(logged).not.toContain(p.password);
      expect(JSON.stringify(directory().users)).not.toContain(p.password);
    }
  });

  it('is idempotent: applied twice, the second plan is empty and writes nothing', async () => {
    await seedPeople(3);
    const { svc } = service();
    // A run left 'applying' by a process that died: the next apply marks it failed.
    const killed = await svc.plan(actor);
    await t.c.provisioningRuns.updateOne({ _id: killed._id }, { $set: { status: 'applying' } });
    await svc.apply(actor);
    expect(await svc.get(killed._id.toHexString())).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('RUN_ABANDONED'),
    });
    const writes = directory().writes.length;

    const again = await svc.apply(actor);
    expect(again.run.plan.operations).toEqual([]);
    expect(again.run).toMatchObject({
      status: 'applied',
      counts: { ok: 0, failed: 0, skipped: 0 },
    });
    expect(again.initialPasswords).toEqual([]);
    expect(directory().writes).toHaveLength(writes);
  });

  it('a dry run reads the tenant only, and stores the plan as a planned run', async () => {
    await seedPeople(3);
    const { svc } = service();
    const run = await svc.plan(actor);

    expect(directory().writes).toEqual([]);
    expect(state().log.every((r) => r.method === 'GET' || r.route === 'token')).toBe(true);
    expect(run).toMatchObject({ status: 'planned', dryRun: true, counts: { ok: 0 } });
    expect(run.plan.summary).toMatchObject({ createUser: 3, createGroup: 2, addMember: 4 });
    expect(run.requests).toBeGreaterThan(0);
    expect((await svc.runs())[0]._id).toEqual(run._id);
    expect(await svc.get(run._id.toHexString())).toMatchObject({ status: 'planned' });
    expect((await people.get('E1')).m365AccountId).toBeNull();
  });
});

describe('updates, removals and licences', () => {
  it('updates only the changed attributes, with the diff in the plan and the log', async () => {
    await seedPeople(2);
    const { svc } = service();
    await svc.apply(actor);
    await t.c.people.updateOne(
      { personId: 'E1' },
      { $set: { department: '営業部', jobTitle: '課長' } },
    );

    const { run } = await svc.apply(actor);
    const op = run.plan.operations[0];
    expect(run.plan.operations).toHaveLength(1);
    expect(op).toMatchObject({
      kind: 'updateUser',
      personId: 'E1',
      changes: [
        { property: 'department', old: '情報システム部', new: '営業部' },
        { property: 'jobTitle', old: null, new: '課長' },
      ],
    });
    expect(tenantUser(upn('E1'))).toMatchObject({ department: '営業部', jobTitle: '課長' });
    const [entry] = await svc.log(run._id.toHexString());
    expect(entry).toMatchObject({
      operation: 'updateUser',
      result: 'ok',
      changes: (op as { changes: unknown }).changes,
    });
  });

  it.each([
    ['stop', false],
    ['delete', true],
  ] as const)(
    'on removal and on unlink the account is handled by PROVISION_ACCOUNT_REMOVAL=%s',
    async (removal, deleted) => {
      await seedPeople(3);
      const { svc } = service({ PROVISION_ACCOUNT_REMOVAL: removal });
      await svc.apply(actor);
      const [id1, id2] = [tenantUser(upn('E1'))!.id, tenantUser(upn('E2'))!.id];
      await people.remove('E1');
      await people.unlink('E2');

      const { run } = await svc.apply(actor);
      expect(run.status).toBe('applied');
      const kind = deleted ? 'deleteUser' : 'stopUser';
      expect(run.plan.operations.filter((o) => o.kind === kind)).toMatchObject([
        { personId: 'E1', userId: id1, reason: 'removed' },
        { personId: 'E2', userId: id2, reason: 'unlinked' },
      ]);
      if (deleted) {
        expect(tenantUser(upn('E1'))).toBeUndefined();
        expect(tenantUser(upn('E2'))).toBeUndefined();
        // Deleted: the unlinked id is forgotten; its memberships went with the account.
        expect((await people.get('E2')).releasedAccountIds).toEqual([]);
        expect(tenantGroup('全社員')!.memberIds).toEqual([tenantUser(upn('E3'))!.id]);
      } else {
        expect(tenantUser(upn('E1'))!.accountEnabled).toBe(false);
        expect(tenantUser(upn('E2'))!.accountEnabled).toBe(false);
        // Stopped: kept as released, so E2 is not matched to it by userPrincipalName again.
        expect((await people.get('E2')).releasedAccountIds).toEqual([id2]);
        // Stopping keeps licences; the removed person leaves the groups.
        expect(tenantUser(upn('E1'))!.assignedLicenses).toHaveLength(1);
        expect(tenantGroup('全社員')!.memberIds).not.toContain(id1);
      }
      const next = (await svc.plan(actor)).plan;
      // Nothing acts on those accounts again; an unlinked person whose account was deleted is
      // provisioned anew (a new account), one whose account was stopped waits for a new link.
      expect(next.operations.filter((o) => 'userId' in o && [id1, id2].includes(o.userId))).toEqual(
        [],
      );
      if (deleted) expect(next.operations.map((o) => o.kind)).toContain('createUser');
      else
        expect(next.problems).toEqual([
          {
            subject: { kind: 'person', personId: 'E2' },
            code: 'accountUnlinked',
            params: { accountId: id2 },
          },
        ]);
    },
  );

  it('a profile change adds and removes exactly the difference; hand-assigned SKUs stay', async () => {
    await seedPeople(2);
    const { svc } = service();
    await svc.apply(actor);
    const u1 = tenantUser(upn('E1'))!;
    u1.assignedLicenses.push({ skuId: BI, disabledPlans: [] }); // by hand in the admin center
    await t.c.people.updateOne({ personId: 'E1' }, { $set: { licenceProfile: '軽量' } });

    const { run } = await svc.apply(actor);
    expect(run.plan.operations).toMatchObject([
      {
        kind: 'assignLicenses',
        personId: 'E1',
        add: [{ skuId: E1, skuPartNumber: 'STANDARDPACK', disabledPlans: [] }],
        remove: [{ skuId: E3, skuPartNumber: 'ENTERPRISEPACK' }],
      },
    ]);
    expect(
      tenantUser(upn('E1'))!
        .assignedLicenses.map((l) => l.skuId)
        .sort(),
    ).toEqual([BI, E1].sort());
    expect(tenantUser(upn('E2'))!.assignedLicenses).toEqual([
      { skuId: E3, disabledPlans: [TEAMS] },
    ]);
    const [entry] = await svc.log(run._id.toHexString());
    expect(entry).toMatchObject({ result: 'ok', detail: '+STANDARDPACK -ENTERPRISEPACK' });
  });

  it('reports running out of licences and a missing usageLocation per person; the rest is applied', async () => {
    seedTenant([], 2);
    await seedPeople(4, (i) => (i === 4 ? { usageLocation: null } : {}));
    const { svc } = service();
    const { run } = await svc.apply(actor);

    expect(run.status).toBe('applied');
    expect(run.plan.problems).toEqual([
      {
        subject: { kind: 'person', personId: 'E3' },
        code: 'licencesExhausted',
        params: { sku: 'ENTERPRISEPACK' },
      },
      { subject: { kind: 'person', personId: 'E4' }, code: 'noUsageLocation', params: {} },
    ]);
    expect(
      ['E1', 'E2', 'E3', 'E4'].map((id) => tenantUser(upn(id))!.assignedLicenses.length),
    ).toEqual([1, 1, 0, 0]);
    expect(tenantGroup('全社員')!.memberIds).toHaveLength(4);
    const why = await svc.why('E3');
    expect(why.problems).toEqual([run.plan.problems[0]]);
  });

  it('a licence refused at apply time (quota gone since the plan) fails that person only', async () => {
    await seedPeople(3);
    const { svc } = service();
    const planned = (await svc.plan(actor)).plan;
    directory().skus.find((s) => s.skuId === E3)!.prepaidUnits = 1; // someone assigned them meanwhile

    const { run, initialPasswords } = await svc.apply(actor, { plan: planned });
    expect(run).toMatchObject({ status: 'partial', counts: { failed: 2, skipped: 0 } });
    expect(initialPasswords).toHaveLength(3);
    const failed = (await svc.log(run._id.toHexString())).filter((e) => e.result === 'failed');
    expect(failed).toHaveLength(2);
    for (const entry of failed) {
      expect(entry).toMatchObject({
        operation: 'assignLicenses',
        detail: 'licencesExhausted',
        error: {
          status: 400,
          code: 'Request_BadRequest',
          message: expect.stringContaining('does not have any available licenses'),
        },
      });
      expect(state().log.map((r) => r.requestId)).toContain(entry.error!.requestId);
    }
    expect(tenantGroup('全社員')!.memberIds).toHaveLength(3);
  });
});

describe('groups', () => {
  it('updates a group, keeps members equal (hand-added and departed members removed)', async () => {
    await seedPeople(3);
    const { svc } = service();
    await svc.apply(actor);
    const stranger = newSimUser('stranger');
    tenantGroup('全社員')!.memberIds.push(stranger.id);
    await people.saveGroup({ name: '全社員', displayName: '全社員 (本社)', description: null });
    await t.c.people.updateOne({ personId: 'E2' }, { $set: { groups: ['全社員'] } });

    const { run } = await svc.apply(actor);
    expect(run.plan.operations.map((o) => o.kind)).toEqual([
      'updateGroup',
      'removeMember',
      'removeMember',
    ]);
    expect(run.plan.operations[0]).toMatchObject({
      changes: [
        { property: 'displayName', old: '全社員', new: '全社員 (本社)' },
        { property: 'description', old: '全社員のグループ', new: null },
      ],
    });
    expect(tenantGroup('全社員 (本社)')!.description).toBeNull();
    expect(tenantGroup('全社員 (本社)')!.memberIds).toHaveLength(3);
    expect(tenantGroup('営業')!.memberIds).toEqual([]);
    const log = await svc.log(run._id.toHexString());
    expect(log[0]).toMatchObject({
      operation: 'updateGroup',
      subject: { kind: 'group', groupName: '全社員' },
    });
    // The hand-added member has no person: logged on the group; E2's leaving on E2.
    expect(log.slice(1).map((e) => e.subject)).toEqual(
      expect.arrayContaining([
        { kind: 'group', groupName: '全社員' },
        { kind: 'person', personId: 'E2' },
      ]),
    );
    expect((await svc.plan(actor)).plan.operations).toEqual([]);
  });

  it.each([
    ['members', true],
    ['delete', false],
  ] as const)('a removed directory group: PROVISION_GROUP_REMOVAL=%s', async (removal, kept) => {
    await seedPeople(2);
    const { svc } = service({ PROVISION_GROUP_REMOVAL: removal });
    await svc.apply(actor);
    await people.removeGroup('全社員');

    const { run } = await svc.apply(actor);
    expect(run.status).toBe('applied');
    if (kept) {
      expect(run.plan.summary).toMatchObject({ removeMember: 2, deleteGroup: 0 });
      expect(tenantGroup('全社員')!.memberIds).toEqual([]);
    } else {
      expect(run.plan.summary).toMatchObject({ removeMember: 0, deleteGroup: 1 });
      expect(tenantGroup('全社員')).toBeUndefined();
    }
    expect(tenantGroup('営業')!.memberIds).toHaveLength(1);
    expect((await svc.plan(actor)).plan.operations).toEqual([]);
  });
});

function newSimUser(name: string, over: Partial<SimUser> = {}): SimUser {
  const user: SimUser = {
    id: `0b0a0000-0000-4000-8000-${String(directory().users.length).padStart(12, '0')}`,
    userPrincipalName: `${name}@contoso.example`,
    createdDateTime: '2024-01-01T00:00:00Z',
    assignedLicenses: [],
    displayName: name,
    mailNickname: name,
    accountEnabled: true,
    ...over,
  };
  directory().users.push(user);
  return user;
}

describe('existing accounts and Graph refusals', () => {
  it('links an unlinked account with the same userPrincipalName instead of creating a duplicate', async () => {
    seedTenant([
      {
        id: '0b0a0000-0000-4000-8000-00000000e001',
        userPrincipalName: 'E1@CONTOSO.example',
        displayName: '旧名',
        mailNickname: 'E1',
        accountEnabled: true,
      },
    ]);
    await seedPeople(1);
    const { svc } = service();
    const { run, initialPasswords } = await svc.apply(actor);

    expect(run.plan.operations.map((o) => o.kind)).toEqual([
      'linkUser',
      'updateUser',
      'assignLicenses',
      'createGroup',
      'addMember',
      'createGroup',
    ]);
    expect(directory().users).toHaveLength(1);
    expect((await people.get('E1')).m365AccountId).toBe('0b0a0000-0000-4000-8000-00000000e001');
    expect(directory().users[0].displayName).toBe('利用者 1');
    expect(initialPasswords).toEqual([]);
  });

  it('a conflicting immutable id fails that create (with Graph request id) and skips what depends on it', async () => {
    seedTenant([
      {
        userPrincipalName: 'someone@contoso.example',
        mailNickname: 'someone',
        displayName: 'x',
        onPremisesImmutableId: defaultImmutableId('E2'),
      },
    ]);
    await seedPeople(2);
    const { svc } = service();
    const { run, initialPasswords } = await svc.apply(actor);

    expect(run).toMatchObject({ status: 'partial', counts: { failed: 1, skipped: 3 } });
    expect(initialPasswords.map((p) => p.personId)).toEqual(['E1']);
    const why = await svc.why('E2');
    expect(why.person.m365AccountId).toBeNull();
    expect(why.entries.map((e) => [e.operation, e.result, e.detail])).toEqual(
      expect.arrayContaining([
        ['createUser', 'failed', 'conflict'],
        ['assignLicenses', 'skipped', 'userNotCreated'],
        ['addMember', 'skipped', 'userNotCreated'],
        ['addMember', 'skipped', 'userNotCreated'],
      ]),
    );
    const failed = why.entries.find((e) => e.result === 'failed')!;
    expect(failed.error).toMatchObject({
      status: 400,
      code: 'Request_BadRequest',
      message: expect.stringContaining('onPremisesImmutableId'),
    });
    const request = state().log.find((r) => r.requestId === failed.error!.requestId)!;
    expect(request).toMatchObject({ route: 'createUser', status: 400 });
    expect(tenantUser(upn('E1'))!.assignedLicenses).toHaveLength(1);
  });

  it('a group Graph refuses to create: its members are skipped, the rest applied', async () => {
    await seedPeople(2);
    state().faults.push({
      route: 'createGroup',
      remaining: 1,
      action: { kind: 'status', status: 400 },
    });
    const { svc } = service();
    const { run } = await svc.apply(actor);

    const log = await svc.log(run._id.toHexString());
    const failed = log.filter((e) => e.result === 'failed');
    expect(failed).toMatchObject([
      { operation: 'createGroup', detail: 'graphError', error: { status: 400 } },
    ]);
    const lost = (failed[0].subject as { groupName: string }).groupName;
    const members = lost === '全社員' ? 2 : 1;
    expect(log.filter((e) => e.result === 'skipped')).toEqual(
      Array.from({ length: members }, () =>
        expect.objectContaining({ operation: 'addMember', detail: 'groupNotCreated' }),
      ),
    );
    expect(run).toMatchObject({ status: 'partial', counts: { failed: 1, skipped: members } });
    expect(directory().users).toHaveLength(2);
    // The next apply creates it and adds its members.
    expect((await svc.apply(actor)).run.plan.summary).toMatchObject({
      createGroup: 1,
      addMember: members,
    });
  });

  it.each([
    ['with Retry-After', { retryAfterSeconds: 1 }, 2],
    ['without Retry-After', {}, 5],
  ])('retries a 429 storm on writes (%s) and applies everything', async (_label, retry, storm) => {
    await seedPeople(2);
    state().faults.push(
      { route: 'createUser', remaining: storm, action: { kind: 'status', status: 429, ...retry } },
      {
        route: 'addGroupMember',
        remaining: storm,
        action: { kind: 'status', status: 429, ...retry },
      },
    );
    const { svc, records } = service();
    const { run } = await svc.apply(actor);

    expect(run).toMatchObject({ status: 'applied', counts: { failed: 0 } });
    expect(state().log.filter((r) => r.status === 429)).toHaveLength(storm * 2);
    expect(records.filter((r) => /retrying/.test(String(r.msg)))).toHaveLength(storm * 2);
    expect(directory().users).toHaveLength(2);
    expect(tenantGroup('全社員')!.memberIds).toHaveLength(2);
  });
});

describe('the safety limit and approval', () => {
  async function overTheLimit() {
    await seedPeople(3);
    const { svc } = service({ PROVISION_SAFETY_LIMIT: '2' });
    await svc.apply(actor);
    for (const id of ['E1', 'E2', 'E3']) await people.remove(id);
    const writes = directory().writes.length;
    const { run, initialPasswords } = await svc.apply(actor);
    expect(run).toMatchObject({
      status: 'held',
      plan: { removals: 3, safetyLimit: 2, needsApproval: true },
    });
    expect(initialPasswords).toEqual([]);
    expect(directory().writes).toHaveLength(writes);
    expect(await t.c.provisioningLog.countDocuments({ runId: run._id })).toBe(0);
    return { svc, run, writes };
  }

  it('holds a run that stops more accounts than the limit; approve applies its plan', async () => {
    const { svc, run } = await overTheLimit();
    const graphBefore = state().log.filter((r) => r.path.startsWith('/v1.0/')).length;
    const approved = await svc.approve(run._id.toHexString(), { by: 'test:boss' });
    const graphAfter = state().log.filter((r) => r.path.startsWith('/v1.0/')).length;
    expect(approved.run.requests).toBe(run.requests + graphAfter - graphBefore);
    expect(approved.run).toMatchObject({
      _id: run._id,
      status: 'applied',
      decidedBy: 'test:boss',
      counts: { ok: run.plan.operations.length, failed: 0 },
    });
    expect(approved.run.decidedAt).toBeInstanceOf(Date);
    expect(['E1', 'E2', 'E3'].map((id) => tenantUser(upn(id))!.accountEnabled)).toEqual([
      false,
      false,
      false,
    ]);
    const again = await rejectionOf(svc.approve(run._id.toHexString(), actor));
    expect(isDaichoError(again, 'RUN_NOT_FOUND') && again.messageKey).toBe('provision.notHeld');
  });

  it('reject drops a held run: nothing changes, and it cannot be approved after', async () => {
    const { svc, run, writes } = await overTheLimit();
    const rejected = await svc.reject(run._id.toHexString(), { by: 'test:boss' });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: 'test:boss' });
    expect(directory().writes).toHaveLength(writes);
    const e = await rejectionOf(svc.approve(run._id.toHexString(), actor));
    expect(isDaichoError(e) && say('en', e.messageKey, e.params)).toBe(
      `Provisioning run "${run._id.toHexString()}" is not waiting for approval (it is rejected); nothing was done.`,
    );
    // A newer held run replaces an older one.
    const second = (await svc.apply(actor)).run;
    const third = (await svc.apply(actor)).run;
    expect((await svc.get(second._id.toHexString())).status).toBe('rejected');
    expect((await svc.get(third._id.toHexString())).status).toBe('held');
  });
});

describe('refusals', () => {
  it('names what is missing: no app registration, every switch off, unknown run, a run in progress', async () => {
    const noGraph = new ProvisioningService({
      c: t.c,
      people,
      config: loadConfig({
        ...env(),
        AZURE_TENANT_ID: '',
        AZURE_CLIENT_ID: '',
        AZURE_CLIENT_SECRET: '',
      }),
      log: recordingLogger().log,
      directory: () => {
        throw new Error('not called');
      },
    });
    const e1 = await rejectionOf(noGraph.plan(actor));
    expect(isDaichoError(e1, 'NO_CREDENTIALS') && say('en', e1.messageKey, e1.params)).toMatch(
      /set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET .* in env\/\.env\.local\.user/,
    );
    const off = service({
      PROVISION_ACCOUNTS: 'off',
      PROVISION_LICENSES: 'off',
      PROVISION_GROUPS: 'off',
    }).svc;
    expect(await rejectionOf(off.apply(actor))).toMatchObject({ code: 'PROVISIONING_OFF' });

    const { svc } = service();
    state().roles = ['User.Read.All'];
    const e2 = await rejectionOf(svc.plan(actor));
    expect(isDaichoError(e2, 'GRAPH_FAILED') && say('en', e2.messageKey, e2.params)).toMatch(
      /^Could not read Microsoft 365 \(listGroups: HTTP 403 Authorization_RequestDenied, request-id [0-9a-f-]{36}\).*Nothing was changed\. The app registration needs/,
    );
    for (const bad of ['nope', '0123456789abcdef01234567'])
      expect(await rejectionOf(svc.approve(bad, actor))).toMatchObject({
        code: 'RUN_NOT_FOUND',
        messageKey: 'provision.runNotFound',
      });
    expect(await rejectionOf(svc.why('nobody'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await rejectionOf(
        svc.apply(actor, { plan: { operations: [{ kind: 'createUser' }] } as never }),
      ),
    ).toMatchObject({ code: 'INVALID_INPUT', messageKey: 'provision.badPlan' });

    const other = new Lease(t.c.leases, 'provisioning');
    expect((await other.acquire()).ok).toBe(true);
    try {
      expect(await rejectionOf(svc.apply(actor))).toMatchObject({
        code: 'PROVISION_BUSY',
        messageKey: 'provision.busy',
      });
    } finally {
      await other.release();
    }
    expect(directory().writes).toEqual([]);
  });
});

describe('daicho provision (built CLI)', () => {
  it('plan, plan --json → apply --plan FILE (exactly that plan), why; passwords on stdout only', async () => {
    await seedPeople(2);
    const e = env();
    const plan = await runCli(['provision', 'plan'], e);
    expect([plan.code, plan.stderr]).toEqual([0, '']);
    expect(plan.stdout).toContain('Person E1\n  create account  E1@contoso.example\n');
    expect(plan.stdout).toContain('      department: - → 情報システム部');
    expect(plan.stdout).toContain('Group 全社員\n  create group    全社員 (mailNickname group-');
    expect(plan.stdout).toMatch(
      /Accounts: 2 to create, .* Members: 3 to add, 0 to remove\. Problems: 0\./,
    );
    expect(plan.stdout).toMatch(/Dry run [0-9a-f]{24}: nothing was changed in Microsoft 365/);
    expect(directory().writes).toEqual([]);

    const json = await runCli(['provision', 'plan', '--json'], e);
    const file = path.join(dir, `plan-${t.name}.json`);
    writeFileSync(file, json.stdout);
    const planned = JSON.parse(json.stdout) as ProvisioningPlan;
    // Changed after the plan: --plan applies the file, not a fresh plan.
    await t.c.people.updateOne({ personId: 'E2' }, { $set: { department: '総務部' } });

    const applied = await runCli(['provision', 'apply', '--plan', file], e);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Run [0-9a-f]{24} applied: 9 done, 0 failed, 0 skipped/);
    expect(applied.stdout).toContain(
      'First passwords of the 2 new accounts: hand each over securely',
    );
    const passwords = [...applied.stdout.matchAll(/^ {2}(E\d) {2}(\S+) {2}(\S+)$/gm)].map(
      (m) => m[3],
    );
    expect(passwords).toHaveLength(2);
    const run = (await t.c.provisioningRuns.find({ dryRun: false }).toArray())[0];
    expect(run.plan.operations).toEqual(planned.operations);
    expect(tenantUser(upn('E2'))!.department).toBe('情報システム部');
    const stored = await dbText();
    for (const p of passwords) expect(stored).not.toContain(p);

    const why = await runCli(['provision', 'why', 'E2'], e);
    expect(why.code).toBe(0);
    expect(why.stdout).toContain(
      `Person E2 (利用者 2), Microsoft 365 account ${tenantUser(upn('E2'))!.id}`,
    );
    expect(why.stdout).toMatch(/create account {2}done {2}E2@contoso\.example → /);
    expect(why.stdout).toContain('add member  done  営業');

    const apiJson = await runCli(['provision', 'apply', '--json'], e);
    expect(apiJson.code).toBe(0);
    expect(JSON.parse(apiJson.stdout)).toMatchObject({
      run: { status: 'applied', summary: { updateUser: 1 } },
      failures: [],
      initialPasswords: [],
    });
  });

  it('held → exit 1 with how to approve; approve and reject by run id; a bad plan file is refused', async () => {
    await seedPeople(2);
    const e = env({ PROVISION_SAFETY_LIMIT: '0' });
    expect((await runCli(['provision', 'apply'], e)).code).toBe(0);
    await people.remove('E1');

    const held = await runCli(['provision', 'apply'], e);
    expect(held.code).toBe(1);
    const runId = /run ([0-9a-f]{24}) waits for approval/.exec(held.stderr)![1];
    expect(held.stderr).toBe(
      `Not applied: run ${runId} waits for approval (daicho provision approve ${runId}).\n`,
    );
    expect(held.stdout).toContain(`Apply it with daicho provision approve ${runId}`);
    expect(tenantUser(upn('E1'))!.accountEnabled).toBe(true);

    const approved = await runCli(['provision', 'approve', runId], e);
    expect([approved.code, approved.stderr]).toEqual([0, '']);
    expect(approved.stdout).toMatch(new RegExp(`Run ${runId} applied: 2 done`));
    expect(tenantUser(upn('E1'))!.accountEnabled).toBe(false);

    await people.remove('E2');
    const heldAgain = await runCli(['provision', 'apply', '--json'], e);
    const second = (JSON.parse(heldAgain.stdout) as { run: { id: string } }).run.id;
    const rejected = await runCli(['provision', 'reject', second], e);
    expect([rejected.code, rejected.stdout]).toEqual([
      0,
      `Rejected run ${second}; nothing of it was applied.\n`,
    ]);
    expect(tenantUser(upn('E2'))!.accountEnabled).toBe(true);
    const again = await runCli(['provision', 'approve', second], e);
    expect([again.code, again.stderr]).toEqual([
      1,
      `Error: Provisioning run "${second}" is not waiting for approval (it is rejected); nothing was done.\n`,
    ]);

    const badFile = path.join(dir, 'bad.json');
    writeFileSync(badFile, '{"operations": [{"kind": "deleteUser"}]}');
    const bad = await runCli(['provision', 'apply', '--plan', badFile], e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^Error: This is not a provisioning plan .*operations\[0\]\.personId: Required/,
    );
  });
});
