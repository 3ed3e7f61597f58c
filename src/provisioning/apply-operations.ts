import type { ObjectId } from 'mongodb';
import { isDaichoError, isDuplicateKeyError } from '../errors';
import { t } from '../i18n/messages';
import { GraphRequestError } from './graph-directory';
import type { OperationKind, PlanOperation, ProvisioningPlan } from './plan-types';
import { classify, dependencyLost, inPool, subjectOf } from './apply-helpers';
import {
  operationHandlers,
  skipped,
  type Entry,
  type HandlerDeps,
  type Handlers,
  type RunIds,
} from './apply-handlers';
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

export interface ApplyDeps extends HandlerDeps {
  /** Where the per-object log entries go (the run store). */
  logs: { appendLog(entries: ProvisioningLogDoc[]): Promise<void> };
}

export interface ApplyOutcome {
  counts: { ok: number; failed: number; skipped: number };
  initialPasswords: InitialPassword[];
  /** The first failure, for the run's error when nothing succeeded. */
  firstFailure: string | null;
}

/** What failed earlier in this run, by person and by group, with the reason to skip on. */
interface LostDependencies {
  users: Map<string, string>;
  groups: Map<string, string>;
}

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
  const ids: RunIds = { userIds: new Map(), groupIds: new Map() };
  const lost: LostDependencies = { users: new Map(), groups: new Map() };
  const out: ApplyOutcome = {
    counts: { ok: 0, failed: 0, skipped: 0 },
    initialPasswords: [],
    firstFailure: null,
  };
  const handlers = operationHandlers(deps, ids, out.initialPasswords);
  const log = createLogBuffer(deps.logs);

  const runOne = async (op: PlanOperation): Promise<void> => {
    const entry = await outcome(op, handlers, lost);
    if (entry.result !== 'ok') recordLoss(op, entry, lost);
    out.counts[entry.result] += 1;
    if (entry.result === 'failed' && !out.firstFailure && entry.error)
      out.firstFailure = `${op.kind}: ${entry.error.code}: ${entry.error.message}`;
    await log.push({
      ...entry,
      runId,
      subject: subjectOf(op),
      operation: op.kind,
      at: deps.now(),
    } as ProvisioningLogDoc);
  };

  try {
    for (const kinds of PHASES) {
      const ops = plan.operations.filter((op) => kinds.includes(op.kind));
      await inPool(ops, APPLY_CONCURRENCY, runOne);
      await log.flush();
    }
  } finally {
    await log.flush().catch(() => undefined);
  }
  return out;
}

/** Log entries written in batches of LOG_BATCH, and at the end of each phase. */
function createLogBuffer(logs: ApplyDeps['logs']) {
  let buffer: ProvisioningLogDoc[] = [];
  const flush = async () => {
    const batch = buffer;
    buffer = [];
    if (batch.length > 0) await logs.appendLog(batch);
  };
  return {
    flush,
    async push(doc: ProvisioningLogDoc): Promise<void> {
      buffer.push(doc);
      if (buffer.length >= LOG_BATCH) await flush();
    },
  };
}

/** A create or link that did not succeed: what refers to its account or group is skipped. */
function recordLoss(op: PlanOperation, entry: Entry, lost: LostDependencies): void {
  if (op.kind === 'createUser' || op.kind === 'linkUser')
    lost.users.set(
      op.personId,
      op.kind === 'createUser' && entry.detail !== 'linkRefused'
        ? 'userNotCreated'
        : 'userNotLinked',
    );
  if (op.kind === 'createGroup' || op.kind === 'linkGroup')
    lost.groups.set(op.groupName, op.kind === 'createGroup' ? 'groupNotCreated' : 'groupNotLinked');
}

async function outcome(
  op: PlanOperation,
  handlers: Handlers,
  lost: LostDependencies,
): Promise<Entry> {
  const blocked = dependencyLost(op, lost.users, lost.groups);
  if (blocked) return skipped(blocked);
  try {
    return await (handlers[op.kind] as (o: PlanOperation) => Promise<Entry>)(op);
  } catch (e) {
    return failedEntry(e);
  }
}

/** A refusal as a failed entry; anything else (our own database) is thrown on. */
function failedEntry(e: unknown): Entry {
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
