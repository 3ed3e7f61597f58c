import {
  consumedUnits,
  type DirectoryState,
  type SimGroup,
  type SimSku,
  type SimUser,
} from './directory-model';
import type { CollectionSpec } from './directory-paging';

/**
 * The user properties the simulator models (contracts/graph/user.schema.json): every one may be
 * $selected, and the writable ones set by POST / PATCH.
 */
export const USER_PROPERTIES = [
  'id',
  'accountEnabled',
  'assignedLicenses',
  'businessPhones',
  'city',
  'companyName',
  'country',
  'createdDateTime',
  'deletedDateTime',
  'department',
  'displayName',
  'employeeId',
  'employeeOrgData',
  'employeeType',
  'faxNumber',
  'givenName',
  'jobTitle',
  'mail',
  'mailNickname',
  'mobilePhone',
  'officeLocation',
  'onPremisesExtensionAttributes',
  'onPremisesImmutableId',
  'otherMails',
  'passwordPolicies',
  'passwordProfile',
  'postalCode',
  'preferredDataLocation',
  'preferredLanguage',
  'state',
  'streetAddress',
  'surname',
  'usageLocation',
  'userPrincipalName',
  'userType',
] as const;

/** Real user properties the simulator does not model: $select accepts them and answers null. */
const OTHER_USER_PROPERTIES = [
  'aboutMe',
  'ageGroup',
  'assignedPlans',
  'birthday',
  'consentProvidedForMinor',
  'creationType',
  'employeeHireDate',
  'employeeLeaveDateTime',
  'externalUserState',
  'hireDate',
  'identities',
  'imAddresses',
  'isResourceAccount',
  'lastPasswordChangeDateTime',
  'licenseAssignmentStates',
  'onPremisesDistinguishedName',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'onPremisesUserPrincipalName',
  'preferredName',
  'provisionedPlans',
  'proxyAddresses',
  'securityIdentifier',
  'showInAddressList',
  'signInSessionsValidFromDateTime',
];

export const SELECTABLE_USER_PROPERTIES = new Set<string>([
  ...USER_PROPERTIES,
  ...OTHER_USER_PROPERTIES,
]);

/** What GET /users returns without $select (the user-get docs' default set). */
const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

export const GROUP_PROPERTIES = [
  'id',
  'createdDateTime',
  'deletedDateTime',
  'description',
  'displayName',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'securityEnabled',
  'visibility',
] as const;

export const SELECTABLE_GROUP_PROPERTIES = new Set<string>(GROUP_PROPERTIES);

const COLLECTION_PROPERTIES = new Set([
  'assignedLicenses',
  'businessPhones',
  'otherMails',
  'groupTypes',
  'imAddresses',
  'proxyAddresses',
  'identities',
  'assignedPlans',
  'provisionedPlans',
  'licenseAssignmentStates',
]);

function extensionAttributes(value: unknown): Record<string, unknown> {
  const set = (value ?? {}) as Record<string, unknown>;
  const all: Record<string, unknown> = {};
  for (let n = 1; n <= 15; n++)
    all[`extensionAttribute${n}`] = set[`extensionAttribute${n}`] ?? null;
  return all;
}

/** A property as Graph sends it: collections default to [], the password is never sent back. */
function propertyValue(entity: Record<string, unknown>, name: string): unknown {
  if (name === 'passwordProfile') return null;
  if (name === 'onPremisesExtensionAttributes') return extensionAttributes(entity[name]);
  if (COLLECTION_PROPERTIES.has(name)) return structuredClone(entity[name] ?? []);
  return structuredClone(entity[name] ?? null);
}

/** Only what was selected (Graph adds no `id` unless asked), else the default set. */
export function userView(user: SimUser, select?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of select ?? DEFAULT_USER_PROPERTIES) out[name] = propertyValue(user, name);
  return out;
}

export function groupView(group: SimGroup, select?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const stored = { ...group, isAssignableToRole: null, mail: null } as Record<string, unknown>;
  for (const name of select ?? GROUP_PROPERTIES) out[name] = propertyValue(stored, name);
  return out;
}

/** A group member as /members lists it: a directoryObject tagged with its type. */
export function memberView(
  state: DirectoryState,
  id: string,
  select?: string[],
): Record<string, unknown> {
  const user = state.users.find((u) => u.id === id);
  if (user) return { '@odata.type': '#microsoft.graph.user', ...userView(user, select ?? ['id']) };
  const group = state.groups.find((g) => g.id === id);
  const names = (select ?? ['id']).filter((name) => SELECTABLE_GROUP_PROPERTIES.has(name));
  return {
    '@odata.type': '#microsoft.graph.group',
    ...(group ? groupView(group, names) : { id }),
  };
}

export function skuView(
  state: DirectoryState,
  tenantId: string,
  sku: SimSku,
): Record<string, unknown> {
  return {
    accountName: 'daicho-sim',
    accountId: tenantId,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    consumedUnits: consumedUnits(state, sku.skuId),
    id: `${tenantId}_${sku.skuId}`,
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    subscriptionIds: [],
    prepaidUnits: { enabled: sku.prepaidUnits, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: sku.servicePlans.map((plan) => ({
      ...plan,
      provisioningStatus: 'Success',
      appliesTo: 'User',
    })),
  };
}

/** What each collection accepts in $select and $filter. */
export const USERS: CollectionSpec = {
  type: 'user',
  selectable: SELECTABLE_USER_PROPERTIES,
  filterable: new Set([
    'userPrincipalName',
    'mailNickname',
    'displayName',
    'onPremisesImmutableId',
    'accountEnabled',
    'employeeId',
    'mail',
    'usageLocation',
  ]),
};
export const GROUPS: CollectionSpec = {
  type: 'group',
  selectable: SELECTABLE_GROUP_PROPERTIES,
  filterable: new Set(['displayName', 'mailNickname', 'securityEnabled', 'mailEnabled']),
};
export const MEMBERS: CollectionSpec = {
  type: 'directoryObject',
  selectable: new Set([...SELECTABLE_USER_PROPERTIES, ...SELECTABLE_GROUP_PROPERTIES]),
  filterable: new Set(),
};
export const SKUS: CollectionSpec = {
  type: 'subscribedSku',
  selectable: new Set([
    'id',
    'skuId',
    'skuPartNumber',
    'prepaidUnits',
    'consumedUnits',
    'servicePlans',
    'appliesTo',
    'capabilityStatus',
    'accountId',
    'accountName',
    'subscriptionIds',
  ]),
  filterable: new Set(),
};
