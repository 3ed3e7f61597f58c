import { z } from 'zod';
import { linkPreviewCardData } from '../../cards/link-preview';
import { linkWizardCardData } from '../../cards/link-wizard';
import { LINK_SETTINGS, PROVIDER } from '../../cards/payloads';
import { renderCard } from '../../cards/render';
import { syncSummaryCardData } from '../../cards/sync-summary';
import { VERBS } from '../../cards/verbs';
import { COMMANDS } from '../commands';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { actor, type BotTurn } from '../turn';
import { loadPreviewDevices } from './link-preview-devices';

/** The link wizard: choose the MDM → its settings → the dry-run preview → confirm or cancel. */
const wizard = async (turn: BotTurn) =>
  renderCard('link-wizard', linkWizardCardData(sayer(turn).locale));

/** `link` / `連携`. */
export const linkCommand: CommandRoute = {
  pattern: COMMANDS.link,
  role: 'admin',
  handle: wizard,
};

export const linkStartAction = actionRoute({
  verb: VERBS.linkStart,
  // The wizard reads nothing from the button: its data is not checked (as before).
  schema: z.unknown(),
  role: 'admin',
  handle: (turn) => wizard(turn),
});

export const linkChooseProviderAction = actionRoute({
  verb: VERBS.linkChooseProvider,
  schema: z.object({ provider: PROVIDER }).passthrough(),
  role: 'admin',
  handle: async (turn, payload) =>
    renderCard(
      'link-wizard',
      linkWizardCardData(sayer(turn).locale, { provider: payload.provider }),
    ),
});

export const linkPreviewAction = actionRoute({
  verb: VERBS.linkPreview,
  // zod strips whatever else the card sent: what is linked is exactly the three settings.
  schema: LINK_SETTINGS,
  role: 'admin',
  async handle(turn, chosen, deps) {
    const result = await refusalOr(turn, () =>
      deps.links.link(chosen, { dryRun: true, actor: actor(turn) }),
    );
    if (!result.ok) return result.reply;
    const devices = await loadPreviewDevices(deps, result.value.preview);
    return renderCard(
      'link-preview',
      linkPreviewCardData(chosen, result.value, sayer(turn).locale, devices),
    );
  },
});

export const linkConfirmAction = actionRoute({
  verb: VERBS.linkConfirm,
  // zod strips whatever else the card sent: what is linked is exactly the three settings.
  schema: LINK_SETTINGS,
  role: 'admin',
  async handle(turn, chosen, deps) {
    const result = await refusalOr(turn, () =>
      deps.links.link(chosen, { dryRun: false, actor: actor(turn) }),
    );
    if (!result.ok) return result.reply;
    return renderCard('sync-summary', syncSummaryCardData(result.value, sayer(turn).locale));
  },
});

export const linkCancelAction = actionRoute({
  verb: VERBS.linkCancel,
  schema: z.unknown(),
  role: 'anyone',
  handle: async (turn) => sayer(turn).say('bot.linkCancelled'),
});
