import type { PeopleService } from '../people/people-service';
import { GraphRequestError, type DirectoryClient } from './graph-directory';
import { createUserRequest, randomPassword } from './password';
import type { AttributeChange, OperationKind, PlanOperation } from './plan-types';
import { createdValues, licenceText, orGone } from './apply-helpers';
import type { InitialPassword, ProvisioningLogDoc } from './provisioning-runs';

/** One operation's log entry before the run, subject and time are added. */
export type Entry = Omit<ProvisioningLogDoc, '_id' | 'runId' | 'at' | 'subject' | 'operation'>;
type Op<K extends OperationKind> = Extract<PlanOperation, { kind: K }>;
type HandlersOf<K extends OperationKind> = { [Kind in K]: (op: Op<Kind>) => Promise<Entry> };
export type Handlers = HandlersOf<OperationKind>;

/** What the operation handlers use: the tenant, the people directory and the clock. */
export interface HandlerDeps {
  directory: DirectoryClient;
  people: PeopleService;
  now: () => Date;
}

/**
 * What the handlers of one run share: the account and group ids created or linked in an early
 * phase, which later phases (licences, memberships) refer to.
 */
export interface RunIds {
  userIds: Map<string, string>;
  groupIds: Map<string, string>;
}

export const ok = (detail: string, changes: AttributeChange[] = []): Entry => ({
  result: 'ok',
  detail,
  changes,
  error: null,
});
export const skipped = (detail: string): Entry => ({
  result: 'skipped',
  detail,
  changes: [],
  error: null,
});

/** One handler per kind of operation; new passwords are collected in `initialPasswords`. */
export function operationHandlers(
  deps: HandlerDeps,
  ids: RunIds,
  initialPasswords: InitialPassword[],
): Handlers {
  return { ...userHandlers(deps, ids, initialPasswords), ...groupHandlers(deps, ids) };
}

const userOf = (ids: RunIds, ref: { personId: string; userId: string | null }) =>
  ref.userId ?? ids.userIds.get(ref.personId);

function userHandlers(
  deps: HandlerDeps,
  ids: RunIds,
  initialPasswords: InitialPassword[],
): HandlersOf<
  'createUser' | 'linkUser' | 'updateUser' | 'stopUser' | 'deleteUser' | 'assignLicenses'
> {
  const { directory, people } = deps;
  return {
    createUser: async (op) => {
      const password = randomPassword();
      const created = await directory.createUser(createUserRequest(op, password));
      initialPasswords.push({
        personId: op.personId,
        userPrincipalName: created.userPrincipalName,
        password,
      });
      await recordLink(deps, ids, op.personId, created.id);
      return ok(`${created.userPrincipalName} → ${created.id}`, createdValues(op.body));
    },
    linkUser: async (op) => {
      await recordLink(deps, ids, op.personId, op.userId);
      return ok(`${op.userPrincipalName} → ${op.userId}`);
    },
    updateUser: async (op) => {
      await directory.updateUser(op.userId, op.body);
      return ok(op.userId, op.changes);
    },
    stopUser: async (op) => {
      const gone = await orGone(directory.updateUser(op.userId, { accountEnabled: false }));
      return ok(`${op.userPrincipalName} (${op.userId}) ${gone ? 'gone' : 'stopped'}`, [
        { property: 'accountEnabled', old: 'true', new: 'false' },
      ]);
    },
    deleteUser: async (op) => {
      const gone = await orGone(directory.deleteUser(op.userId));
      // Deleted: the unlinked account id is not pending any more (a stopped one stays, so
      // its person is not matched to it by userPrincipalName again).
      if (op.reason === 'unlinked') await people.forgetReleasedAccount(op.personId, op.userId);
      return ok(`${op.userPrincipalName} (${op.userId}) ${gone ? 'gone' : 'deleted'}`);
    },
    assignLicenses: async (op) => {
      const userId = userOf(ids, op.user);
      if (!userId) return skipped('userNotCreated');
      await directory.assignLicense(
        userId,
        op.add.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans })),
        op.remove.map((l) => l.skuId),
      );
      return ok(licenceText(op));
    },
  };
}

function groupHandlers(
  deps: HandlerDeps,
  ids: RunIds,
): HandlersOf<
  'createGroup' | 'linkGroup' | 'updateGroup' | 'deleteGroup' | 'addMember' | 'removeMember'
> {
  const { directory, people } = deps;
  const groupOf = (name: string, id: string | null) => id ?? ids.groupIds.get(name);
  return {
    createGroup: async (op) => {
      const created = await directory.createGroup(op.body);
      await people.linkGroup(op.groupName, created.id);
      ids.groupIds.set(op.groupName, created.id);
      return ok(`${op.body.displayName} → ${created.id}`);
    },
    linkGroup: async (op) => {
      await people.linkGroup(op.groupName, op.groupId);
      ids.groupIds.set(op.groupName, op.groupId);
      return ok(`→ ${op.groupId}`);
    },
    updateGroup: async (op) => {
      await directory.updateGroup(op.groupId, op.body);
      return ok(op.groupId, op.changes);
    },
    deleteGroup: async (op) => {
      const gone = await orGone(directory.deleteGroup(op.groupId));
      return ok(`${op.groupId} ${gone ? 'gone' : 'deleted'}`);
    },
    addMember: async (op) => {
      const groupId = groupOf(op.groupName, op.groupId);
      const userId = userOf(ids, op.member);
      if (!groupId) return skipped('groupNotCreated');
      if (!userId) return skipped('userNotCreated');
      await directory.addMember(groupId, userId).catch((e: unknown) => {
        // Already a member (added by hand since the plan): the plan's aim holds.
        if (!(e instanceof GraphRequestError && /already exist/i.test(e.message))) throw e;
      });
      return ok(`${op.groupName} (${groupId}) ← ${userId}`);
    },
    removeMember: async (op) => {
      await orGone(directory.removeMember(op.groupId, op.memberId));
      return ok(`${op.groupName} (${op.groupId}) − ${op.memberId} (${op.reason})`);
    },
  };
}

/**
 * The person's account id, in one conditional write while they are not linked yet (the
 * unique index refuses an account linked to someone else); any other case goes through
 * PeopleService.link, which says exactly why it refuses (or finds it linked already).
 */
async function recordLink(
  deps: HandlerDeps,
  ids: RunIds,
  personId: string,
  userId: string,
): Promise<void> {
  const { people } = deps;
  const id = userId.toLowerCase();
  const linked = await people.linkIfUnlinked(personId, id, deps.now());
  if (!linked) await people.link(personId, id);
  ids.userIds.set(personId, id);
}
