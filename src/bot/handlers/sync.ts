import { randomUUID } from 'node:crypto';
import { NO_DATA, RUN_PAYLOAD } from '../../cards/payloads';
import { renderCard } from '../../cards/render';
import { syncProgressCardData } from '../../cards/sync-progress';
import { syncSummaryCardData } from '../../cards/sync-summary';
import { VERBS } from '../../cards/verbs';
import { isDaichoError } from '../../errors';
import type { SyncProgress } from '../../sync/sync-service';
import type { BotDeps } from '../bot-deps';
import { COMMANDS } from '../commands';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { actor, type BotTurn, type Reply } from '../turn';

/** The shortest pause between two progress updates of the sync card. */
const PROGRESS_EVERY_MS = 1500;

/**
 * `sync` / `同期` and the sync buttons: a progress card at once, the run in the background (a
 * Teams turn must answer within seconds; a sync can take minutes), then the same card updated in
 * place with the summary. Undefined when started; else why not (nothing linked).
 */
async function startSync(
  turn: BotTurn,
  deps: BotDeps,
  approveRunId?: string,
): Promise<string | undefined> {
  const { locale } = sayer(turn);
  const master = await deps.sync.master();
  if (!master) return sayer(turn).say('sync.notLinked');
  const startedAt = new Date();
  const progress = syncProgressCardData(
    { provider: master.provider, phase: 'reading', read: 0, startedAt },
    locale,
  );
  const sentId = await turn.send(renderCard('sync-progress', progress));
  const update = cardUpdater(turn, deps, sentId);
  let lastShown = 0;
  const onProgress = (p: SyncProgress) => {
    if (Date.now() - lastShown < PROGRESS_EVERY_MS) return;
    lastShown = Date.now();
    const data = syncProgressCardData({ provider: master.provider, startedAt, ...p }, locale);
    update(renderCard('sync-progress', data));
  };
  void runInBackground(turn, deps, update, onProgress, approveRunId);
  return undefined;
}

/**
 * Updates of the one card go out in order, at most one per PROGRESS_EVERY_MS (Teams limits each
 * conversation to a few messages a second); the summary always goes last.
 */
function cardUpdater(turn: BotTurn, deps: BotDeps, activityId: string | undefined) {
  const later = turn.later();
  let chain: Promise<void> = Promise.resolve();
  return (reply: Reply) => {
    chain = chain.then(() =>
      later
        .update(activityId, reply)
        .catch((e: unknown) => deps.log.warn({ err: e }, 'could not update the sync card')),
    );
  };
}

async function runInBackground(
  turn: BotTurn,
  deps: BotDeps,
  update: (reply: Reply) => void,
  onProgress: (p: SyncProgress) => void,
  approveRunId: string | undefined,
): Promise<void> {
  const { locale, say } = sayer(turn);
  const who = actor(turn);
  try {
    const result = approveRunId
      ? await deps.sync.approve(approveRunId, who)
      : await deps.sync.sync({ actor: who, trigger: 'manual', onProgress });
    update(renderCard('sync-summary', syncSummaryCardData(result, locale)));
  } catch (e) {
    const correlationId = randomUUID();
    deps.log.error({ err: e, correlationId }, 'sync from Teams failed');
    update(
      isDaichoError(e)
        ? `${say(e.messageKey, e.params)} (${correlationId})`
        : say('bot.error', { correlationId }),
    );
  }
}

export const syncCommand: CommandRoute = {
  pattern: COMMANDS.sync,
  role: 'admin',
  handle: (turn, deps) => startSync(turn, deps),
};

export const syncNowAction = actionRoute({
  verb: VERBS.syncNow,
  schema: NO_DATA,
  role: 'admin',
  handle: async (turn, _payload, deps) =>
    (await startSync(turn, deps)) ?? sayer(turn).say('bot.syncStarted'),
});

export const syncApproveAction = actionRoute({
  verb: VERBS.syncApprove,
  schema: RUN_PAYLOAD.passthrough(),
  role: 'admin',
  handle: async (turn, payload, deps) =>
    (await startSync(turn, deps, payload.runId)) ?? sayer(turn).say('sync.approved'),
});

export const syncRejectAction = actionRoute({
  verb: VERBS.syncReject,
  schema: RUN_PAYLOAD.passthrough(),
  role: 'admin',
  async handle(turn, payload, deps) {
    // A run no longer held (approved, rejected or superseded meanwhile): say so.
    const done = await refusalOr(turn, () => deps.sync.reject(payload.runId, actor(turn)));
    if (!done.ok) return done.reply;
    return sayer(turn).say('sync.rejected', { runId: payload.runId });
  },
});
