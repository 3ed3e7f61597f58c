import { z } from 'zod';
import { renderCard } from '../../cards/render';
import { statusCardData } from '../../cards/status';
import { VERBS } from '../../cards/verbs';
import type { BotDeps } from '../bot-deps';
import { COMMANDS } from '../commands';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import type { BotTurn } from '../turn';
import { remember } from './installation';

/** `status`: the integration, the last runs and the open alerts. Anyone may look. */
async function statusCard(turn: BotTurn, deps: BotDeps) {
  return renderCard(
    'status',
    statusCardData(
      {
        master: await deps.sync.master(),
        runs: await deps.sync.recentRuns(5),
        openAlerts: await deps.alerts.countOpenByType(),
      },
      sayer(turn).locale,
      { isAdmin: await deps.roles.isAdmin(turn) },
    ),
  );
}

export const statusCommand: CommandRoute = {
  pattern: COMMANDS.status,
  role: 'anyone',
  handle: statusCard,
};

export const statusAction = actionRoute({
  verb: VERBS.status,
  schema: z.unknown(),
  role: 'anyone',
  handle: (turn, _payload, deps) => statusCard(turn, deps),
});

/** `alerts here` / `通知先をここに`: alerts go to the conversation this was said in. */
async function setAlertChannel(turn: BotTurn, deps: BotDeps) {
  await remember(turn, deps);
  // The cards sent there speak the language of whoever chose it.
  await deps.conversations.markAlertChannel(turn.conversation.id, sayer(turn).locale);
  return sayer(turn).say('bot.alertChannelSet');
}

export const alertChannelCommand: CommandRoute = {
  pattern: COMMANDS.alertChannel,
  role: 'admin',
  handle: setAlertChannel,
};

export const setAlertChannelAction = actionRoute({
  verb: VERBS.setAlertChannel,
  // The conversation is where the button was pressed: its data is not read (as before).
  schema: z.unknown(),
  role: 'admin',
  handle: (turn, _payload, deps) => setAlertChannel(turn, deps),
});
