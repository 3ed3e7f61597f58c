import type { Application, TurnState } from '@microsoft/teams-ai';
import type { BotDeps } from '../bot-deps';
import { sayer } from '../locale';

/** Anything no other handler took: a short help, never silence. Registered last. */
export function registerFallback(app: Application<TurnState>, _deps: BotDeps): void {
  app.activity('message', async (context) => {
    const { say } = sayer(context);
    const text = (context.activity.text ?? '').trim().slice(0, 100);
    await context.sendActivity(say('bot.unknown', { text }));
  });
}
