import { AzureAuthorityHosts, ClientSecretCredential } from '@azure/identity';
import type { Config } from '../config/config';
import { t, type MessageKey } from '../i18n/messages';
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
  const who = t(ctx.locale, 'doctor.detail.botWho', { appId: bot.appId, type: bot.type, tenant });
  try {
    const token = await credential.getToken(BOT_FRAMEWORK_SCOPE, { abortSignal });
    const minutes = Math.round((token.expiresOnTimestamp - Date.now()) / 60_000);
    return ok('bot', t(ctx.locale, 'doctor.detail.botToken', { who, minutes }));
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    const detail = t(ctx.locale, 'doctor.detail.botNoToken', { who, reason });
    return fail(ctx, 'bot', detail, 'doctor.fix.bot');
  }
}

/** PUBLIC_URL: https and no path in production; any http(s) address in local mode. */
export function checkPublicUrl(ctx: CheckContext, config: Config): DoctorCheck {
  const value = config.publicUrl;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const detail = t(ctx.locale, 'doctor.detail.publicUrlInvalid', { value });
    return fail(ctx, 'publicUrl', detail, 'doctor.fix.publicUrl');
  }
  const problems: MessageKey[] = [];
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    problems.push('doctor.detail.url.notHttp');
  if (config.production) {
    if (url.protocol !== 'https:') problems.push('doctor.detail.url.notHttps');
    if (url.pathname !== '/' || url.search || url.hash) problems.push('doctor.detail.url.path');
    if (url.username || url.password) problems.push('doctor.detail.url.userName');
  }
  const mode = t(
    ctx.locale,
    config.production ? 'doctor.detail.production' : 'doctor.detail.localMode',
  );
  if (problems.length > 0) {
    const listed = problems
      .map((key) => t(ctx.locale, key))
      .join(ctx.locale === 'ja' ? '、' : ', ');
    const detail = t(ctx.locale, 'doctor.detail.publicUrlProblems', {
      value: url.origin,
      mode,
      problems: listed,
    });
    return fail(ctx, 'publicUrl', detail, 'doctor.fix.publicUrl');
  }
  return ok('publicUrl', t(ctx.locale, 'doctor.detail.publicUrl', { value, mode }));
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
    t(ctx.locale, 'doctor.detail.noAdmins', { named }),
    'doctor.fix.admins',
  );
}
