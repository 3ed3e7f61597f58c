import { randomUUID } from 'node:crypto';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { TurnContext, type BotAdapter } from 'botbuilder';
import { z } from 'zod';
import { isDaichoError } from '../../errors';
import type { SyncProgress } from '../../sync/sync-service';
import type { BotDeps } from '../bot-deps';
import { cardAttachment, renderCard } from '../cards/render';
import { statusCardData } from '../cards/status';
import { syncProgressCardData } from '../cards/sync-progress';
import { syncSummaryCardData } from '../cards/sync-summary';
import { command, COMMANDS } from '../commands';
import { adminPayload, refusalOr } from '../guard';
import { sayer } from '../locale';
import { sendCard } from '../reply';
import { VERBS } from '../verbs';
import { remember } from './installation';
import { actor } from './link';

/** The shortest pause between two progress updates of the sync card. */
const PROGRESS_EVERY_MS = 1500;

const anything = z.object({}).passthrough();
const runId = z.object({ runId: z.string().regex(/^[0-9a-f]{24}$/) }).passthrough();

/**
 * `sync` / `同期` and the sync buttons: a progress card at once, the run in the background (a
 * Teams turn must answer within seconds; a sync can take minutes), then the same card updated in
 * place with the summary. `status` shows the integration, last runs and open alerts.
 */
export function registerSync(
  app: Application<TurnState>,
  deps: BotDeps,
  adapter: BotAdapter,
): void {
  const startSync = async (context: TurnContext, approveRunId?: string) => {
    const { locale, say } = sayer(context);
    const master = await deps.sync.master();
    if (!master) return say('sync.notLinked');
    const startedAt = new Date();
    const progress = renderCard(
      'sync-progress',
      syncProgressCardData(
        { provider: master.provider, phase: 'reading', read: 0, startedAt },
        locale,
      ),
    );
    const sent = await context.sendActivity({ attachments: [cardAttachment(progress)] });
    const reference = TurnContext.getConversationReference(context.activity);
    const who = actor(context);
    // Updates of the one card go out in order, at most one per PROGRESS_EVERY_MS (Teams limits
    // each conversation to a few messages a second); the summary always goes last.
    let chain: Promise<void> = Promise.resolve();
    let lastShown = 0;
    const update = (activity: Record<string, unknown>) => {
      chain = chain.then(() =>
        adapter
          .continueConversationAsync(deps.config.bot?.appId ?? '', reference, async (ctx) => {
            await ctx.updateActivity({
              ...activity,
              id: sent?.id,
              type: 'message',
              conversation: reference.conversation,
            } as never);
          })
          .catch((e: unknown) => deps.log.warn({ err: e }, 'could not update the sync card')),
      );
    };
    const onProgress = (p: SyncProgress) => {
      if (Date.now() - lastShown < PROGRESS_EVERY_MS) return;
      lastShown = Date.now();
      const data = syncProgressCardData({ provider: master.provider, startedAt, ...p }, locale);
      update({ attachments: [cardAttachment(renderCard('sync-progress', data))] });
    };
    void (async () => {
      try {
        const result = approveRunId
          ? await deps.sync.approve(approveRunId, who)
          : await deps.sync.sync({ actor: who, trigger: 'manual', onProgress });
        update({
          attachments: [
            cardAttachment(renderCard('sync-summary', syncSummaryCardData(result, locale))),
          ],
        });
      } catch (e) {
        const correlationId = randomUUID();
        deps.log.error({ err: e, correlationId }, 'sync from Teams failed');
        update({
          text: isDaichoError(e)
            ? `${say(e.messageKey, e.params)} (${correlationId})`
            : say('bot.error', { correlationId }),
        });
      }
    })();
    return undefined;
  };

  app.message(command(COMMANDS.sync), async (context) => {
    const ok = await adminPayload(context, deps, anything, {});
    const refusal = ok.ok ? await startSync(context) : ok.reply;
    if (refusal) await context.sendActivity(refusal);
  });
  app.adaptiveCards.actionExecute(VERBS.syncNow, async (context, _s, data) => {
    const ok = await adminPayload(context, deps, anything, data);
    return ok.ok ? ((await startSync(context)) ?? sayer(context).say('bot.syncStarted')) : ok.reply;
  });
  app.adaptiveCards.actionExecute(VERBS.syncApprove, async (context, _s, data) => {
    const ok = await adminPayload(context, deps, runId, data);
    return ok.ok
      ? ((await startSync(context, ok.value.runId)) ?? sayer(context).say('sync.approved'))
      : ok.reply;
  });
  app.adaptiveCards.actionExecute(VERBS.syncReject, async (context, _s, data) => {
    const ok = await adminPayload(context, deps, runId, data);
    if (!ok.ok) return ok.reply;
    // A run no longer held (approved, rejected or superseded meanwhile): say so.
    const done = await refusalOr(context, () => deps.sync.reject(ok.value.runId, actor(context)));
    if (!done.ok) return done.reply;
    return sayer(context).say('sync.rejected', { runId: ok.value.runId });
  });

  const status = async (context: TurnContext) => {
    return statusCardData(
      {
        master: await deps.sync.master(),
        runs: await deps.sync.recentRuns(5),
        openAlerts: await deps.alerts.countOpenByType(),
      },
      sayer(context).locale,
      { isAdmin: await deps.roles.isAdmin(context) },
    );
  };
  app.message(command(COMMANDS.status), async (context) =>
    sendCard(context, 'status', await status(context)),
  );
  app.adaptiveCards.actionExecute(
    VERBS.status,
    async (context) => renderCard('status', await status(context)) as never,
  );

  const setAlertChannel = async (context: TurnContext) => {
    const ok = await adminPayload(context, deps, anything, {});
    if (!ok.ok) return ok.reply;
    await remember(context, deps);
    // The cards sent there speak the language of whoever chose it.
    await deps.conversations.markAlertChannel(
      context.activity.conversation.id,
      sayer(context).locale,
    );
    return sayer(context).say('bot.alertChannelSet');
  };
  app.message(
    command(COMMANDS.alertChannel),
    async (context) => void (await context.sendActivity(await setAlertChannel(context))),
  );
  app.adaptiveCards.actionExecute(VERBS.setAlertChannel, setAlertChannel);
}
