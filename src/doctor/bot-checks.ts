import { AzureAuthorityHosts, ClientSecretCredential } from '@azure/identity';
import type { Config } from '../config/config';
import { fail, ok, skipped, type CheckContext, type DoctorCheck } from './check';

/** The Bot Framework's token audience: a bot signs its replies to Teams with such a token. */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com/.default';

/** The bot's credentials: a token from the Bot Framework token endpoint (client credentials). */
export async function checkBot(
  ctx: CheckContext,
  config: Config,
  abortSignal: AbortSignal,
): Promise<DoctorCheck> {
  const bot = config.bot;
  if (!bot) return skipped(ctx, 'bot', 'doctor.skip.botLocal');
  if (bot.type === 'UserAssignedMSI') return skipped(ctx, 'bot', 'doctor.skip.botMsi');
  // MultiTenant bots sign in at botframework.com; the others at their own tenant.
  const tenant = bot.type === 'MultiTenant' ? 'botframework.com' : bot.tenantId!;
  const knownCloud = (Object.values(AzureAuthorityHosts) as string[]).includes(
    config.authorityHost,
  );
  const credential = new ClientSecretCredential(tenant, bot.appId, bot.password ?? '', {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: !knownCloud,
    retryOptions: { maxRetries: 0 },
  });
  const who = `app ${bot.appId} (${bot.type}, tenant ${tenant})`;
  try {
    const token = await credential.getToken(BOT_FRAMEWORK_SCOPE, { abortSignal });
    const minutes = Math.round((token.expiresOnTimestamp - Date.now()) / 60_000);
    return ok('bot', `${who}: got a Bot Framework token (valid ${minutes} min)`);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    return fail(ctx, 'bot', `${who}: no token: ${reason}`, 'doctor.fix.bot');
  }
}

/** PUBLIC_URL: https and no path in production; any http(s) address in local mode. */
export function checkPublicUrl(ctx: CheckContext, config: Config): DoctorCheck {
  const value = config.publicUrl;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(ctx, 'publicUrl', `PUBLIC_URL=${value} is not a URL`, 'doctor.fix.publicUrl');
  }
  const problems: string[] = [];
  if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('not http(s)');
  if (config.production) {
    if (url.protocol !== 'https:') problems.push('not https');
    if (url.pathname !== '/' || url.search || url.hash) problems.push('has a path');
    if (url.username || url.password) problems.push('carries a user name');
  }
  const mode = config.production ? 'production' : 'local mode';
  if (problems.length > 0)
    return fail(
      ctx,
      'publicUrl',
      `PUBLIC_URL=${url.origin} (${mode}): ${problems.join(', ')}`,
      'doctor.fix.publicUrl',
    );
  return ok('publicUrl', `PUBLIC_URL=${value} (${mode})`);
}

/** Admins must be named once the bot faces real users. */
export function checkAdmins(ctx: CheckContext, config: Config): DoctorCheck {
  const { userIds, teamIds } = config.admins;
  const named = `ADMIN_USER_IDS: ${userIds.length}, ADMIN_TEAM_IDS: ${teamIds.length}`;
  if (userIds.length + teamIds.length > 0) return ok('admins', named);
  if (!config.bot) return skipped(ctx, 'admins', 'doctor.skip.admins');
  return fail(
    ctx,
    'admins',
    `${named}: nobody can change the ledger from Teams`,
    'doctor.fix.admins',
  );
}
