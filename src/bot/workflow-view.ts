import type { Collections } from '../db/collections';
import type { Locale } from '../i18n/messages';
import type { WorkflowDoc } from '../workflows/workflow-record';
import type { WorkflowService } from '../workflows/workflow-service';
import { renderCard, type AdaptiveCard } from '../cards/render';
import { workflowCardData, type WorkflowCardOptions } from '../cards/workflow';

/** What rendering a workflow card needs: the checklists and the devices as the ledger has them. */
export interface WorkflowViewDeps {
  c: Pick<Collections, 'devices'>;
  workflows: Pick<WorkflowService, 'checklists'>;
}

/** The workflow card, read fresh: the devices by id, so a renamed asset number still shows. */
export async function workflowCard(
  deps: WorkflowViewDeps,
  workflow: WorkflowDoc,
  locale: Locale,
  options: WorkflowCardOptions,
): Promise<AdaptiveCard> {
  const [oldDevice, newDevice] = await Promise.all([
    deps.c.devices.findOne({ _id: workflow.oldDeviceId }),
    workflow.newDeviceId ? deps.c.devices.findOne({ _id: workflow.newDeviceId }) : null,
  ]);
  const checklist = deps.workflows.checklists.get(workflow.checklistId);
  return renderCard(
    'workflow',
    workflowCardData({ workflow, checklist, oldDevice, newDevice }, locale, options),
  );
}
