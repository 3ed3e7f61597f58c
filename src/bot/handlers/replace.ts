import { renderCard } from '../../cards/render';
import { replaceStartCardData } from '../../cards/replace-start';
import { DEVICE_REPLACE, WORKFLOW_START } from '../../cards/workflow-payloads';
import { VERBS } from '../../cards/verbs';
import { suggestedChecklistId } from '../../workflows/replacement-choices';
import { isWorkflowError } from '../../workflows/workflow-errors';
import { argument, COMMANDS } from '../commands';
import { sayer } from '../locale';
import { quoting } from '../text';
import { actor, type BotTurn } from '../turn';
import {
  failureAnswer,
  trackTurn,
  viewerCard,
  workflowAction,
  workflowCommand,
  type WorkflowBotDeps,
} from '../workflow-turn';

/*
 * `replace PC-0012` / `機種変更 PC-0012` and the device card's replace button: the start card
 * (old device, the paths, the new device), or the device's open workflow to carry on with.
 * Start turns the start card into the workflow card. Admins only, like every change.
 */

export const replaceCommand = workflowCommand({
  pattern: COMMANDS.replace,
  role: 'admin',
  async handle(turn, deps) {
    const id = argument(turn, COMMANDS.replace).slice(0, 128);
    if (!id) return sayer(turn).say('bot.replaceAsk');
    try {
      // A refusal quotes the typed id ("No device "{id}""): an excerpt of it.
      const next = await quoting(startOrResume(deps, turn, id), 'id');
      if (next.kind === 'start') return renderCard('replace-start', next.data);
      const sentId = await turn.send(next.card);
      await trackTurn(deps, turn, next.workflowId, { copyActivityId: sentId });
      return undefined;
    } catch (e) {
      return failureAnswer(deps, turn, e);
    }
  },
});

export const deviceReplaceAction = workflowAction({
  verb: VERBS.deviceReplace,
  schema: DEVICE_REPLACE,
  role: 'admin',
  async handle(turn, payload, deps) {
    try {
      const next = await startOrResume(deps, turn, payload.assetNumber);
      if (next.kind === 'start') return renderCard('replace-start', next.data);
      // The device card becomes the workflow card, and is kept up to date like every copy.
      await trackTurn(deps, turn, next.workflowId, { copyActivityId: turn.replyToId });
      return next.card;
    } catch (e) {
      return failureAnswer(deps, turn, e);
    }
  },
});

export const workflowStartAction = workflowAction({
  verb: VERBS.workflowStart,
  schema: WORKFLOW_START,
  role: 'admin',
  async handle(turn, payload, deps) {
    const { checklistId, newAssetNumber } = payload;
    try {
      const started = await deps.workflows.start({
        checklistId,
        oldAssetNumber: payload.assetNumber,
        newAssetNumber: newAssetNumber?.trim() || null,
        actor: actor(turn),
      });
      await trackTurn(deps, turn, started._id, {
        acted: true,
        started: true,
        copyActivityId: turn.replyToId,
      });
      return await viewerCard(deps, turn, await deps.workflows.get(started._id));
    } catch (e) {
      // Someone started one meanwhile: show theirs, with why this one did not start.
      if (!isWorkflowError(e, 'ALREADY_OPEN') || !e.details.workflowId)
        return failureAnswer(deps, turn, e);
      const notice = sayer(turn).say(e.messageKey, e.params);
      const open = await deps.workflows.get(e.details.workflowId);
      return turn.answerPresserOnly(await viewerCard(deps, turn, open, { notice }));
    }
  },
});

type Next =
  | { kind: 'start'; data: ReturnType<typeof replaceStartCardData> }
  | { kind: 'open'; workflowId: string; card: Awaited<ReturnType<typeof viewerCard>> };

/** The device's open workflow if it has one (to carry on), else the start card for it. */
async function startOrResume(deps: WorkflowBotDeps, turn: BotTurn, id: string): Promise<Next> {
  const device = await deps.ledger.find(id);
  const open = await deps.workflows.openFor(device);
  if (open) {
    return { kind: 'open', workflowId: open._id, card: await viewerCard(deps, turn, open) };
  }
  const catalog = deps.workflows.checklists;
  return {
    kind: 'start',
    data: replaceStartCardData(
      device,
      catalog.all(),
      suggestedChecklistId(device, catalog),
      sayer(turn).locale,
    ),
  };
}
