/**
 * The provisioning benchmark's directory and tenant: N people in ten departments, each also in
 * 全社員; 80 % 標準 (E3), 20 % 軽量 (E1); a tenant with those two SKUs and nobody in it yet.
 */
import {
  defaultImmutableId,
  emptyAttributes,
  type DirectoryGroup,
  type Person,
} from '../../src/people/person';
import type { DirectorySeed } from '../../src/sim/directory-model';

const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const E1 = '18181a46-0d4e-45cd-891e-60aabd171b4e';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const DEPARTMENTS = [
  '情報システム部',
  '営業部',
  '総務部',
  '経理部',
  '人事部',
  '開発部',
  '製造部',
  '品質保証部',
  '購買部',
  '法務部',
];

/** The licence profiles file (PROVISIONING_LICENSE_PROFILES_FILE) the fixture's people name. */
export const LICENCE_PROFILES = {
  標準: [{ skuPartNumber: 'ENTERPRISEPACK', disabledPlans: ['TEAMS1'] }],
  軽量: [{ skuPartNumber: 'STANDARDPACK' }],
};

export const personId = (k: number): string => `P${String(k).padStart(5, '0')}`;

export function peopleFixture(n: number): Person[] {
  const at = new Date('2025-04-01T00:00:00Z');
  return Array.from({ length: n }, (_, k) => {
    const id = personId(k + 1);
    const department = DEPARTMENTS[k % DEPARTMENTS.length] ?? '総務部';
    return {
      ...emptyAttributes(),
      personId: id,
      displayName: `利用者 ${k + 1}`,
      givenName: '太郎',
      surname: `山田${k + 1}`,
      userPrincipalName: `${id.toLowerCase()}@contoso.co.jp`,
      onPremisesImmutableId: defaultImmutableId(id),
      department,
      jobTitle: k % 10 === 0 ? '課長' : '担当',
      employeeId: id,
      companyName: 'Contoso 株式会社',
      usageLocation: 'JP',
      businessPhones: [`+81 3-0000-${String(k % 10000).padStart(4, '0')}`],
      custom: {},
      licenceProfile: k % 5 === 4 ? '軽量' : '標準',
      groups: [department, '全社員'],
      m365AccountId: null,
      releasedAccountIds: [],
      removed: false,
      removedAt: null,
      createdAt: at,
      updatedAt: at,
    };
  });
}

export function groupsFixture(): DirectoryGroup[] {
  const at = new Date('2025-04-01T00:00:00Z');
  return ['全社員', ...DEPARTMENTS].map((name) => ({
    name,
    displayName: name,
    description: `${name}のメンバー`,
    m365GroupId: null,
    removed: false,
    removedAt: null,
    createdAt: at,
    updatedAt: at,
  }));
}

export function tenantSeed(n: number): DirectorySeed {
  return {
    users: [],
    groups: [],
    skus: [
      {
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        prepaidUnits: n,
        servicePlans: [{ servicePlanId: TEAMS, servicePlanName: 'TEAMS1' }],
      },
      { skuId: E1, skuPartNumber: 'STANDARDPACK', prepaidUnits: n, servicePlans: [] },
    ],
  };
}
