import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { OLD_DEVICE_OUTCOME_IDS, OLD_DEVICE_OUTCOMES } from '../../workflows/replacement-choices';
import type { PlannedFieldChange, WorkflowDoc } from '../../workflows/workflow-record';
import type { BotDeps } from '../bot-deps';
import { adminPayload } from '../guard';
import { sayer } from '../locale';
import { VERBS } from '../../cards/verbs';
import {
  answerPresserOnly,
  failureAnswer,
  hasWorkflows,
  trackTurn,
  updateOtherCopies,
  viewerCard,
  type WorkflowBotDeps,
} from '../workflow-turn';
import { actor } from './link';

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

/**
 * The workflow card's buttons. Every change re-checks the role and the payload, passes the
 * card's version so a stale card is refused (and answered with the fresh card), then answers
 * with the new card for everyone who sees the message and updates the other copies. Viewing
 * (the card's refresh and "show latest") is open to everyone, read-only for non-admins.
 */
export function registerWorkflowActions(app: Application<TurnState>, deps: BotDeps): void {
  const by = (context: TurnContext) => actor(context);

  onChange(app, deps, VERBS.workflowTick, tick, async (d, context, v) => ({
    workflow: await d.workflows.tick(v.workflowId, v.stepId, v.done, by(context), v.version),
  }));
  onChange(app, deps, VERBS.workflowNewDevice, newDevice, async (d, context, v) => ({
    workflow: await d.workflows.setNewDevice(
      v.workflowId,
      v.newAssetNumber.trim(),
      by(context),
      v.version,
    ),
  }));
  onChange(app, deps, VERBS.workflowComplete, complete, async (d, context, v) => {
    const result = await d.workflows.complete(
      v.workflowId,
      { oldDeviceStatus: OLD_DEVICE_OUTCOMES[v.oldDeviceStatus], disposalDate: v.disposalDate },
      by(context),
      v.version,
    );
    return { workflow: result.workflow, superseded: result.superseded };
  });
  onChange(app, deps, VERBS.workflowAbandon, abandon, async (d, context, v) => ({
    workflow: await d.workflows.abandon(v.workflowId, by(context), v.version),
  }));

  app.adaptiveCards.actionExecute(VERBS.workflowRefresh, async (context, _s, data) => {
    const { say } = sayer(context);
    if (!hasWorkflows(deps)) return say('bot.workflowsUnavailable');
    const parsed = view.safeParse(data ?? {});
    if (!parsed.success) return say('bot.badPayload');
    try {
      const workflow = await deps.workflows.get(parsed.data.workflowId);
      // This viewer's own view: it must not replace the message for the others.
      return (await answerPresserOnly(context, await viewerCard(deps, context, workflow))) as never;
    } catch (e) {
      return (await failureAnswer(deps, context, e)) as never;
    }
  });
}

function onChange<S extends z.ZodTypeAny>(
  app: Application<TurnState>,
  deps: BotDeps,
  verb: string,
  schema: S,
  run: (deps: WorkflowBotDeps, context: TurnContext, value: z.output<S>) => Promise<Changed>,
): void {
  app.adaptiveCards.actionExecute(verb, async (context, _s, data) => {
    if (!hasWorkflows(deps)) return sayer(context).say('bot.workflowsUnavailable');
    const ok = await adminPayload(context, deps, schema, data);
    if (!ok.ok) return ok.reply;
    const id = (ok.value as { workflowId: string }).workflowId;
    try {
      const { superseded } = await run(deps, context, ok.value);
      await trackTurn(deps, context, id, {
        acted: true,
        copyActivityId: context.activity.replyToId,
      });
      updateOtherCopies(deps, context, id);
      // Read again: the card names who acted, which trackTurn just stored.
      const current = await deps.workflows.get(id);
      return (await viewerCard(deps, context, current, { superseded })) as never;
    } catch (e) {
      return (await failureAnswer(deps, context, e, id)) as never;
    }
  });
}
