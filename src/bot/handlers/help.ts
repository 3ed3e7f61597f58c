import { z } from 'zod';
import { helpCardData } from '../../cards/help';
import { renderCard } from '../../cards/render';
import { VERBS } from '../../cards/verbs';
import type { BotDeps } from '../bot-deps';
import { COMMANDS } from '../commands';
import { userLocale } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import type { BotTurn } from '../turn';

/** What the bot can do, with the admin buttons for admins. */
async function helpCard(turn: BotTurn, deps: BotDeps) {
  const isAdmin = await deps.roles.isAdmin(turn);
  return renderCard('help', helpCardData(userLocale(turn), { isAdmin }));
}

/** `help` / `ヘルプ`. */
export const helpCommand: CommandRoute = {
  pattern: COMMANDS.help,
  role: 'anyone',
  handle: helpCard,
};

/** The help button. */
export const helpAction = actionRoute({
  verb: VERBS.help,
  schema: z.unknown(),
  role: 'anyone',
  handle: (turn, _payload, deps) => helpCard(turn, deps),
});

/** The welcome card on install. */
export async function sendHelp(turn: BotTurn, deps: BotDeps): Promise<void> {
  await turn.send(await helpCard(turn, deps));
}
