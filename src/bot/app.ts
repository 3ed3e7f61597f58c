import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { BotDeps } from './bot-deps';
import { registerErrors } from './handlers/errors';
import { registerFallback } from './handlers/fallback';
import { registerInstallation } from './handlers/installation';
import { MongoStorage } from './mongo-storage';

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
  registerInstallation(app, deps, welcome);
  for (const register of extra) register(app);
  registerFallback(app, deps);
  return app;
}
