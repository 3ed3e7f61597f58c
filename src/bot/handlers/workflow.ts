import { z } from 'zod';
import { OLD_DEVICE_OUTCOMES } from '../../workflows/replacement-choices';
import {
  WORKFLOW_ABANDON,
  WORKFLOW_COMPLETE,
  WORKFLOW_NEW_DEVICE,
  WORKFLOW_TICK,
  WORKFLOW_VIEW,
} from '../../cards/workflow-payloads';
import type { PlannedFieldChange, WorkflowDoc } from '../../workflows/workflow-record';
import { VERBS, type Verb } from '../../cards/verbs';
import type { ActionRoute } from '../routes';
import { actor, type BotTurn } from '../turn';
import {
  failureAnswer,
  trackTurn,
  updateOtherCopies,
  viewerCard,
  workflowAction,
  type WorkflowBotDeps,
} from '../workflow-turn';

interface Changed {
  workflow: WorkflowDoc;
  superseded?: PlannedFieldChange[];
}

/*
 * The workflow card's buttons. Every change re-checks the role and the payload, passes the
 * card's version so a stale card is refused (and answered with the fresh card), then answers
 * with the new card for everyone who sees the message and updates the other copies. Viewing
 * (the card's refresh and "show latest") is open to everyone, read-only for non-admins.
 */

export const workflowTickAction = changeRoute(
  VERBS.workflowTick,
  WORKFLOW_TICK,
  async (d, turn, v) => ({
    workflow: await d.workflows.tick(v.workflowId, v.stepId, v.done, actor(turn), v.version),
  }),
);

export const workflowNewDeviceAction = changeRoute(
  VERBS.workflowNewDevice,
  WORKFLOW_NEW_DEVICE,
  async (d, turn, v) => ({
    workflow: await d.workflows.setNewDevice(
      v.workflowId,
      v.newAssetNumber.trim(),
      actor(turn),
      v.version,
    ),
  }),
);

export const workflowCompleteAction = changeRoute(
  VERBS.workflowComplete,
  WORKFLOW_COMPLETE,
  async (d, turn, v) => {
    const result = await d.workflows.complete(
      v.workflowId,
      { oldDeviceStatus: OLD_DEVICE_OUTCOMES[v.oldDeviceStatus], disposalDate: v.disposalDate },
      actor(turn),
      v.version,
    );
    return { workflow: result.workflow, superseded: result.superseded };
  },
);

export const workflowAbandonAction = changeRoute(
  VERBS.workflowAbandon,
  WORKFLOW_ABANDON,
  async (d, turn, v) => ({
    workflow: await d.workflows.abandon(v.workflowId, actor(turn), v.version),
  }),
);

export const workflowRefreshAction = workflowAction({
  verb: VERBS.workflowRefresh,
  schema: WORKFLOW_VIEW,
  role: 'anyone',
  async handle(turn, payload, deps) {
    try {
      const workflow = await deps.workflows.get(payload.workflowId);
      // This viewer's own view: it must not replace the message for the others.
      return await turn.answerPresserOnly(await viewerCard(deps, turn, workflow));
    } catch (e) {
      return failureAnswer(deps, turn, e);
    }
  },
});

/** A change to a workflow: admins only, answered with the new card; the other copies follow. */
function changeRoute<S extends z.ZodType<{ workflowId: string }>>(
  verb: Verb,
  schema: S,
  run: (deps: WorkflowBotDeps, turn: BotTurn, value: z.output<S>) => Promise<Changed>,
): ActionRoute<S> {
  return workflowAction({
    verb,
    schema,
    role: 'admin',
    async handle(turn, payload, deps) {
      const id = payload.workflowId;
      try {
        const { superseded } = await run(deps, turn, payload);
        await trackTurn(deps, turn, id, { acted: true, copyActivityId: turn.replyToId });
        updateOtherCopies(deps, turn, id);
        // Read again: the card names who acted, which trackTurn just stored.
        const current = await deps.workflows.get(id);
        return await viewerCard(deps, turn, current, { superseded });
      } catch (e) {
        return failureAnswer(deps, turn, e, id);
      }
    },
  });
}
