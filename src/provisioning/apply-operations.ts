import type { Collection, ObjectId } from 'mongodb';
import { isDaichoError, isDuplicateKeyError } from '../errors';
import { t } from '../i18n/messages';
import type { PeopleService } from '../people/people-service';
import { GraphRequestError, type DirectoryClient } from './graph-directory';
import { createUserRequest, randomPassword } from './password';
import type { AttributeChange, OperationKind, PlanOperation, ProvisioningPlan } from './plan-types';
import {
  classify,
  createdValues,
  dependencyLost,
  inPool,
  licenceText,
  orGone,
  subjectOf,
} from './apply-helpers';
import type { InitialPassword, ProvisioningLogDoc } from './provisioning-runs';

/**
 * The safe order: accounts and groups exist (created or linked) before anything refers to them,
 * attributes before licences, licences before memberships, and removals last — so a run cut
 * short never leaves a stopped account without its replacement or a member without a group.
 */
const PHASES: OperationKind[][] = [
  ['linkUser', 'createUser', 'linkGroup', 'createGroup'],
  ['updateUser', 'updateGroup'],
  ['assignLicenses'],
  ['addMember'],
  ['removeMember', 'deleteGroup', 'stopUser', 'deleteUser'],
];

/** Operations in flight at once; the client's rate limits and retries stay in charge. */
export const APPLY_CONCURRENCY = 4;
const LOG_BATCH = 200;

export interface ApplyDeps {
  directory: DirectoryClient;
  people: PeopleService;
  logs: Collection<ProvisioningLogDoc>;
  now: () => Date;
}

export interface ApplyOutcome {
  counts: { ok: number; failed: number; skipped: number };
  initialPasswords: InitialPassword[];
  /** The first failure, for the run's error when nothing succeeded. */
  firstFailure: string | null;
}

type Entry = Omit<ProvisioningLogDoc, '_id' | 'runId' | 'at' | 'subject' | 'operation'>;
type Op<K extends OperationKind> = Extract<PlanOperation, { kind: K }>;

const ok = (detail: string, changes: AttributeChange[] = []): Entry => ({
  result: 'ok',
  detail,
  changes,
  error: null,
});
const skipped = (detail: string): Entry => ({
  result: 'skipped',
  detail,
  changes: [],
  error: null,
});

/**
 * Executes a plan through the DirectoryClient, one log entry per operation. A refused operation
 * is logged and the run goes on; what depends on it (a failed create's licences and
 * memberships) is logged as skipped. Only a failure of our own database stops the run.
 */
export async function executePlan(
  plan: ProvisioningPlan,
  runId: ObjectId,
  deps: ApplyDeps,
): Promise<ApplyOutcome> {
  const { directory, people } = deps;
  const userIds = new Map<string, string>();
  const groupIds = new Map<string, string>();
  const lostUsers = new Map<string, string>();
  const lostGroups = new Map<string, string>();
  const out: ApplyOutcome = {
    counts: { ok: 0, failed: 0, skipped: 0 },
    initialPasswords: [],
    firstFailure: null,
  };
  let buffer: ProvisioningLogDoc[] = [];
  const flush = async () => {
    const batch = buffer;
    buffer = [];
    if (batch.length > 0) await deps.logs.insertMany(batch as never[], { ordered: false });
  };

  const userOf = (ref: { personId: string; userId: string | null }) =>
    ref.userId ?? userIds.get(ref.personId);
  const groupOf = (name: string, id: string | null) => id ?? groupIds.get(name);

  const handlers: { [K in OperationKind]: (op: Op<K>) => Promise<Entry> } = {
    createUser: async (op) => {
      const password = randomPassword();
      const created = await directory.createUser(createUserRequest(op, password));
      out.initialPasswords.push({
        personId: op.personId,
        userPrincipalName: created.userPrincipalName,
        password,
      });
      await recordLink(op.personId, created.id);
      return ok(`${created.userPrincipalName} → ${created.id}`, createdValues(op.body));
    },
    linkUser: async (op) => {
      await recordLink(op.personId, op.userId);
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
      const userId = userOf(op.user);
      if (!userId) return skipped('userNotCreated');
      await directory.assignLicense(
        userId,
        op.add.map((l) => ({ skuId: l.skuId, disabledPlans: l.disabledPlans })),
        op.remove.map((l) => l.skuId),
      );
      return ok(licenceText(op));
    },
    createGroup: async (op) => {
      const created = await directory.createGroup(op.body);
      await people.linkGroup(op.groupName, created.id);
      groupIds.set(op.groupName, created.id);
      return ok(`${op.body.displayName} → ${created.id}`);
    },
    linkGroup: async (op) => {
      await people.linkGroup(op.groupName, op.groupId);
      groupIds.set(op.groupName, op.groupId);
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
      const userId = userOf(op.member);
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

  /**
   * The person's account id, in one conditional write while they are not linked yet (the
   * unique index refuses an account linked to someone else); any other case goes through
   * PeopleService.link, which says exactly why it refuses (or finds it linked already).
   */
  async function recordLink(personId: string, userId: string): Promise<void> {
    const id = userId.toLowerCase();
    const linked = await people.c.people
      .updateOne(
        { personId, m365AccountId: null },
        { $set: { m365AccountId: id, updatedAt: deps.now() }, $pull: { releasedAccountIds: id } },
      )
      .then(
        (r) => r.modifiedCount === 1,
        (e: unknown) => {
          if (isDuplicateKeyError(e)) return false;
          throw e;
        },
      );
    if (!linked) await people.link(personId, id);
    userIds.set(personId, id);
  }

  async function runOne(op: PlanOperation): Promise<void> {
    const entry = await outcome(op);
    if (entry.result !== 'ok') {
      if (op.kind === 'createUser' || op.kind === 'linkUser')
        lostUsers.set(
          op.personId,
          op.kind === 'createUser' && entry.detail !== 'linkRefused'
            ? 'userNotCreated'
            : 'userNotLinked',
        );
      if (op.kind === 'createGroup' || op.kind === 'linkGroup')
        lostGroups.set(
          op.groupName,
          op.kind === 'createGroup' ? 'groupNotCreated' : 'groupNotLinked',
        );
    }
    out.counts[entry.result] += 1;
    if (entry.result === 'failed' && !out.firstFailure && entry.error)
      out.firstFailure = `${op.kind}: ${entry.error.code}: ${entry.error.message}`;
    buffer.push({
      ...entry,
      runId,
      subject: subjectOf(op),
      operation: op.kind,
      at: deps.now(),
    } as ProvisioningLogDoc);
    if (buffer.length >= LOG_BATCH) await flush();
  }

  async function outcome(op: PlanOperation): Promise<Entry> {
    const blocked = dependencyLost(op, lostUsers, lostGroups);
    if (blocked) return skipped(blocked);
    try {
      return await (handlers[op.kind] as (o: PlanOperation) => Promise<Entry>)(op);
    } catch (e) {
      if (e instanceof GraphRequestError)
        return {
          result: 'failed',
          detail: classify(e),
          changes: [],
          error: { status: e.status, code: e.code, message: e.message, requestId: e.requestId },
        };
      // Recording the link refused: the account or group is linked to someone else meanwhile.
      if (isDaichoError(e) || isDuplicateKeyError(e)) {
        const message = isDaichoError(e)
          ? t('en', e.messageKey, e.params)
          : 'already linked to another directory entry';
        const code = isDaichoError(e) ? e.code : 'DUPLICATE_LINK';
        return {
          result: 'failed',
          detail: 'linkRefused',
          changes: [],
          error: { status: 0, code, message, requestId: null },
        };
      }
      throw e;
    }
  }

  try {
    for (const kinds of PHASES) {
      const ops = plan.operations.filter((op) => kinds.includes(op.kind));
      await inPool(ops, APPLY_CONCURRENCY, runOne);
      await flush();
    }
  } finally {
    await flush().catch(() => undefined);
  }
  return out;
}
