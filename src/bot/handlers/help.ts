import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { BotDeps } from '../bot-deps';
import { helpCardData } from '../../cards/help';
import { renderCard } from '../../cards/render';
import { COMMANDS, command } from '../commands';
import { userLocale } from '../locale';
import { sendCard } from '../reply';
import { VERBS } from '../../cards/verbs';

/** `help` / `ヘルプ`, the help button, and the welcome card on install: what the bot can do. */
export function registerHelp(app: Application<TurnState>, deps: BotDeps): void {
  app.message(command(COMMANDS.help), async (context) => sendHelp(context, deps));
  app.adaptiveCards.actionExecute(VERBS.help, async (context) => {
    const isAdmin = await deps.roles.isAdmin(context);
    return renderCard('help', helpCardData(userLocale(context), { isAdmin })) as never;
  });
}

export async function sendHelp(context: TurnContext, deps: BotDeps): Promise<void> {
  const isAdmin = await deps.roles.isAdmin(context);
  await sendCard(context, 'help', helpCardData(userLocale(context), { isAdmin }));
}
