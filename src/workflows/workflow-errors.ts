import { DaichoError, type ErrorCode, type MessageParams } from '../errors';
import type { MessageKey } from '../i18n/messages';

/**
 * Why the workflow service refused something. Each reason has its own i18n key
 * (`workflow.<reason in camelCase>`), so the bot answers in the admin's language and a test or a
 * handler can branch on `reason` without parsing text.
 */
export const WORKFLOW_REFUSALS = {
  UNKNOWN_CHECKLIST: { code: 'NOT_FOUND', key: 'workflow.unknownChecklist' },
  NOT_FOUND: { code: 'NOT_FOUND', key: 'workflow.notFound' },
  ALREADY_OPEN: { code: 'INVALID_INPUT', key: 'workflow.alreadyOpen' },
  UNKNOWN_STEP: { code: 'NOT_FOUND', key: 'workflow.unknownStep' },
  STALE_VERSION: { code: 'INVALID_INPUT', key: 'workflow.staleVersion' },
  ALREADY_COMPLETED: { code: 'INVALID_INPUT', key: 'workflow.alreadyCompleted' },
  ALREADY_ABANDONED: { code: 'INVALID_INPUT', key: 'workflow.alreadyAbandoned' },
  STEPS_NOT_DONE: { code: 'INVALID_INPUT', key: 'workflow.stepsNotDone' },
  NEW_DEVICE_MISSING: { code: 'INVALID_INPUT', key: 'workflow.newDeviceMissing' },
  SAME_DEVICE: { code: 'INVALID_INPUT', key: 'workflow.sameDevice' },
  STATUS_MISSING: { code: 'INVALID_INPUT', key: 'workflow.statusMissing' },
  STATUS_TOO_LONG: { code: 'INVALID_INPUT', key: 'workflow.statusTooLong' },
  BAD_DISPOSAL_DATE: { code: 'INVALID_INPUT', key: 'workflow.badDisposalDate' },
  DISPOSAL_BEFORE_PROCUREMENT: {
    code: 'INVALID_INPUT',
    key: 'workflow.disposalBeforeProcurement',
  },
  COMPLETING: { code: 'INVALID_INPUT', key: 'workflow.completing' },
} as const satisfies Record<string, { code: ErrorCode; key: MessageKey }>;

export type WorkflowRefusal = keyof typeof WORKFLOW_REFUSALS;

/** A DaichoError, so every existing handler already shows it as a localized sentence. */
export class WorkflowError extends DaichoError {
  constructor(
    readonly reason: WorkflowRefusal,
    params: MessageParams = {},
    /** Extra data for a card (e.g. the ids of the steps still to do), not for the sentence. */
    readonly details: { stepIds?: string[]; workflowId?: string } = {},
  ) {
    super(WORKFLOW_REFUSALS[reason].code, WORKFLOW_REFUSALS[reason].key, params);
    this.name = 'WorkflowError';
  }
}

export function isWorkflowError(e: unknown, reason?: WorkflowRefusal): e is WorkflowError {
  return e instanceof WorkflowError && (reason === undefined || e.reason === reason);
}
