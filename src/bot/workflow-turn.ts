import { randomUUID } from 'node:crypto';
import { isDaichoError } from '../errors';
import { actorNameKey, type WorkflowDoc } from '../workflows/workflow-record';
import { isWorkflowError } from '../workflows/workflow-errors';
import type { WorkflowTurnNote } from '../workflows/workflow-notes';
import type { WorkflowService } from '../workflows/workflow-service';
import type { z } from 'zod';
import type { BotDeps } from './bot-deps';
import { clip } from '../cards/format';
import type { AdaptiveCard } from '../cards/render';
import { REFRESH_USERS_MAX, type WorkflowCardOptions } from '../cards/workflow';
import { remember } from './handlers/installation';
import { sayer } from './locale';
import { MAX_CARD_COPIES } from './workflow-copies';
import type { ActionRoute, CommandRoute } from './routes';
import { actor, type BotTurn, type Reply } from './turn';
import { workflowCard } from './workflow-view';

/** An answer to a card press: a sentence, or a card (already sent for the presser only: ''). */
type Answer = string | AdaptiveCard;

/** BotDeps with the workflow service, which the composition root may leave out. */
export type WorkflowBotDeps = BotDeps & { workflows: WorkflowService };

export function hasWorkflows(deps: BotDeps): deps is WorkflowBotDeps {
  return deps.workflows !== undefined;
}

/** Without a workflow service the replace commands and buttons say they are not available. */
function workflowsUnavailable(turn: BotTurn, deps: BotDeps): string | undefined {
  return hasWorkflows(deps) ? undefined : sayer(turn).say('bot.workflowsUnavailable');
}

type WorkflowHandle<P, R> = (turn: BotTurn, payload: P, deps: WorkflowBotDeps) => Promise<R>;

/** A card route that needs the workflow service: refused before the role without it. */
export function workflowAction<S extends z.ZodTypeAny>(
  route: Omit<ActionRoute<S>, 'handle' | 'unavailable'> & {
    handle: WorkflowHandle<z.output<S>, Reply>;
  },
): ActionRoute<S> {
  return {
    ...route,
    unavailable: workflowsUnavailable,
    handle: async (turn, payload, deps) =>
      hasWorkflows(deps)
        ? route.handle(turn, payload, deps)
        : sayer(turn).say('bot.workflowsUnavailable'),
  };
}

/** A command that needs the workflow service: refused before the role without it. */
export function workflowCommand(
  route: Omit<CommandRoute, 'handle' | 'unavailable'> & {
    handle: (turn: BotTurn, deps: WorkflowBotDeps) => Promise<Reply | undefined>;
  },
): CommandRoute {
  return {
    ...route,
    unavailable: workflowsUnavailable,
    handle: async (turn, deps) =>
      hasWorkflows(deps) ? route.handle(turn, deps) : workflowsUnavailable(turn, deps),
  };
}

/** The card as this person may use it: buttons for admins, read-only for everyone else. */
export async function viewerCard(
  deps: WorkflowBotDeps,
  turn: BotTurn,
  workflow: WorkflowDoc,
  options: Omit<WorkflowCardOptions, 'canAct'> = {},
): Promise<AdaptiveCard> {
  const canAct = await deps.roles.isAdmin(turn);
  return workflowCard(deps, workflow, sayer(turn).locale, { ...options, canAct });
}

/**
 * Remembers what this turn adds to the workflow: the presser's display name (cards show names,
 * the ledger keeps ids) and Teams id (the card refreshes for them), the message the card is in,
 * and where the workflow was started.
 */
export async function trackTurn(
  deps: WorkflowBotDeps,
  turn: BotTurn,
  workflowId: string,
  what: { acted?: boolean; started?: boolean; copyActivityId?: string | undefined },
): Promise<void> {
  const { locale } = sayer(turn);
  const conversationId = turn.conversation.id;
  const name = turn.user.name;
  const note: WorkflowTurnNote = {};
  if (what.acted && name)
    note.actorName = { key: actorNameKey(actor(turn).by), name: clip(name, 100) };
  if (what.started) {
    note.startedIn = { conversationId, reference: turn.conversation.reference, locale };
  }
  await deps.workflows.noteTurn(workflowId, note);
  const teamsId = turn.user.id;
  // Once each, the latest kept: the card's refresh lists them (Teams takes at most 60).
  if (teamsId) await deps.workflows.addTeamsUser(workflowId, teamsId, REFRESH_USERS_MAX);
  if (what.copyActivityId) {
    // The card copies are updated through the conversations the bot knows (like alert cards).
    await remember(turn, deps);
    await deps.workflows.addCardCopy(
      workflowId,
      { conversationId, activityId: what.copyActivityId, locale },
      MAX_CARD_COPIES,
    );
  }
}

/** After a change: every other copy of the card shows it too; a failure there is only logged. */
export function updateOtherCopies(deps: BotDeps, turn: BotTurn, workflowId: string): void {
  void deps.workflowCards
    ?.update(workflowId, turn.replyToId)
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
  turn: BotTurn,
  e: unknown,
  workflowId?: string,
): Promise<Answer> {
  const { say } = sayer(turn);
  if (isWorkflowError(e, 'STALE_VERSION') && workflowId) {
    const fresh = await deps.workflows.get(workflowId);
    const notice = say(e.messageKey, e.params);
    return turn.answerPresserOnly(await viewerCard(deps, turn, fresh, { notice }));
  }
  if (isDaichoError(e)) return say(e.messageKey, e.params);
  const correlationId = randomUUID();
  deps.log.error({ err: e, correlationId, workflowId }, 'workflow action failed');
  return say('bot.error', { correlationId });
}
