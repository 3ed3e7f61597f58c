import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from '../bot-deps';
import { messageText } from '../commands';
import { sayer } from '../locale';
import { excerpt } from '../text';

/** Anything no other handler took: a short help, never silence. Registered last. */
export function registerFallback(app: Application<TurnState>, _deps: BotDeps): void {
  app.activity('message', async (context) => {
    const { say } = sayer(context);
    await context.sendActivity(say('bot.unknown', { text: excerpt(messageText(context)) }));
  });
}
