import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { BotDeps } from '../bot-deps';
import { cardAttachment, renderCard } from '../../cards/render';
import { workflowListCardData } from '../../cards/workflow-list';
import { command, COMMANDS } from '../commands';
import { sayer } from '../locale';
import { sendCard } from '../reply';
import { VERBS } from '../../cards/verbs';
import { failureAnswer, hasWorkflows, trackTurn, type WorkflowBotDeps } from '../workflow-turn';
import { workflowCard } from '../workflow-view';

const open = z.object({ workflowId: z.string().regex(/^[0-9a-f]{24}$/) }).strict();

/**
 * `workflows` / `ワークフロー`: the replacements still open, oldest first, each with a button
 * that posts its card as a new message (kept up to date like every copy). Anyone may look.
 */
export function registerWorkflows(app: Application<TurnState>, deps: BotDeps): void {
  app.message(command(COMMANDS.workflows), async (context) => {
    if (!hasWorkflows(deps))
      return void (await context.sendActivity(sayer(context).say('bot.workflowsUnavailable')));
    await sendCard(context, 'workflow-list', await list(deps, context));
  });
  app.adaptiveCards.actionExecute(VERBS.workflowsList, async (context) => {
    if (!hasWorkflows(deps)) return sayer(context).say('bot.workflowsUnavailable');
    return renderCard('workflow-list', await list(deps, context)) as never;
  });
  app.adaptiveCards.actionExecute(VERBS.workflowOpen, async (context, _s, data) => {
    const { say } = sayer(context);
    if (!hasWorkflows(deps)) return say('bot.workflowsUnavailable');
    const parsed = open.safeParse(data ?? {});
    if (!parsed.success) return say('bot.badPayload');
    try {
      const workflow = await deps.workflows.get(parsed.data.workflowId);
      // A message for everyone there: the buttons show, and each press checks the role.
      const card = await workflowCard(deps, workflow, sayer(context).locale, { canAct: true });
      const sent = await context.sendActivity({ attachments: [cardAttachment(card)] });
      await trackTurn(deps, context, workflow._id, { copyActivityId: sent?.id });
      // The list stays as it was for whoever pressed, current again.
      return renderCard('workflow-list', await list(deps, context)) as never;
    } catch (e) {
      return (await failureAnswer(deps, context, e)) as never;
    }
  });
}

async function list(deps: WorkflowBotDeps, context: TurnContext) {
  return workflowListCardData(
    await deps.workflows.listOpen(),
    deps.workflows.checklists,
    sayer(context).locale,
  );
}
