import type { TroubleshootSessionDoc } from '../../troubleshooting/session-store';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import { troubleshootStepCardData, type TroubleshootCardData } from '../../cards/troubleshoot';
import { checkView } from '../../cards/troubleshoot-check';
import {
  render,
  start,
  type TroubleshootResult,
  type TroubleshootState,
} from '../../troubleshooting';
import type { BotDeps } from '../bot-deps';
import { sayer } from '../locale';
import type { BotTurn, Reply } from '../turn';
import { deviceFacts } from './troubleshoot-device';

/*
 * Where each user is in a guide lives in MongoDB (one session per user and conversation), so
 * a restart or another replica continues the same guide.
 */

const keyOf = (turn: BotTurn) => `${turn.conversation.id}|${turn.user.id ?? ''}`;

export function stateOf(session: TroubleshootSessionDoc): TroubleshootState {
  return { treeId: session.treeId, path: session.path };
}

export function troubleshootCard(data: TroubleshootCardData): AdaptiveCard {
  return renderCard('troubleshoot', data);
}

/** The card of the session's current step, with the device and the last check's result. */
export async function stepCard(
  turn: BotTurn,
  deps: BotDeps,
  session: TroubleshootSessionDoc,
): Promise<Reply> {
  const { locale, say } = sayer(turn);
  const step = render(stateOf(session), locale);
  if (!step.ok) return say(step.error.messageKey, step.error.params);
  const check =
    session.check && session.check.nodeId === step.value.nodeId
      ? checkView(session.check.result, locale)
      : undefined;
  const device = session.assetNumber
    ? await deviceFacts(deps, session.assetNumber, locale)
    : undefined;
  return troubleshootCard(
    troubleshootStepCardData(step.value, locale, {
      device,
      assetNumber: session.assetNumber ?? '',
      check,
    }),
  );
}

async function save(turn: BotTurn, deps: BotDeps, doc: Omit<TroubleshootSessionDoc, '_id'>) {
  return deps.troubleshootSessions.save(keyOf(turn), doc);
}

/** Starts a guide, with the device it is about when one was named and the ledger has it. */
export async function begin(
  turn: BotTurn,
  deps: BotDeps,
  treeId: string,
  asset?: string,
): Promise<Reply> {
  const { say } = sayer(turn);
  const started = start(treeId);
  if (!started.ok) return say(started.error.messageKey, started.error.params);
  const session = await save(turn, deps, {
    treeId,
    path: started.value.path,
    assetNumber: asset || null,
    check: null,
    updatedAt: new Date(),
  });
  return stepCard(turn, deps, session);
}

/** The user's session for a card press, or why the press cannot be honoured. */
export async function current(
  turn: BotTurn,
  deps: BotDeps,
  treeId: string,
  nodeId?: string,
): Promise<{ ok: true; session: TroubleshootSessionDoc } | { ok: false; reply: Reply }> {
  const session = await deps.troubleshootSessions.find(keyOf(turn));
  if (!session || session.treeId !== treeId)
    return { ok: false, reply: sayer(turn).say('troubleshoot.noSession') };
  // A button of an earlier step (an old card, a double click): show where the user is now.
  if (nodeId !== undefined && session.path[session.path.length - 1] !== nodeId)
    return { ok: false, reply: await stepCard(turn, deps, session) };
  return { ok: true, session };
}

/** Moves the session with an engine step and answers with the new step's card. */
export async function move(
  turn: BotTurn,
  deps: BotDeps,
  session: TroubleshootSessionDoc,
  next: TroubleshootResult<TroubleshootState>,
  check: TroubleshootSessionDoc['check'] = null,
): Promise<Reply> {
  const { say } = sayer(turn);
  if (!next.ok) return say(next.error.messageKey, next.error.params);
  const saved = await save(turn, deps, {
    ...session,
    path: next.value.path,
    check,
    updatedAt: new Date(),
  });
  return stepCard(turn, deps, saved);
}
