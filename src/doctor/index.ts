import { ConfigError, loadConfig, type Config } from '../config/config';
import { localeFrom, t, type Locale } from '../i18n/messages';
import { maskSecrets } from '../secrets';
import { checkAdmins, checkBot, checkPublicUrl } from './bot-checks';
import { bounded, fail, ok, type CheckContext, type DoctorCheck } from './check';
import { checkDatabase } from './database-check';
import { checkIntune, checkJamf, MDM_DEADLINE_MS } from './mdm-checks';

export type { CheckStatus, DoctorCheck } from './check';

/** The checks, in the order they are printed; their names are part of `--json`. */
export const CHECK_NAMES = ['config', 'database', 'intune', 'jamf', 'bot', 'publicUrl', 'admins'];

/** Each check's own limit: doctor answers within the longest, as they run side by side. */
export const CHECK_TIMEOUTS_MS = { database: 12_000, mdm: MDM_DEADLINE_MS + 3_000, bot: 15_000 };

export interface DoctorReport {
  locale: Locale;
  checks: DoctorCheck[];
}

/**
 * Checks a configuration end to end: it parses, the database answers and takes writes with its
 * unique indexes, Intune and Jamf Pro sign in and list a device, the bot gets a Bot Framework
 * token, PUBLIC_URL has the right form, admins are named. Never throws; never hangs.
 */
export async function runDoctor(env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    const locale = localeFrom(env.DAICHO_LOCALE || env.LC_ALL || env.LC_MESSAGES || env.LANG, 'ja');
    const problems = e instanceof ConfigError ? e.problems.join('; ') : String(e);
    const ctx = { locale };
    const rest = CHECK_NAMES.slice(1).map((name) => ({
      name,
      status: 'skipped' as const,
      detail: t(locale, 'doctor.skip.config'),
      fix: null,
    }));
    return {
      locale,
      checks: [fail(ctx, 'config', maskSecrets(problems), 'doctor.fix.config'), ...rest],
    };
  }
  const ctx: CheckContext = { locale: config.cliLocale };
  const abort = new AbortController();
  try {
    const checks = await Promise.all([
      bounded(ctx, 'database', CHECK_TIMEOUTS_MS.database, 'doctor.fix.dbUnreachable', () =>
        checkDatabase(ctx, config),
      ),
      bounded(ctx, 'intune', CHECK_TIMEOUTS_MS.mdm, 'doctor.fix.intune.unreachable', () =>
        checkIntune(ctx, config),
      ),
      bounded(ctx, 'jamf', CHECK_TIMEOUTS_MS.mdm, 'doctor.fix.jamf.unreachable', () =>
        checkJamf(ctx, config),
      ),
      bounded(ctx, 'bot', CHECK_TIMEOUTS_MS.bot, 'doctor.fix.bot', () =>
        checkBot(ctx, config, abort.signal),
      ),
    ]);
    const configLine = ok(
      'config',
      t(ctx.locale, config.production ? 'doctor.detail.configProduction' : 'doctor.detail.config', {
        env: config.envName,
      }),
    );
    return {
      locale: ctx.locale,
      checks: [configLine, ...checks, checkPublicUrl(ctx, config), checkAdmins(ctx, config)],
    };
  } finally {
    abort.abort();
  }
}
