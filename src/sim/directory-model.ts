import { randomUUID } from 'node:crypto';

/** A licence on a user, as `assignedLicenses` holds it. */
export interface SimAssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

/** A user as the simulated tenant stores it: Graph property names, absent = never set. */
export interface SimUser {
  id: string;
  userPrincipalName: string;
  createdDateTime: string;
  assignedLicenses: SimAssignedLicense[];
  [property: string]: unknown;
}

export interface SimGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  visibility: string | null;
  createdDateTime: string;
  /** Users (or groups) in the group, in the order they were added. */
  memberIds: string[];
}

export interface SimServicePlan {
  servicePlanId: string;
  servicePlanName: string;
}

export interface SimSku {
  skuId: string;
  skuPartNumber: string;
  /** prepaidUnits.enabled: how many users may hold the licence. */
  prepaidUnits: number;
  servicePlans: SimServicePlan[];
}

/** One change the tenant accepted (a dry run must leave this empty). */
export interface DirectoryWrite {
  at: number;
  requestId: string;
  operation: string;
  method: string;
  path: string;
}

/** The simulated Entra ID directory: tests read and change it while the simulator runs. */
export interface DirectoryState {
  users: SimUser[];
  groups: SimGroup[];
  skus: SimSku[];
  writes: DirectoryWrite[];
  /** Page size without $top (Graph: 100); $top may ask for up to 999. */
  pageSize: number;
  /** When set, a userPrincipalName must end in one of these domains. */
  verifiedDomains: string[] | undefined;
}

export type SimUserSeed = Partial<SimUser> & { userPrincipalName: string };
export type SimGroupSeed = Partial<SimGroup> & { displayName: string; mailNickname: string };

export interface DirectorySeed {
  users?: SimUserSeed[];
  groups?: SimGroupSeed[];
  /** Default: DEMO_SKUS. Pass [] for a tenant without licences. */
  skus?: SimSku[];
  pageSize?: number;
  verifiedDomains?: string[];
}

/** Real SKU and service plan ids (Office 365 E3 / E1), so a demo reads like a real tenant. */
export const DEMO_SKUS: SimSku[] = [
  {
    skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
    skuPartNumber: 'ENTERPRISEPACK',
    prepaidUnits: 50,
    servicePlans: [
      {
        servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
        servicePlanName: 'EXCHANGE_S_ENTERPRISE',
      },
      {
        servicePlanId: '5dbe027f-2339-4123-9542-606e4d348a72',
        servicePlanName: 'SHAREPOINTENTERPRISE',
      },
      { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1' },
      {
        servicePlanId: '43de0ff5-c92c-492b-9116-175376d08c38',
        servicePlanName: 'OFFICESUBSCRIPTION',
      },
      { servicePlanId: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c', servicePlanName: 'MCOSTANDARD' },
    ],
  },
  {
    skuId: '18181a46-0d4e-45cd-891e-60aabd171b4e',
    skuPartNumber: 'STANDARDPACK',
    prepaidUnits: 20,
    servicePlans: [
      { servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929', servicePlanName: 'TEAMS1' },
      { servicePlanId: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c', servicePlanName: 'MCOSTANDARD' },
    ],
  },
];

export function newDirectoryState(seed: DirectorySeed = {}): DirectoryState {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    users: (seed.users ?? []).map((user) => ({
      ...user,
      id: user.id ?? randomUUID(),
      createdDateTime: user.createdDateTime ?? now,
      assignedLicenses: user.assignedLicenses ?? [],
    })),
    groups: (seed.groups ?? []).map((group) => ({
      id: group.id ?? randomUUID(),
      description: null,
      mailEnabled: false,
      securityEnabled: true,
      groupTypes: [],
      visibility: null,
      createdDateTime: now,
      memberIds: [],
      ...group,
    })),
    // Lower case, as Graph writes GUIDs; assignLicense compares ids in lower case.
    skus: structuredClone(seed.skus ?? DEMO_SKUS).map((sku) => ({
      ...sku,
      skuId: sku.skuId.toLowerCase(),
    })),
    writes: [],
    pageSize: seed.pageSize ?? 100,
    verifiedDomains: seed.verifiedDomains,
  };
}

/** By object id, or by userPrincipalName (case-insensitive), as /users/{id|upn} accepts. */
export function findUser(state: DirectoryState, key: string): SimUser | undefined {
  const lower = key.toLowerCase();
  return state.users.find((u) => u.id === key || u.userPrincipalName.toLowerCase() === lower);
}

export function findGroup(state: DirectoryState, id: string): SimGroup | undefined {
  return state.groups.find((g) => g.id === id);
}

/** consumedUnits is derived from the users, so it can never drift from the assignments. */
export function consumedUnits(state: DirectoryState, skuId: string): number {
  return state.users.filter((u) => u.assignedLicenses.some((l) => l.skuId === skuId)).length;
}

export function isoNow(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}
