import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBotApp } from './app';
import type { BotDeps } from './bot-deps';
import { registerAlertActions } from './handlers/alerts';
import { registerDevice } from './handlers/device';
import { registerDevices } from './handlers/devices';
import { registerDownloads } from './handlers/downloads';
import { registerHelp, sendHelp } from './handlers/help';
import { registerLink } from './handlers/link';
import { registerPeople } from './handlers/person';
import { registerProvisioning } from './handlers/provision';
import { registerSync } from './handlers/sync';
import { registerTroubleshoot } from './handlers/troubleshoot';
import { registerUnlink } from './handlers/unlink';
import { registerReplace } from './handlers/replace';
import { registerWorkflowActions } from './handlers/workflow';
import { registerWorkflows } from './handlers/workflows';

/** The bot with every handler, in the order they are tried. */
export function createBot(deps: BotDeps, adapter: TeamsAdapter) {
  return createBotApp(deps, adapter, (context) => sendHelp(context, deps), [
    (app) => registerHelp(app, deps),
    (app) => registerDevices(app, deps),
    (app) => registerDevice(app, deps),
    (app) => registerLink(app, deps),
    (app) => registerUnlink(app, deps),
    (app) => registerSync(app, deps, adapter),
    (app) => registerAlertActions(app, deps),
    (app) => registerDownloads(app, deps),
    (app) => registerReplace(app, deps),
    (app) => registerWorkflowActions(app, deps),
    (app) => registerWorkflows(app, deps),
    (app) => registerTroubleshoot(app, deps),
    (app) => registerProvisioning(app, deps, adapter),
    (app) => registerPeople(app, deps),
  ]);
}
