import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotConfig } from '../config/config';

/**
 * botbuilder's CloudAdapter (through teams-ai's TeamsAdapter). With credentials, every inbound
 * request must carry a valid Bot Framework token — the adapter answers 401 otherwise. Without
 * them, authentication is off: only for local testing with the Agents Playground.
 */
export function createAdapter(bot: BotConfig | undefined): TeamsAdapter {
  if (!bot) return new TeamsAdapter({});
  return new TeamsAdapter(
    {},
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.password,
      MicrosoftAppType: bot.type,
      MicrosoftAppTenantId: bot.tenantId,
    }),
  );
}
