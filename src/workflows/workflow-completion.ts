import type { Collection } from 'mongodb';
import type { Actor } from '../ledger/actor';
import { parseDate } from '../ledger/device-input';
import type { LedgerService } from '../ledger/ledger-service';
import { applyCompletion, planCompletion } from './replacement-ledger';
import { WorkflowError } from './workflow-errors';
import type {
  LeftToMdm,
  OldDeviceOutcome,
  PlannedFieldChange,
  WorkflowDoc,
} from './workflow-record';
import { deviceById, refuseUnlessOpen } from './workflow-guards';

/** What the admin chooses for the old device when completing. */
export interface CompletionChoice {
  oldDeviceStatus: string;
  /** YYYY-MM-DD, 2024/4/1 or 2024年4月1日; absent or empty leaves 廃棄日 as it is. */
  disposalDate?: string | null;
}

export interface CompletionResult {
  workflow: WorkflowDoc;
  /** Ledger fields written by this call (empty when an earlier call had written them). */
  applied: PlannedFieldChange[];
  /** Planned changes skipped because someone changed the field after the plan was made. */
  superseded: PlannedFieldChange[];
  /** Fields the MDM owns on a synced device: to be changed in the MDM, the sync brings them. */
  leftToMdm: LeftToMdm[];
}

interface CompletionDeps {
  workflows: Collection<WorkflowDoc>;
  ledger: LedgerService;
  now: () => Date;
}

/** The ledger's limit for ステータス (src/ledger/device-input.ts). */
const MAX_STATUS_LENGTH = 100;

/**
 * Completion without transactions, in three idempotent moves: (1) `open` → `completing` with the
 * ledger edits planned and stored in the workflow; (2) the stored plan applied to the ledger;
 * (3) `completing` → `completed`. A crash after (1) leaves `completing`, and calling this again
 * skips straight to (2) with the same plan, so the ledger converges on one result.
 */
export async function completeWorkflow(
  deps: CompletionDeps,
  id: string,
  choice: CompletionChoice,
  actor: Actor,
  expectedVersion?: number,
): Promise<CompletionResult> {
  let workflow = await loadWorkflow(deps.workflows, id);
  if (workflow.status === 'completed') {
    // A second click on "complete" (or a retry whose first try got through): nothing to do.
    return {
      workflow,
      applied: [],
      superseded: [],
      leftToMdm: workflow.completion?.leftToMdm ?? [],
    };
  }
  if (workflow.status !== 'completing') {
    // Open, or abandoned (refused there with the reason).
    workflow = await beginCompletion(deps, workflow, choice, actor, expectedVersion);
  }
  const plan = workflow.completion;
  if (!plan) throw new Error(`workflow ${id} is completing without a completion plan`);
  const { applied, superseded } = await applyCompletion(deps.ledger, plan);
  const now = deps.now();
  const finished = await deps.workflows.findOneAndUpdate(
    { _id: id, status: 'completing' },
    {
      $set: { status: 'completed', completedBy: plan.by, completedAt: now, updatedAt: now },
      $unset: { activeFor: '' },
      $inc: { version: 1 },
    },
    { returnDocument: 'after' },
  );
  // Null when a concurrent retry marked it first; its result is the same workflow.
  return {
    workflow: finished ?? (await loadWorkflow(deps.workflows, id)),
    applied,
    superseded,
    leftToMdm: plan.leftToMdm,
  };
}

async function beginCompletion(
  deps: CompletionDeps,
  workflow: WorkflowDoc,
  choice: CompletionChoice,
  actor: Actor,
  expectedVersion: number | undefined,
): Promise<WorkflowDoc> {
  refuseUnlessOpen(workflow, undefined, expectedVersion);
  const outcome = parseOutcome(choice);
  const notDone = workflow.steps.filter((s) => s.required && !s.done);
  if (notDone.length > 0) {
    const positions = notDone.map((s) => workflow.steps.indexOf(s) + 1);
    throw new WorkflowError(
      'STEPS_NOT_DONE',
      { workflowId: workflow._id, steps: positions.join(', '), count: notDone.length },
      { workflowId: workflow._id, stepIds: notDone.map((s) => s.id) },
    );
  }
  if (!workflow.newDeviceId) {
    throw new WorkflowError('NEW_DEVICE_MISSING', { workflowId: workflow._id });
  }
  const oldDevice = await deviceById(deps.ledger, workflow.oldDeviceId, workflow.oldDevice);
  const newDevice = await deviceById(deps.ledger, workflow.newDeviceId, workflow.newDevice ?? '');
  const procured = oldDevice.procurementDate;
  if (outcome.disposalDate && procured && outcome.disposalDate < procured) {
    throw new WorkflowError('DISPOSAL_BEFORE_PROCUREMENT', {
      assetNumber: oldDevice.assetNumber,
      procurementDate: procured,
      disposalDate: outcome.disposalDate,
    });
  }
  const now = deps.now();
  const completion = planCompletion(oldDevice, newDevice, outcome, now, actor);
  const claimed = await deps.workflows.findOneAndUpdate(
    { _id: workflow._id, status: 'open', version: workflow.version },
    {
      $set: {
        status: 'completing',
        outcome,
        completion,
        // The names as they are now: an asset number may have been renamed since the start.
        oldDevice: oldDevice.assetNumber,
        newDevice: newDevice.assetNumber,
        updatedAt: now,
        reminderSentAt: null,
      },
      $inc: { version: 1 },
    },
    { returnDocument: 'after' },
  );
  if (claimed) return claimed;
  // Someone ticked (or completed) in between: decide again on what is there now.
  const current = await loadWorkflow(deps.workflows, workflow._id);
  if (current.status === 'completing' || current.status === 'completed') return current;
  return beginCompletion(deps, current, choice, actor, expectedVersion);
}

/** Validates the admin's choice for the old device; the refusal says which value is wrong. */
export function parseOutcome(choice: CompletionChoice): OldDeviceOutcome {
  const status = (choice.oldDeviceStatus ?? '').trim();
  if (status === '') throw new WorkflowError('STATUS_MISSING');
  if (status.length > MAX_STATUS_LENGTH) {
    throw new WorkflowError('STATUS_TOO_LONG', { max: MAX_STATUS_LENGTH });
  }
  const rawDate = (choice.disposalDate ?? '').trim();
  if (rawDate === '') return { status, disposalDate: null };
  const disposalDate = parseDate(rawDate);
  if (!disposalDate) throw new WorkflowError('BAD_DISPOSAL_DATE', { value: rawDate });
  return { status, disposalDate };
}

/** The workflow `id`, or NOT_FOUND. */
export async function loadWorkflow(
  workflows: Collection<WorkflowDoc>,
  id: string,
): Promise<WorkflowDoc> {
  const doc = await workflows.findOne({ _id: id });
  if (!doc) throw new WorkflowError('NOT_FOUND', { id });
  return doc;
}
