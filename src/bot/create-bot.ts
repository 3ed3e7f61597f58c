import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBotApp } from './app';
import type { BotDeps } from './bot-deps';
import { registerDevice } from './handlers/device';
import { registerHelp, sendHelp } from './handlers/help';

/** The bot with every handler, in the order they are tried. */
export function createBot(deps: BotDeps, adapter: TeamsAdapter) {
  return createBotApp(deps, adapter, (context) => sendHelp(context, deps), [
    (app) => registerHelp(app, deps),
    (app) => registerDevice(app, deps),
  ]);
}
