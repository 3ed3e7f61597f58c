import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotDeps } from '../bot/bot-deps';
import { BOT_ROUTES } from '../bot/registry';
import { createTeamsApp } from './app';

/** The bot with every route (src/bot/registry.ts), in the order they are tried. */
export function createBot(deps: BotDeps, adapter: TeamsAdapter) {
  return createTeamsApp(deps, adapter, BOT_ROUTES);
}
