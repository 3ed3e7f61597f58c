import {
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { BotConfig } from '../config/config';

/**
 * botbuilder's CloudAdapter (through teams-ai's TeamsAdapter), with the two halves of a request
 * apart: authenticate, then run the turn. CloudAdapter.process does both and answers any failure
 * of either with a 500 carrying the error's text (and a stack trace on the console); apart, the
 * HTTP route can answer 401 / 503 / 500 itself, tersely, and log once.
 */
export class DaichoAdapter extends TeamsAdapter {
  /** Validates the Bot Framework token (or, without credentials, lets the request through). */
  authenticate(
    activity: Partial<Activity>,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity as Activity, authHeader);
  }

  /** Runs the turn of an authenticated request; an invoke's response is returned. */
  runTurn(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * With credentials, every inbound request must carry a valid Bot Framework token. Without them,
 * authentication is off: local mode, on 127.0.0.1 only (see the HTTP server).
 * `openIdMetadataUrl` moves where the signing keys are read (sovereign clouds, a test signer).
 */
export function createAdapter(
  bot: BotConfig | undefined,
  options: { openIdMetadataUrl?: string } = {},
): DaichoAdapter {
  const settings = options.openIdMetadataUrl ? publicCloud(options.openIdMetadataUrl) : {};
  if (!bot) return new DaichoAdapter(settings);
  return new DaichoAdapter(
    settings,
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.password,
      MicrosoftAppType: bot.type,
      MicrosoftAppTenantId: bot.tenantId,
    }),
  );
}

/**
 * botbuilder takes either no endpoint settings (the public cloud's) or all of them: the public
 * cloud's, with the signing keys read from `openIdMetadataUrl`.
 */
function publicCloud(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
