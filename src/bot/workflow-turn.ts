import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext } from 'botbuilder';
import { isDaichoError } from '../errors';
import { actorNameKey, type WorkflowDoc } from '../workflows/workflow-record';
import { isWorkflowError } from '../workflows/workflow-errors';
import type { WorkflowTurnNote } from '../workflows/workflow-notes';
import type { WorkflowService } from '../workflows/workflow-service';
import type { BotDeps } from './bot-deps';
import { clip } from './cards/format';
import type { AdaptiveCard } from './cards/render';
import { REFRESH_USERS_MAX, type WorkflowCardOptions } from './cards/workflow';
import { remember } from './handlers/installation';
import { actor } from './handlers/link';
import { sayer } from './locale';
import { MAX_CARD_COPIES } from './workflow-copies';
import { workflowCard } from './workflow-view';

/** An answer to a card press: a sentence, or a card (already sent for the presser only: ''). */
type Answer = string | AdaptiveCard;

/** BotDeps with the workflow service, which the composition root may leave out. */
export type WorkflowBotDeps = BotDeps & { workflows: WorkflowService };

export function hasWorkflows(deps: BotDeps): deps is WorkflowBotDeps {
  return deps.workflows !== undefined;
}

/** The card as this person may use it: buttons for admins, read-only for everyone else. */
export async function viewerCard(
  deps: WorkflowBotDeps,
  context: TurnContext,
  workflow: WorkflowDoc,
  options: Omit<WorkflowCardOptions, 'canAct'> = {},
): Promise<AdaptiveCard> {
  const canAct = await deps.roles.isAdmin(context);
  return workflowCard(deps, workflow, sayer(context).locale, { ...options, canAct });
}

/**
 * Answers the press with a card for the presser alone. A card with a `refresh` returned the
 * usual way replaces the message for everyone (teams-ai does so), which is right after a change
 * but wrong for one viewer's view (read-only for a non-admin, their language) or a refusal.
 */
export async function answerPresserOnly(context: TurnContext, card: AdaptiveCard): Promise<''> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
    },
  });
  return '';
}

/**
 * Remembers what this turn adds to the workflow: the presser's display name (cards show names,
 * the ledger keeps ids) and Teams id (the card refreshes for them), the message the card is in,
 * and where the workflow was started.
 */
export async function trackTurn(
  deps: WorkflowBotDeps,
  context: TurnContext,
  workflowId: string,
  what: { acted?: boolean; started?: boolean; copyActivityId?: string | undefined },
): Promise<void> {
  const { locale } = sayer(context);
  const conversationId = context.activity.conversation.id;
  const name = context.activity.from?.name;
  const note: WorkflowTurnNote = {};
  if (what.acted && name)
    note.actorName = { key: actorNameKey(actor(context).by), name: clip(name, 100) };
  if (what.started) {
    const reference = TurnContext.getConversationReference(context.activity);
    note.startedIn = {
      conversationId,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      locale,
    };
  }
  await deps.workflows.noteTurn(workflowId, note);
  const teamsId = context.activity.from?.id;
  // Once each, the latest kept: the card's refresh lists them (Teams takes at most 60).
  if (teamsId) await deps.workflows.addTeamsUser(workflowId, teamsId, REFRESH_USERS_MAX);
  if (what.copyActivityId) {
    // The card copies are updated through the conversations the bot knows (like alert cards).
    await remember(context, deps);
    await deps.workflows.addCardCopy(
      workflowId,
      { conversationId, activityId: what.copyActivityId, locale },
      MAX_CARD_COPIES,
    );
  }
}

/** After a change: every other copy of the card shows it too; a failure there is only logged. */
export function updateOtherCopies(deps: BotDeps, context: TurnContext, workflowId: string): void {
  void deps.workflowCards
    ?.update(workflowId, context.activity.replyToId)
    .catch((e: unknown) =>
      deps.log.warn({ err: e, workflowId }, 'could not update workflow cards'),
    );
}

/**
 * A refusal or failure as the presser should read it: a stale card gets the fresh one with the
 * reason on top; every other refusal of the service is its localized sentence; anything
 * unexpected is the generic sentence with a correlation id for the logs.
 */
export async function failureAnswer(
  deps: WorkflowBotDeps,
  context: TurnContext,
  e: unknown,
  workflowId?: string,
): Promise<Answer> {
  const { say } = sayer(context);
  if (isWorkflowError(e, 'STALE_VERSION') && workflowId) {
    const fresh = await deps.workflows.get(workflowId);
    const notice = say(e.messageKey, e.params);
    return answerPresserOnly(context, await viewerCard(deps, context, fresh, { notice }));
  }
  if (isDaichoError(e)) return say(e.messageKey, e.params);
  const correlationId = randomUUID();
  deps.log.error({ err: e, correlationId, workflowId }, 'workflow action failed');
  return say('bot.error', { correlationId });
}
