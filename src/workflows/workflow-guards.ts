import type { ObjectId } from 'mongodb';
import { DaichoError } from '../errors';
import type { DeviceDoc, LedgerService } from '../ledger/ledger-service';
import { WorkflowError } from './workflow-errors';
import type { WorkflowDoc } from './workflow-record';

/** The refusals every change of an open workflow shares, in the order a person needs them. */
export function refuseUnlessOpen(
  workflow: WorkflowDoc,
  stepId: string | undefined,
  expectedVersion: number | undefined,
): void {
  const workflowId = workflow._id;
  if (workflow.status === 'completing') throw new WorkflowError('COMPLETING', { workflowId });
  if (workflow.status === 'completed') {
    throw new WorkflowError('ALREADY_COMPLETED', {
      workflowId,
      by: workflow.completedBy ?? '',
      at: workflow.completedAt?.toISOString() ?? '',
    });
  }
  if (workflow.status === 'abandoned') {
    throw new WorkflowError('ALREADY_ABANDONED', {
      workflowId,
      by: workflow.abandonedBy ?? '',
      at: workflow.abandonedAt?.toISOString() ?? '',
    });
  }
  if (stepId !== undefined && !workflow.steps.some((s) => s.id === stepId)) {
    throw new WorkflowError('UNKNOWN_STEP', { stepId, workflowId });
  }
  if (expectedVersion !== undefined && workflow.version !== expectedVersion) {
    throw new WorkflowError('STALE_VERSION', {
      workflowId,
      expected: expectedVersion,
      current: workflow.version,
    });
  }
}

/** A device the workflow refers to, by id so a renamed asset number still resolves. */
export async function deviceById(
  ledger: LedgerService,
  deviceId: ObjectId,
  assetNumber: string,
): Promise<DeviceDoc> {
  const device = await ledger.findById(deviceId);
  // Deleted (or merged away) since the start: the workflow stays open so it can be abandoned.
  if (!device) throw new DaichoError('NOT_FOUND', 'device.notFound', { id: assetNumber });
  return device;
}
