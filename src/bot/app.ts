import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { BotDeps } from './bot-deps';
import { count } from '../cards/format';
import { registerErrors } from './handlers/errors';
import { registerFallback } from './handlers/fallback';
import { registerInstallation } from './handlers/installation';
import { sayer } from './locale';
import { MongoStorage } from './mongo-storage';
import { MAX_MESSAGE_LENGTH, normalizeMessage } from './text';

/**
 * The Teams bot: a teams-ai Application on botbuilder's CloudAdapter, with its state in MongoDB.
 * Every handler lives in its own file under handlers/ and is registered here, in order: the
 * fallback last, so it only sees what nothing else took.
 */
export function createBotApp(
  deps: BotDeps,
  adapter: TeamsAdapter,
  welcome: (context: TurnContext) => Promise<void>,
  extra: ((app: Application<TurnState>) => void)[] = [],
): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.config.bot?.appId ?? '',
    storage: new MongoStorage(deps.c.botState),
    removeRecipientMention: true,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });
  registerErrors(app, deps);
  registerMessageText(app, deps);
  registerInstallation(app, deps, welcome);
  for (const register of extra) register(app);
  registerFallback(app, deps);
  return app;
}

/**
 * Where a message's text enters the bot (after teams-ai took the bot's @mention out): cut to
 * MAX_MESSAGE_LENGTH and trimmed once, before any route reads it. A longer message is answered
 * with a sentence saying so and goes no further (text.ts says why).
 */
function registerMessageText(app: Application<TurnState>, deps: BotDeps): void {
  app.turn('beforeTurn', async (context) => {
    if (context.activity.type !== ActivityTypes.Message) return true;
    const message = normalizeMessage(context.activity.text);
    context.activity.text = message.text;
    if (!message.tooLong) return true;
    deps.log.info({ length: message.length }, 'message too long: not read');
    const { locale, say } = sayer(context);
    await context.sendActivity(
      say('bot.tooLong', {
        length: count(message.length, locale),
        max: count(MAX_MESSAGE_LENGTH, locale),
      }),
    );
    return false;
  });
}
