import type { ParsedVariables as Parsed } from './variables';

/**
 * The credentials of the services Daicho talks to (Bot Framework, Intune, Jamf Pro): each is
 * either fully configured or absent, and a half-configured one names the variable that is missing.
 */

export interface BotConfig {
  appId: string;
  password: string | undefined;
  type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string | undefined;
}

export type IntuneAuth =
  | { kind: 'secret'; secret: string }
  | { kind: 'certificate'; certificatePath: string }
  | { kind: 'managedIdentity' };

export interface IntuneConfig {
  tenantId: string;
  clientId: string | undefined;
  auth: IntuneAuth;
  authorityHost: string;
  graphBaseUrl: string;
}

export interface JamfConfig {
  url: string;
  clientId: string;
  clientSecret: string;
}

export function botConfig(
  p: Parsed,
  where: (n: string) => string,
  userFile: string,
  problems: string[],
): BotConfig | undefined {
  if (!p.BOT_ID) {
    if (p.BOT_PASSWORD)
      problems.push(`BOT_ID is required with BOT_PASSWORD: set it in ${where('BOT_ID')}`);
    return undefined;
  }
  if (p.BOT_TYPE !== 'UserAssignedMSI' && !p.BOT_PASSWORD) {
    problems.push(
      `BOT_PASSWORD is required with BOT_ID (BOT_TYPE=${p.BOT_TYPE}): put it in ${userFile}`,
    );
    return undefined;
  }
  if (p.BOT_TYPE !== 'MultiTenant' && !p.BOT_TENANT_ID) {
    problems.push(
      `BOT_TENANT_ID is required with BOT_TYPE=${p.BOT_TYPE}: set it in ${where('BOT_TENANT_ID')}`,
    );
    return undefined;
  }
  return { appId: p.BOT_ID, password: p.BOT_PASSWORD, type: p.BOT_TYPE, tenantId: p.BOT_TENANT_ID };
}

export function intuneConfig(
  p: Parsed,
  where: (n: string) => string,
  userFile: string,
  problems: string[],
): IntuneConfig | undefined {
  const any =
    p.AZURE_TENANT_ID ||
    p.AZURE_CLIENT_ID ||
    p.AZURE_CLIENT_SECRET ||
    p.AZURE_CLIENT_CERTIFICATE_PATH ||
    p.AZURE_USE_MANAGED_IDENTITY;
  if (!any) return undefined;
  if (!p.AZURE_TENANT_ID) {
    problems.push(
      `AZURE_TENANT_ID is required with the other AZURE_* settings: set it in ${where('AZURE_TENANT_ID')}`,
    );
    return undefined;
  }
  let auth: IntuneAuth;
  if (p.AZURE_USE_MANAGED_IDENTITY) auth = { kind: 'managedIdentity' };
  else if (p.AZURE_CLIENT_CERTIFICATE_PATH)
    auth = { kind: 'certificate', certificatePath: p.AZURE_CLIENT_CERTIFICATE_PATH };
  else if (p.AZURE_CLIENT_SECRET) auth = { kind: 'secret', secret: p.AZURE_CLIENT_SECRET };
  else {
    problems.push(
      `AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH, or AZURE_USE_MANAGED_IDENTITY=true) is required for Intune: put the secret in ${userFile}`,
    );
    return undefined;
  }
  if (auth.kind !== 'managedIdentity' && !p.AZURE_CLIENT_ID) {
    problems.push(`AZURE_CLIENT_ID is required for Intune: set it in ${where('AZURE_CLIENT_ID')}`);
    return undefined;
  }
  return {
    tenantId: p.AZURE_TENANT_ID,
    clientId: p.AZURE_CLIENT_ID,
    auth,
    authorityHost: p.AZURE_AUTHORITY_HOST.replace(/\/+$/, ''),
    graphBaseUrl: p.GRAPH_BASE_URL.replace(/\/+$/, ''),
  };
}

export function jamfConfig(
  p: Parsed,
  where: (n: string) => string,
  userFile: string,
  problems: string[],
): JamfConfig | undefined {
  if (!p.JAMF_URL && !p.JAMF_CLIENT_ID && !p.JAMF_CLIENT_SECRET) return undefined;
  const missing = [
    !p.JAMF_URL &&
      `JAMF_URL is required with the other JAMF_* settings: set it in ${where('JAMF_URL')}`,
    !p.JAMF_CLIENT_ID &&
      `JAMF_CLIENT_ID is required for Jamf Pro: set it in ${where('JAMF_CLIENT_ID')}`,
    !p.JAMF_CLIENT_SECRET && `JAMF_CLIENT_SECRET is required for Jamf Pro: put it in ${userFile}`,
  ].filter((m): m is string => !!m);
  if (missing.length > 0) {
    problems.push(...missing);
    return undefined;
  }
  return {
    url: p.JAMF_URL!.replace(/\/+$/, ''),
    clientId: p.JAMF_CLIENT_ID!,
    clientSecret: p.JAMF_CLIENT_SECRET!,
  };
}
