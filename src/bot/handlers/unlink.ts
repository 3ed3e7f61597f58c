import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { PROVIDER_NAMES } from '../../sync/settings';
import type { BotDeps } from '../bot-deps';
import { renderCard } from '../../cards/render';
import { unlinkConfirmCardData } from '../../cards/unlink-confirm';
import { command, COMMANDS } from '../commands';
import { adminPayload, refusalOr } from '../guard';
import { sayer } from '../locale';
import { VERBS } from '../../cards/verbs';
import { actor } from './link';

/** Unlink shows exactly what will happen (devices kept, source → ledger, MDM fields removed), then asks. */
export function registerUnlink(app: Application<TurnState>, deps: BotDeps): void {
  const preview = async (context: TurnContext) => {
    const ok = await adminPayload(context, deps, z.object({}).passthrough(), {});
    if (!ok.ok) return ok.reply;
    // Nothing linked (an old card, or unlinked meanwhile): say so.
    const plan = await refusalOr(context, () =>
      deps.links.unlink({ dryRun: true, actor: actor(context) }),
    );
    if (!plan.ok) return plan.reply;
    return renderCard(
      'unlink-confirm',
      unlinkConfirmCardData(plan.value, sayer(context).locale),
    ) as never;
  };
  app.message(command(COMMANDS.unlink), async (context) => {
    const card = await preview(context);
    await context.sendActivity(
      typeof card === 'string'
        ? card
        : {
            attachments: [
              { contentType: 'application/vnd.microsoft.card.adaptive', content: card },
            ],
          },
    );
  });
  app.adaptiveCards.actionExecute(VERBS.unlinkPreview, preview);
  app.adaptiveCards.actionExecute(VERBS.unlinkConfirm, async (context, _s, data) => {
    const ok = await adminPayload(
      context,
      deps,
      z.object({ provider: z.enum(['intune', 'jamf']) }).passthrough(),
      data,
    );
    if (!ok.ok) return ok.reply;
    const { say } = sayer(context);
    const master = await deps.sync.master();
    if (!master || master.provider !== ok.value.provider) {
      return say('bot.unlinkStale', { current: master ? PROVIDER_NAMES[master.provider] : '-' });
    }
    const done = await deps.links.unlink({ dryRun: false, actor: actor(context) });
    return say('unlink.done', { provider: PROVIDER_NAMES[done.provider], devices: done.devices });
  });
  app.adaptiveCards.actionExecute(VERBS.unlinkCancel, async (context) =>
    sayer(context).say('bot.unlinkCancelled'),
  );
}
