import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { suggestedChecklistId } from '../../workflows/replacement-choices';
import { isWorkflowError } from '../../workflows/workflow-errors';
import type { BotDeps } from '../bot-deps';
import { replaceStartCardData } from '../../cards/replace-start';
import { cardAttachment, renderCard } from '../../cards/render';
import { argument, command, COMMANDS } from '../commands';
import { adminPayload } from '../guard';
import { sayer } from '../locale';
import { sendCard } from '../reply';
import { quoting } from '../text';
import { VERBS } from '../../cards/verbs';
import {
  answerPresserOnly,
  failureAnswer,
  hasWorkflows,
  trackTurn,
  viewerCard,
  type WorkflowBotDeps,
} from '../workflow-turn';
import { actor } from './link';

const assetNumber = z.string().trim().min(1).max(128);
/** Exactly what the start card sends: its data and its two inputs, nothing else. */
const startSchema = z
  .object({
    assetNumber,
    checklistId: z.string().min(1).max(100),
    newAssetNumber: z.string().max(1000).optional(),
  })
  .strict();

/**
 * `replace PC-0012` / `機種変更 PC-0012` and the device card's replace button: the start card
 * (old device, the paths, the new device), or the device's open workflow to carry on with.
 * Start turns the start card into the workflow card. Admins only, like every change.
 */
export function registerReplace(app: Application<TurnState>, deps: BotDeps): void {
  app.message(command(COMMANDS.replace), async (context) => {
    const { say } = sayer(context);
    if (!hasWorkflows(deps))
      return void (await context.sendActivity(say('bot.workflowsUnavailable')));
    const ok = await adminPayload(context, deps, z.object({}).strict(), {});
    if (!ok.ok) return void (await context.sendActivity(ok.reply));
    const id = argument(context, COMMANDS.replace).slice(0, 128);
    if (!id) return void (await context.sendActivity(say('bot.replaceAsk')));
    try {
      // A refusal quotes the typed id ("No device "{id}""): an excerpt of it.
      const next = await quoting(startOrResume(deps, context, id), 'id');
      if (next.kind === 'start') return void (await sendCard(context, 'replace-start', next.data));
      const sent = await context.sendActivity({ attachments: [cardAttachment(next.card)] });
      await trackTurn(deps, context, next.workflowId, { copyActivityId: sent?.id });
    } catch (e) {
      await context.sendActivity(await failureAnswer(deps, context, e));
    }
  });

  app.adaptiveCards.actionExecute(VERBS.deviceReplace, async (context, _s, data) => {
    if (!hasWorkflows(deps)) return sayer(context).say('bot.workflowsUnavailable');
    const ok = await adminPayload(context, deps, z.object({ assetNumber }).strict(), data);
    if (!ok.ok) return ok.reply;
    try {
      const next = await startOrResume(deps, context, ok.value.assetNumber);
      if (next.kind === 'start') return renderCard('replace-start', next.data) as never;
      // The device card becomes the workflow card, and is kept up to date like every copy.
      const copyActivityId = context.activity.replyToId;
      await trackTurn(deps, context, next.workflowId, { copyActivityId });
      return next.card as never;
    } catch (e) {
      return (await failureAnswer(deps, context, e)) as never;
    }
  });

  app.adaptiveCards.actionExecute(VERBS.workflowStart, async (context, _s, data) => {
    if (!hasWorkflows(deps)) return sayer(context).say('bot.workflowsUnavailable');
    const ok = await adminPayload(context, deps, startSchema, data);
    if (!ok.ok) return ok.reply;
    const { checklistId, newAssetNumber } = ok.value;
    try {
      const started = await deps.workflows.start({
        checklistId,
        oldAssetNumber: ok.value.assetNumber,
        newAssetNumber: newAssetNumber?.trim() || null,
        actor: actor(context),
      });
      await trackTurn(deps, context, started._id, {
        acted: true,
        started: true,
        copyActivityId: context.activity.replyToId,
      });
      return (await viewerCard(deps, context, await deps.workflows.get(started._id))) as never;
    } catch (e) {
      // Someone started one meanwhile: show theirs, with why this one did not start.
      if (!isWorkflowError(e, 'ALREADY_OPEN') || !e.details.workflowId)
        return (await failureAnswer(deps, context, e)) as never;
      const notice = sayer(context).say(e.messageKey, e.params);
      const open = await deps.workflows.get(e.details.workflowId);
      return (await answerPresserOnly(
        context,
        await viewerCard(deps, context, open, { notice }),
      )) as never;
    }
  });
}

type Next =
  | { kind: 'start'; data: ReturnType<typeof replaceStartCardData> }
  | { kind: 'open'; workflowId: string; card: Awaited<ReturnType<typeof viewerCard>> };

/** The device's open workflow if it has one (to carry on), else the start card for it. */
async function startOrResume(
  deps: WorkflowBotDeps,
  context: TurnContext,
  id: string,
): Promise<Next> {
  const device = await deps.ledger.find(id);
  const open = await deps.workflows.openFor(device);
  if (open) {
    return { kind: 'open', workflowId: open._id, card: await viewerCard(deps, context, open) };
  }
  const catalog = deps.workflows.checklists;
  return {
    kind: 'start',
    data: replaceStartCardData(
      device,
      catalog.all(),
      suggestedChecklistId(device, catalog),
      sayer(context).locale,
    ),
  };
}
