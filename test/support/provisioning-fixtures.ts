import {
  defaultImmutableId,
  emptyAttributes,
  type DirectoryGroup,
  type Person,
} from '../../src/people/person';
import type { LicenceProfiles } from '../../src/provisioning/licence-profiles';
import { defaultMapping } from '../../src/provisioning/mapping';
import type {
  PlanInput,
  ProvisioningPlan,
  ProvisioningSwitches,
} from '../../src/provisioning/plan';
import type {
  GraphGroup,
  GraphUser,
  SubscribedSku,
  TenantSnapshot,
} from '../../src/provisioning/tenant';

const AT = new Date('2025-04-01T00:00:00Z');

export function person(personId: string, over: Partial<Person> = {}): Person {
  return {
    ...emptyAttributes(),
    personId,
    displayName: `Person ${personId}`,
    userPrincipalName: `${personId}@contoso.example`,
    onPremisesImmutableId: defaultImmutableId(personId),
    usageLocation: 'JP',
    custom: {},
    licenceProfile: null,
    groups: [],
    m365AccountId: null,
    releasedAccountIds: [],
    removed: false,
    removedAt: null,
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
}

export function directoryGroup(name: string, over: Partial<DirectoryGroup> = {}): DirectoryGroup {
  return {
    name,
    displayName: name,
    description: null,
    m365GroupId: null,
    removed: false,
    removedAt: null,
    createdAt: AT,
    updatedAt: AT,
    ...over,
  };
}

/** A tenant user as provisioning would have made it for `p` (so nothing differs). */
export function userFor(p: Person, id: string, over: Partial<GraphUser> = {}): GraphUser {
  return {
    id,
    userPrincipalName: p.userPrincipalName!,
    displayName: p.displayName,
    mailNickname: p.userPrincipalName!.split('@')[0],
    accountEnabled: true,
    onPremisesImmutableId: p.onPremisesImmutableId,
    usageLocation: p.usageLocation,
    assignedLicenses: [],
    businessPhones: [],
    otherMails: [],
    ...over,
  };
}

export function securityGroup(
  id: string,
  displayName: string,
  memberIds: string[] = [],
): GraphGroup {
  return { id, displayName, description: null, mailNickname: id, securityEnabled: true, memberIds };
}

export const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
export const E5 = 'c7df2760-2c81-4ef7-b578-5b5392b571df';
export const VISIO = 'c5928f49-12ba-48f7-ada3-0d743a3601d5';
export const YAMMER = '7547a3fe-08ee-4ccb-b430-5077c5041653';
export const SWAY = 'a23b959c-7ce8-4e57-9140-b90eb88a9e97';

export function skus(units = 100): SubscribedSku[] {
  const plans = [
    { servicePlanId: YAMMER, servicePlanName: 'YAMMER_ENTERPRISE' },
    { servicePlanId: SWAY, servicePlanName: 'SWAY' },
  ];
  return [
    {
      skuId: E3,
      skuPartNumber: 'ENTERPRISEPACK',
      prepaidEnabled: units,
      consumedUnits: 0,
      servicePlans: plans,
    },
    {
      skuId: E5,
      skuPartNumber: 'ENTERPRISEPREMIUM',
      prepaidEnabled: units,
      consumedUnits: 0,
      servicePlans: plans,
    },
    {
      skuId: VISIO,
      skuPartNumber: 'VISIOCLIENT',
      prepaidEnabled: units,
      consumedUnits: 0,
      servicePlans: [],
    },
  ];
}

export const PROFILES: LicenceProfiles = {
  標準: [{ skuPartNumber: 'ENTERPRISEPACK', skuId: null, disabledPlans: ['YAMMER_ENTERPRISE'] }],
  上位: [{ skuPartNumber: 'ENTERPRISEPREMIUM', skuId: null, disabledPlans: [] }],
  存在しない: [{ skuPartNumber: 'NOPE', skuId: null, disabledPlans: [] }],
  プラン誤り: [{ skuPartNumber: 'ENTERPRISEPACK', skuId: null, disabledPlans: ['NO_SUCH_PLAN'] }],
};

export const ALL_ON: ProvisioningSwitches = {
  accounts: true,
  licences: true,
  groups: true,
  accountRemoval: 'stop',
  groupRemoval: 'members',
  safetyLimit: 10,
};

export function planInput(
  over: Partial<Omit<PlanInput, 'tenant'>> & { tenant?: Partial<TenantSnapshot> } = {},
): PlanInput {
  return {
    people: [],
    groups: [],
    switches: ALL_ON,
    mapping: defaultMapping(),
    licenceProfiles: PROFILES,
    ...over,
    tenant: { users: [], groups: [], skus: skus(), ...over.tenant },
  };
}

export const kinds = (plan: ProvisioningPlan) => plan.operations.map((op) => op.kind);
