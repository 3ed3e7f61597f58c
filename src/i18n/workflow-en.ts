import type { CatalogPart } from './catalog';

/** English: the device-replacement workflows (seed 004). Spread into en.ts. */
export const workflowEn = {
  // Device-replacement workflows (src/workflows).
  'workflow.unknownChecklist': 'There is no checklist "{checklistId}". Choose one of {known}.',
  'workflow.notFound': 'No workflow "{id}".',
  'workflow.alreadyOpen':
    'Device "{assetNumber}" already has a replacement workflow in progress: {workflowId} (started by {startedBy} at {startedAt}). Continue that one, or abandon it first.',
  'workflow.unknownStep': 'Workflow {workflowId} has no step "{stepId}".',
  'workflow.staleVersion':
    'Someone else updated workflow {workflowId} (you see version {expected}, the latest is {current}). Show the latest and try again.',
  'workflow.alreadyCompleted':
    'Workflow {workflowId} was completed by {by} at {at}; it cannot be changed.',
  'workflow.alreadyAbandoned':
    'Workflow {workflowId} was abandoned by {by} at {at}; it cannot be changed.',
  'workflow.stepsNotDone':
    'Workflow {workflowId} has {count, plural, one {# required step} other {# required steps}} not done (steps {steps}). Finish them, then complete it. Nothing in the ledger was changed.',
  'workflow.newDeviceMissing':
    "Workflow {workflowId} has no new device yet. Give the new device's asset number, then complete it.",
  'workflow.sameDevice': 'The new device cannot be the old device itself ("{assetNumber}").',
  'workflow.statusMissing':
    'Choose the status of the old device (e.g. disposed, in repair, spare).',
  'workflow.statusTooLong':
    "The old device's status must be at most {max, plural, one {# character} other {# characters}}.",
  'workflow.badDisposalDate': 'The disposal date "{value}" is not a valid date (YYYY-MM-DD).',
  'workflow.disposalBeforeProcurement':
    'The disposal date of "{assetNumber}" ({disposalDate}) is before its procurement date ({procurementDate}).',
  'workflow.completing':
    'Workflow {workflowId} is part-way through completing. Complete it again to finish with the same choices.',
} satisfies CatalogPart;
