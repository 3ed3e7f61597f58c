import type { Person, DirectoryGroup } from '../people/person';
import type { LicenceProfiles } from './licence-profiles';
import type { AttributeMapping } from './mapping';
import type { TenantSnapshot } from './tenant';

/** What the planner needs; nothing else is read, nothing is written. */
export interface PlanInput {
  people: Person[];
  groups: DirectoryGroup[];
  switches: ProvisioningSwitches;
  mapping: AttributeMapping;
  licenceProfiles: LicenceProfiles;
  tenant: TenantSnapshot;
}

export interface ProvisioningSwitches {
  accounts: boolean;
  licences: boolean;
  groups: boolean;
  accountRemoval: 'stop' | 'delete';
  groupRemoval: 'members' | 'delete';
  /** More stops + deletes than this → the plan needs an admin's approval. */
  safetyLimit: number;
}

/** A mapped user property's value: text, several texts (otherMails, businessPhones) or nothing. */
export type UserValue = string | string[] | null;

export interface AttributeChange {
  /** The Graph property, complex ones dotted (`employeeOrgData.division`). */
  property: string;
  old: UserValue;
  new: UserValue;
}

/** A user Daicho will create in this run: its id is known only once the applier created it. */
export interface UserRef {
  personId: string;
  /** The Microsoft 365 user id; null while the user is still to be created in this plan. */
  userId: string | null;
}

export interface LicenceToAdd {
  skuId: string;
  skuPartNumber: string;
  disabledPlans: string[];
}

export interface LicenceToRemove {
  skuId: string;
  skuPartNumber: string | null;
}

/** stopUser (accountEnabled: false) or deleteUser, by PROVISION_ACCOUNT_REMOVAL. */
export interface AccountRemoval {
  personId: string;
  userId: string;
  userPrincipalName: string;
  /** Why: the person was removed from the directory, or the account was unlinked. */
  reason: 'removed' | 'unlinked';
}

export type PlanOperation =
  | {
      kind: 'createUser';
      personId: string;
      userPrincipalName: string;
      /** The POST /users body without the password: see createUserRequest (password.ts). */
      body: Record<string, unknown>;
    }
  /** A person not linked yet whose userPrincipalName found a user: Daicho records the link. */
  | { kind: 'linkUser'; personId: string; userId: string; userPrincipalName: string }
  | {
      kind: 'updateUser';
      personId: string;
      userId: string;
      changes: AttributeChange[];
      /** The PATCH body (complex properties carry every mapped sub-property). */
      body: Record<string, unknown>;
    }
  | ({ kind: 'stopUser' } & AccountRemoval)
  | ({ kind: 'deleteUser' } & AccountRemoval)
  | {
      kind: 'assignLicenses';
      personId: string;
      user: UserRef;
      add: LicenceToAdd[];
      remove: LicenceToRemove[];
    }
  | {
      kind: 'createGroup';
      groupName: string;
      body: {
        displayName: string;
        description: string | null;
        mailNickname: string;
        securityEnabled: true;
        mailEnabled: false;
      };
    }
  | { kind: 'linkGroup'; groupName: string; groupId: string }
  | {
      kind: 'updateGroup';
      groupName: string;
      groupId: string;
      changes: {
        property: 'displayName' | 'description';
        old: string | null;
        new: string | null;
      }[];
      body: Record<string, string | null>;
    }
  | { kind: 'deleteGroup'; groupName: string; groupId: string }
  | {
      kind: 'addMember';
      groupName: string;
      /** null while the group is still to be created in this plan. */
      groupId: string | null;
      member: UserRef;
    }
  | {
      kind: 'removeMember';
      groupName: string;
      groupId: string;
      memberId: string;
      /** The directory person of that member, when there is one. */
      personId: string | null;
      reason: 'notInDirectoryGroup' | 'groupRemoved';
    };

export type OperationKind = PlanOperation['kind'];

export const OPERATION_KINDS: readonly OperationKind[] = [
  'createUser',
  'linkUser',
  'updateUser',
  'stopUser',
  'deleteUser',
  'assignLicenses',
  'createGroup',
  'linkGroup',
  'updateGroup',
  'deleteGroup',
  'addMember',
  'removeMember',
];

export type ProblemCode =
  | 'missingRequired'
  | 'singleBusinessPhone'
  | 'duplicateUserPrincipalName'
  | 'linkedAccountMissing'
  | 'accountLinkedToOther'
  | 'accountUnlinked'
  | 'unknownLicenceProfile'
  | 'unknownSku'
  | 'unknownServicePlan'
  | 'licencesExhausted'
  | 'noUsageLocation'
  | 'linkedGroupMissing'
  | 'ambiguousGroup';

/** Why one person or group is left out (wholly or in part); never thrown, listed in the plan. */
export interface PlanProblem {
  subject: { kind: 'person'; personId: string } | { kind: 'group'; groupName: string };
  code: ProblemCode;
  /** For the message (i18n key `provision.problem.<code>`). */
  params: Record<string, string | number>;
}

export interface ProvisioningPlan {
  operations: PlanOperation[];
  problems: PlanProblem[];
  summary: Record<OperationKind, number> & { problems: number };
  /** Stops + deletes of accounts in this plan. */
  removals: number;
  safetyLimit: number;
  /** More removals than the safety limit: apply only after an admin approved. */
  needsApproval: boolean;
}
