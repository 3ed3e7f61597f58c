import { createUserRequest, randomPassword } from '../../src/provisioning/password';
import { planProvisioning, type PlanOperation } from '../../src/provisioning/plan';
import { applyPlan } from '../support/fake-tenant';
import { userValidator } from '../support/graph-user-schema';
import {
  ALL_ON,
  E3,
  E5,
  VISIO,
  YAMMER,
  directoryGroup,
  kinds,
  person,
  planInput,
  securityGroup,
  skus,
  userFor,
} from '../support/provisioning-fixtures';

const ID1 = '11111111-1111-1111-1111-111111111111';
const ID2 = '22222222-2222-2222-2222-222222222222';

type Op<K extends PlanOperation['kind']> = Extract<PlanOperation, { kind: K }>;
const only = <K extends PlanOperation['kind']>(ops: PlanOperation[], kind: K) =>
  ops.filter((op): op is Op<K> => op.kind === kind);

describe('provisioning plan: accounts', () => {
  it('creates a person with no account: mapped attributes, enabled, password changed at sign-in', () => {
    const p = person('E001', {
      displayName: '山田 太郎',
      givenName: '太郎',
      surname: '山田',
      department: '情報システム部',
      division: '管理本部',
      costCenter: 'CC-100',
      businessPhones: ['03-1234-5678'],
      otherMails: ['taro@example.jp', 'yamada@example.jp'],
      custom: { 社員区分: '正社員' },
    });
    const plan = planProvisioning(planInput({ people: [p] }));
    expect(kinds(plan)).toEqual(['createUser']);
    const [op] = only(plan.operations, 'createUser');
    expect(op.body).toEqual({
      displayName: '山田 太郎',
      mailNickname: 'E001',
      onPremisesImmutableId: Buffer.from('E001').toString('base64'),
      userPrincipalName: 'E001@contoso.example',
      businessPhones: ['03-1234-5678'],
      department: '情報システム部',
      employeeOrgData: { division: '管理本部', costCenter: 'CC-100' },
      givenName: '太郎',
      otherMails: ['taro@example.jp', 'yamada@example.jp'],
      surname: '山田',
      usageLocation: 'JP',
      accountEnabled: true,
      passwordProfile: { forceChangePasswordNextSignIn: true },
    });
    // The password is made at apply time only; the request is a valid microsoft.graph.user.
    expect(JSON.stringify(plan)).not.toMatch(/password"/);
    const request = createUserRequest(op, randomPassword());
    const validate = userValidator();
    expect(validate(request) ? [] : validate.errors).toEqual([]);
    expect((request.passwordProfile as { password: string }).password).toMatch(/^.{16}$/);
  });

  it('finds an unlinked person by userPrincipalName (any case), links and updates only what differs', () => {
    const p = person('E002', { jobTitle: '課長', mobilePhone: '090-0000-0000' });
    const u = userFor(p, ID1, {
      userPrincipalName: 'e002@CONTOSO.example',
      jobTitle: '係長',
      mobilePhone: '090-0000-0000',
    });
    const plan = planProvisioning(planInput({ people: [p], tenant: { users: [u] } }));
    expect(kinds(plan)).toEqual(['linkUser', 'updateUser']);
    expect(only(plan.operations, 'updateUser')[0]).toMatchObject({
      userId: ID1,
      changes: [
        { property: 'userPrincipalName', old: 'e002@CONTOSO.example', new: 'E002@contoso.example' },
        { property: 'jobTitle', old: '係長', new: '課長' },
      ],
      body: { userPrincipalName: 'E002@contoso.example', jobTitle: '課長' },
    });
  });

  it('updates a linked account; a changed complex property carries its mapped siblings', () => {
    const p = person('E003', { m365AccountId: ID1, division: '新部門', costCenter: 'CC-1' });
    const u = userFor(p, ID1, { employeeOrgData: { division: '旧部門', costCenter: 'CC-1' } });
    const plan = planProvisioning(planInput({ people: [p], tenant: { users: [u] } }));
    const [op] = only(plan.operations, 'updateUser');
    expect(op.changes).toEqual([
      { property: 'employeeOrgData.division', old: '旧部門', new: '新部門' },
    ]);
    expect(op.body).toEqual({ employeeOrgData: { division: '新部門', costCenter: 'CC-1' } });
  });

  it('clears a value the directory no longer has ("" and null and [] are all empty)', () => {
    const p = person('E004', { m365AccountId: ID1, city: null, otherMails: [] });
    const u = userFor(p, ID1, { city: '東京', otherMails: ['old@example.jp'], faxNumber: '' });
    const [op] = only(
      planProvisioning(planInput({ people: [p], tenant: { users: [u] } })).operations,
      'updateUser',
    );
    expect(op.changes).toEqual([
      { property: 'city', old: '東京', new: null },
      { property: 'otherMails', old: ['old@example.jp'], new: null },
    ]);
    expect(op.body).toEqual({ city: null, otherMails: [] });
  });

  it.each([
    ['stop', 'stopUser'],
    ['delete', 'deleteUser'],
  ] as const)(
    'a removed person: the linked account is handled by the switch (%s)',
    (removal, kind) => {
      const p = person('E005', { m365AccountId: ID1, removed: true });
      const plan = planProvisioning(
        planInput({
          people: [p],
          switches: { ...ALL_ON, accountRemoval: removal },
          tenant: { users: [userFor(p, ID1)] },
        }),
      );
      expect(plan.operations).toEqual([
        {
          kind,
          personId: 'E005',
          userId: ID1,
          userPrincipalName: 'E005@contoso.example',
          reason: 'removed',
        },
      ]);
      expect(plan.removals).toBe(1);
    },
  );

  it('does not stop an account that is already stopped, nor one that is gone', () => {
    const a = person('E006', { m365AccountId: ID1, removed: true });
    const b = person('E007', { m365AccountId: ID2, removed: true });
    const plan = planProvisioning(
      planInput({
        people: [a, b],
        tenant: { users: [userFor(a, ID1, { accountEnabled: false })] },
      }),
    );
    expect(plan.operations).toEqual([]);
  });

  it('an unlinked account is stopped, and its person is not matched to it again', () => {
    const p = person('E008', { releasedAccountIds: [ID1] });
    const plan = planProvisioning(planInput({ people: [p], tenant: { users: [userFor(p, ID1)] } }));
    expect(plan.operations).toEqual([
      expect.objectContaining({ kind: 'stopUser', userId: ID1, reason: 'unlinked' }),
    ]);
    expect(plan.problems).toEqual([
      {
        subject: { kind: 'person', personId: 'E008' },
        code: 'accountUnlinked',
        params: { accountId: ID1 },
      },
    ]);
  });

  it('an unlinked account that another person is linked to now is left to them', () => {
    const a = person('E009', { releasedAccountIds: [ID1], userPrincipalName: 'a@contoso.example' });
    const b = person('E010', { m365AccountId: ID1 });
    const plan = planProvisioning(
      planInput({ people: [a, b], tenant: { users: [userFor(b, ID1)] } }),
    );
    expect(kinds(plan)).toEqual(['createUser']);
  });

  it('collects problems per person and still plans the others', () => {
    const people = [
      person('E011', { businessPhones: ['03-1111-1111', '03-2222-2222'] }),
      person('E012', { userPrincipalName: null }),
      person('E013', { displayName: null }),
      person('E014', { userPrincipalName: 'E011@contoso.example' }),
      person('E015', { m365AccountId: ID2 }),
      person('E016'),
    ];
    const plan = planProvisioning(planInput({ people }));
    expect(plan.problems.map((p) => [p.subject, p.code, p.params])).toEqual([
      [{ kind: 'person', personId: 'E011' }, 'singleBusinessPhone', { count: 2 }],
      [{ kind: 'person', personId: 'E012' }, 'missingRequired', { attribute: 'userPrincipalName' }],
      [{ kind: 'person', personId: 'E013' }, 'missingRequired', { attribute: 'displayName' }],
      [
        { kind: 'person', personId: 'E014' },
        'duplicateUserPrincipalName',
        { otherPersonId: 'E011' },
      ],
      [{ kind: 'person', personId: 'E015' }, 'linkedAccountMissing', { accountId: ID2 }],
    ]);
    expect(only(plan.operations, 'createUser').map((op) => op.personId)).toEqual(['E016']);
    expect(plan.summary).toMatchObject({ createUser: 1, problems: 5 });
  });

  it('refuses to match a user that another person is linked to', () => {
    const a = person('E017', { m365AccountId: ID1, userPrincipalName: 'x@contoso.example' });
    const b = person('E018', { userPrincipalName: 'shared@contoso.example' });
    const u = userFor(a, ID1, { userPrincipalName: 'shared@contoso.example' });
    const plan = planProvisioning(planInput({ people: [a, b], tenant: { users: [u] } }));
    expect(plan.problems).toEqual([
      expect.objectContaining({
        code: 'accountLinkedToOther',
        params: { accountId: ID1, otherPersonId: 'E017' },
      }),
    ]);
  });

  it('with account provisioning off, writes no account (but still links and reports nothing)', () => {
    const a = person('E019', { m365AccountId: ID1, removed: true });
    const b = person('E020', { jobTitle: '新' });
    const c = person('E021', { businessPhones: ['1', '2'] });
    const plan = planProvisioning(
      planInput({
        people: [a, b, c],
        switches: { ...ALL_ON, accounts: false },
        tenant: { users: [userFor(a, ID1), userFor(b, ID2)] },
      }),
    );
    expect(kinds(plan)).toEqual(['linkUser']);
    expect(plan.problems).toEqual([]);
  });
});

describe('provisioning plan: safety limit', () => {
  const removed = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      person(`R${String(i).padStart(3, '0')}`, { m365AccountId: `acc-${i}`, removed: true }),
    );
  it.each([
    [10, false],
    [11, true],
  ])('%i stops against a limit of 10 → needsApproval %s', (n, needs) => {
    const people = removed(n);
    const plan = planProvisioning(
      planInput({ people, tenant: { users: people.map((p) => userFor(p, p.m365AccountId!)) } }),
    );
    expect([plan.removals, plan.needsApproval, plan.safetyLimit]).toEqual([n, needs, 10]);
  });
});

describe('provisioning plan: licences', () => {
  const linked = (over = {}) => person('L001', { m365AccountId: ID1, ...over });
  const plan = (
    p = linked(),
    assigned: { skuId: string; disabledPlans: string[] }[] = [],
    units = 100,
  ) =>
    planProvisioning(
      planInput({
        people: [p],
        tenant: { users: [userFor(p, ID1, { assignedLicenses: assigned })], skus: skus(units) },
      }),
    );

  it('adds the profile SKU with its disabled plans as ids (read from subscribedSkus)', () => {
    expect(only(plan(linked({ licenceProfile: '標準' })).operations, 'assignLicenses')).toEqual([
      {
        kind: 'assignLicenses',
        personId: 'L001',
        user: { personId: 'L001', userId: ID1 },
        add: [{ skuId: E3, skuPartNumber: 'ENTERPRISEPACK', disabledPlans: [YAMMER] }],
        remove: [],
      },
    ]);
  });

  it('a profile change adds and removes exactly the difference; SKUs no profile names stay', () => {
    const [op] = only(
      plan(linked({ licenceProfile: '上位' }), [
        { skuId: E3, disabledPlans: [YAMMER] },
        { skuId: VISIO, disabledPlans: [] },
      ]).operations,
      'assignLicenses',
    );
    expect(op.add).toEqual([{ skuId: E5, skuPartNumber: 'ENTERPRISEPREMIUM', disabledPlans: [] }]);
    expect(op.remove).toEqual([{ skuId: E3, skuPartNumber: 'ENTERPRISEPACK' }]);
  });

  it('no profile: profile SKUs are removed; the same SKU with other disabled plans is re-assigned', () => {
    const [none] = only(
      plan(linked(), [{ skuId: E3, disabledPlans: [] }]).operations,
      'assignLicenses',
    );
    expect([none.add, none.remove]).toEqual([[], [{ skuId: E3, skuPartNumber: 'ENTERPRISEPACK' }]]);
    const [plans] = only(
      plan(linked({ licenceProfile: '標準' }), [{ skuId: E3, disabledPlans: [] }]).operations,
      'assignLicenses',
    );
    expect([plans.add, plans.remove]).toEqual([
      [{ skuId: E3, skuPartNumber: 'ENTERPRISEPACK', disabledPlans: [YAMMER] }],
      [],
    ]);
    expect(
      plan(linked({ licenceProfile: '標準' }), [{ skuId: E3, disabledPlans: [YAMMER] }]).operations,
    ).toEqual([]);
  });

  it.each([
    ['ない', 'unknownLicenceProfile', { profile: 'ない' }],
    ['存在しない', 'unknownSku', { profile: '存在しない', sku: 'NOPE' }],
    [
      'プラン誤り',
      'unknownServicePlan',
      { profile: 'プラン誤り', sku: 'ENTERPRISEPACK', plan: 'NO_SUCH_PLAN' },
    ],
  ])('profile %s is a problem on the person, not a crash', (profile, code, params) => {
    const result = plan(linked({ licenceProfile: profile }));
    expect(result.operations).toEqual([]);
    expect(result.problems).toEqual([
      { subject: { kind: 'person', personId: 'L001' }, code, params },
    ]);
  });

  it('reports running out of licences per person, and needs a usage location', () => {
    const a = person('L002', { licenceProfile: '上位' });
    const b = person('L003', { licenceProfile: '上位' });
    const c = person('L004', { licenceProfile: '上位', usageLocation: null });
    const result = planProvisioning(planInput({ people: [a, b, c], tenant: { skus: skus(1) } }));
    expect(
      only(result.operations, 'assignLicenses').map((op) => [op.personId, op.user.userId]),
    ).toEqual([['L002', null]]);
    expect(result.problems.map((p) => [p.subject, p.code])).toEqual([
      [{ kind: 'person', personId: 'L003' }, 'licencesExhausted'],
      [{ kind: 'person', personId: 'L004' }, 'noUsageLocation'],
    ]);
  });
});

describe('provisioning plan: groups', () => {
  const G1 = 'g-1111';
  it('creates a security group for a new directory group, with its members (new users too)', () => {
    const a = person('M001', { groups: ['sales'] });
    const b = person('M002', { groups: ['sales'], m365AccountId: ID1 });
    const plan = planProvisioning(
      planInput({
        people: [a, b],
        groups: [directoryGroup('sales', { displayName: '営業部', description: '営業' })],
        tenant: { users: [userFor(b, ID1)] },
      }),
    );
    expect(
      plan.operations.filter((op) => op.kind.includes('Group') || op.kind.includes('Member')),
    ).toEqual([
      {
        kind: 'createGroup',
        groupName: 'sales',
        body: {
          displayName: '営業部',
          description: '営業',
          mailNickname: 'sales',
          securityEnabled: true,
          mailEnabled: false,
        },
      },
      {
        kind: 'addMember',
        groupName: 'sales',
        groupId: null,
        member: { personId: 'M001', userId: null },
      },
      {
        kind: 'addMember',
        groupName: 'sales',
        groupId: null,
        member: { personId: 'M002', userId: ID1 },
      },
    ]);
  });

  it('links by display name, updates what differs and keeps members equal to the directory', () => {
    const a = person('M003', { groups: ['総務'], m365AccountId: ID1 });
    const b = person('M004', { m365AccountId: ID2 });
    const tenantGroup = { ...securityGroup(G1, '総務部', [ID2, 'outsider']), description: '旧' };
    const plan = planProvisioning(
      planInput({
        people: [a, b],
        groups: [directoryGroup('総務', { displayName: '総務部', description: '総務部の全員' })],
        tenant: { users: [userFor(a, ID1), userFor(b, ID2)], groups: [tenantGroup] },
      }),
    );
    expect(plan.operations).toEqual([
      { kind: 'linkGroup', groupName: '総務', groupId: G1 },
      {
        kind: 'updateGroup',
        groupName: '総務',
        groupId: G1,
        changes: [{ property: 'description', old: '旧', new: '総務部の全員' }],
        body: { description: '総務部の全員' },
      },
      {
        kind: 'addMember',
        groupName: '総務',
        groupId: G1,
        member: { personId: 'M003', userId: ID1 },
      },
      {
        kind: 'removeMember',
        groupName: '総務',
        groupId: G1,
        memberId: ID2,
        personId: 'M004',
        reason: 'notInDirectoryGroup',
      },
      {
        kind: 'removeMember',
        groupName: '総務',
        groupId: G1,
        memberId: 'outsider',
        personId: null,
        reason: 'notInDirectoryGroup',
      },
    ]);
  });

  it.each([
    [
      'members',
      [
        ['removeMember', ID1],
        ['removeMember', ID2],
      ],
    ],
    ['delete', [['deleteGroup', G1]]],
  ] as const)('a removed directory group (%s)', (groupRemoval, expected) => {
    const plan = planProvisioning(
      planInput({
        groups: [directoryGroup('old', { m365GroupId: G1, removed: true })],
        switches: { ...ALL_ON, groupRemoval },
        tenant: { groups: [securityGroup(G1, 'old', [ID2, ID1])] },
      }),
    );
    expect(
      plan.operations.map((op) => [
        op.kind,
        'memberId' in op ? op.memberId : 'groupId' in op ? op.groupId : '',
      ]),
    ).toEqual(expected);
  });

  it('reports a linked group that is gone and an ambiguous display name', () => {
    const plan = planProvisioning(
      planInput({
        groups: [
          directoryGroup('a', { m365GroupId: 'gone' }),
          directoryGroup('b', { displayName: '二つ' }),
        ],
        tenant: { groups: [securityGroup('x', '二つ'), securityGroup('y', '二つ')] },
      }),
    );
    expect(plan.operations).toEqual([]);
    expect(plan.problems.map((p) => [p.subject, p.code])).toEqual([
      [{ kind: 'group', groupName: 'a' }, 'linkedGroupMissing'],
      [{ kind: 'group', groupName: 'b' }, 'ambiguousGroup'],
    ]);
  });

  it('a deleted user is not also removed from its groups; a Japanese name gets a hashed mailNickname', () => {
    const gone = person('M005', { m365AccountId: ID1, removed: true, groups: ['g'] });
    const plan = planProvisioning(
      planInput({
        people: [gone],
        groups: [directoryGroup('g', { m365GroupId: G1 }), directoryGroup('経理')],
        switches: { ...ALL_ON, accountRemoval: 'delete' },
        tenant: { users: [userFor(gone, ID1)], groups: [securityGroup(G1, 'g', [ID1])] },
      }),
    );
    expect(kinds(plan)).toEqual(['deleteUser', 'createGroup']);
    expect(only(plan.operations, 'createGroup')[0].body.mailNickname).toMatch(
      /^group-[0-9a-f]{12}$/,
    );
  });

  it('with group provisioning off, plans no group operation', () => {
    const plan = planProvisioning(
      planInput({
        people: [person('M006', { groups: ['x'] })],
        groups: [directoryGroup('x')],
        switches: { ...ALL_ON, groups: false },
      }),
    );
    expect(kinds(plan)).toEqual(['createUser']);
  });
});

describe('provisioning plan: convergence', () => {
  function scenario() {
    const people = [
      person('C001', {
        groups: ['all', 'sales'],
        licenceProfile: '標準',
        otherMails: ['c1@example.jp'],
      }),
      person('C002', {
        groups: ['all'],
        licenceProfile: '上位',
        m365AccountId: ID1,
        jobTitle: '部長',
        division: '営業本部',
      }),
      person('C003', {
        groups: ['all'],
        userPrincipalName: 'c3@contoso.example',
        custom: { 区分: '契約' },
      }),
      person('C004', { m365AccountId: ID2, removed: true, groups: ['all'] }),
      person('C005', {
        licenceProfile: null,
        releasedAccountIds: ['33333333-3333-3333-3333-333333333333'],
      }),
    ];
    const groups = [
      directoryGroup('all', { displayName: '全社員' }),
      directoryGroup('sales', { displayName: '営業部', m365GroupId: 'g-sales' }),
      directoryGroup('old', { m365GroupId: 'g-old', removed: true }),
    ];
    const tenant = {
      users: [
        userFor(people[1], ID1, {
          jobTitle: '課長',
          assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
        }),
        userFor(people[2], 'c3-id', { userPrincipalName: 'C3@contoso.example' }),
        userFor(people[3], ID2),
        userFor(people[4], '33333333-3333-3333-3333-333333333333', {
          userPrincipalName: 'gone@contoso.example',
        }),
      ],
      groups: [securityGroup('g-sales', '営業', ['c3-id']), securityGroup('g-old', 'old', [ID1])],
      skus: skus(),
    };
    const mapping = {
      entries: [
        ...planInput().mapping.entries,
        { source: 'custom.区分', target: 'onPremisesExtensionAttributes.extensionAttribute1' },
      ],
    };
    return { people, groups, tenant, mapping };
  }

  it.each([
    ['stop', 'members'],
    ['delete', 'delete'],
  ] as const)(
    'planning again after applying gives an empty plan (%s / %s)',
    (accountRemoval, groupRemoval) => {
      const s = scenario();
      const switches = { ...ALL_ON, accountRemoval, groupRemoval };
      const first = planProvisioning(planInput({ ...s, switches }));
      expect(first.problems).toEqual([]);
      expect(first.operations.length).toBeGreaterThan(10);
      const after = applyPlan(first, s);
      const second = planProvisioning(planInput({ ...s, ...after, switches }));
      expect(second.operations).toEqual([]);
    },
  );

  it('is deterministic: the order of the input does not matter', () => {
    const s = scenario();
    const a = planProvisioning(planInput(s));
    const b = planProvisioning(
      planInput({
        ...s,
        people: [...s.people].reverse(),
        groups: [...s.groups].reverse(),
        tenant: { ...s.tenant, users: [...s.tenant.users].reverse() },
      }),
    );
    expect(b).toEqual(a);
  });
});
