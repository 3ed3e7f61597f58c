import { z } from 'zod';
import { PROVIDER } from '../../cards/payloads';
import { renderCard } from '../../cards/render';
import { unlinkConfirmCardData } from '../../cards/unlink-confirm';
import { VERBS } from '../../cards/verbs';
import { PROVIDER_NAMES } from '../../sync/settings';
import type { BotDeps } from '../bot-deps';
import { COMMANDS } from '../commands';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { actor, type BotTurn } from '../turn';

/** Unlink shows exactly what will happen (devices kept, source → ledger, MDM fields removed), then asks. */
async function preview(turn: BotTurn, deps: BotDeps) {
  // Nothing linked (an old card, or unlinked meanwhile): say so.
  const plan = await refusalOr(turn, () => deps.links.unlink({ dryRun: true, actor: actor(turn) }));
  if (!plan.ok) return plan.reply;
  return renderCard('unlink-confirm', unlinkConfirmCardData(plan.value, sayer(turn).locale));
}

/** `unlink` / `連携解除`. */
export const unlinkCommand: CommandRoute = {
  pattern: COMMANDS.unlink,
  role: 'admin',
  handle: preview,
};

export const unlinkPreviewAction = actionRoute({
  verb: VERBS.unlinkPreview,
  // The preview reads nothing from the button: its data is not checked (as before).
  schema: z.unknown(),
  role: 'admin',
  handle: (turn, _payload, deps) => preview(turn, deps),
});

/** `provider`: the one the card was made for; still the linked one, or the card is stale. */
export const unlinkConfirmAction = actionRoute({
  verb: VERBS.unlinkConfirm,
  schema: z.object({ provider: PROVIDER }).passthrough(),
  role: 'admin',
  async handle(turn, payload, deps) {
    const { say } = sayer(turn);
    const master = await deps.sync.master();
    if (!master || master.provider !== payload.provider) {
      return say('bot.unlinkStale', { current: master ? PROVIDER_NAMES[master.provider] : '-' });
    }
    const done = await deps.links.unlink({ dryRun: false, actor: actor(turn) });
    return say('unlink.done', { provider: PROVIDER_NAMES[done.provider], devices: done.devices });
  },
});

export const unlinkCancelAction = actionRoute({
  verb: VERBS.unlinkCancel,
  schema: z.unknown(),
  role: 'anyone',
  handle: async (turn) => sayer(turn).say('bot.unlinkCancelled'),
});
