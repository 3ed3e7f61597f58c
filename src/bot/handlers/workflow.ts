import { z } from 'zod';
import { OLD_DEVICE_OUTCOME_IDS, OLD_DEVICE_OUTCOMES } from '../../workflows/replacement-choices';
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

const workflowId = z.string().regex(/^[0-9a-f]{24}$/);
/** The version the card shows; the service refuses the change when the workflow moved on. */
const version = z.number().int().min(1).max(1_000_000_000);
const stepId = z
  .string()
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
/** A text input as Teams sends it; the service says what is wrong with its content. */
const input = z.string().max(1000);

// Each schema is exactly what its button sends (its data and the inputs Teams merges in):
// anything else is a forged payload and is refused whole, never partly used.
const tick = z.object({ workflowId, version, stepId, done: z.boolean() }).strict();
const newDevice = z.object({ workflowId, version, newAssetNumber: input }).strict();
const complete = z
  .object({
    workflowId,
    version,
    oldDeviceStatus: z.enum(OLD_DEVICE_OUTCOME_IDS),
    disposalDate: input.optional(),
    // The new-device field of the same card comes along (Teams sends every input); not used.
    newAssetNumber: input.optional(),
  })
  .strict();
const abandon = z.object({ workflowId, version }).strict();
const view = z.object({ workflowId }).strict();

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

export const workflowTickAction = changeRoute(VERBS.workflowTick, tick, async (d, turn, v) => ({
  workflow: await d.workflows.tick(v.workflowId, v.stepId, v.done, actor(turn), v.version),
}));

export const workflowNewDeviceAction = changeRoute(
  VERBS.workflowNewDevice,
  newDevice,
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
  complete,
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
  abandon,
  async (d, turn, v) => ({
    workflow: await d.workflows.abandon(v.workflowId, actor(turn), v.version),
  }),
);

export const workflowRefreshAction = workflowAction({
  verb: VERBS.workflowRefresh,
  schema: view,
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
