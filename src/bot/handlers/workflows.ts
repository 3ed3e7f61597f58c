import { z } from 'zod';
import { renderCard } from '../../cards/render';
import { VERBS } from '../../cards/verbs';
import { workflowListCardData } from '../../cards/workflow-list';
import { WORKFLOW_VIEW } from '../../cards/workflow-payloads';
import { COMMANDS } from '../commands';
import { sayer } from '../locale';
import type { BotTurn } from '../turn';
import {
  failureAnswer,
  trackTurn,
  workflowAction,
  workflowCommand,
  type WorkflowBotDeps,
} from '../workflow-turn';
import { workflowCard } from '../workflow-view';

/*
 * `workflows` / `ワークフロー`: the replacements still open, oldest first, each with a button
 * that posts its card as a new message (kept up to date like every copy). Anyone may look.
 */

export const workflowsCommand = workflowCommand({
  pattern: COMMANDS.workflows,
  role: 'anyone',
  handle: list,
});

export const workflowsListAction = workflowAction({
  verb: VERBS.workflowsList,
  schema: z.unknown(),
  role: 'anyone',
  handle: (turn, _payload, deps) => list(turn, deps),
});

export const workflowOpenAction = workflowAction({
  verb: VERBS.workflowOpen,
  schema: WORKFLOW_VIEW,
  role: 'anyone',
  async handle(turn, payload, deps) {
    try {
      const workflow = await deps.workflows.get(payload.workflowId);
      // A message for everyone there: the buttons show, and each press checks the role.
      const card = await workflowCard(deps, workflow, sayer(turn).locale, { canAct: true });
      const sentId = await turn.send(card);
      await trackTurn(deps, turn, workflow._id, { copyActivityId: sentId });
      // The list stays as it was for whoever pressed, current again.
      return await list(turn, deps);
    } catch (e) {
      return failureAnswer(deps, turn, e);
    }
  },
});

async function list(turn: BotTurn, deps: WorkflowBotDeps) {
  return renderCard(
    'workflow-list',
    workflowListCardData(
      await deps.workflows.listOpen(),
      deps.workflows.checklists,
      sayer(turn).locale,
    ),
  );
}
