import path from 'node:path';
import { DaichoError } from '../errors';
import { localeFrom, type Locale } from '../i18n/messages';
import { projectRoot } from '../paths';
import { maskUri, registerSecrets } from '../secrets';
import { applyBotbuilderAliases, BOTBUILDER_ALIASES } from './bot-aliases';
import {
  botConfig,
  intuneConfig,
  jamfConfig,
  type BotConfig,
  type IntuneConfig,
  type JamfConfig,
} from './credentials';
import { readEnvironment } from './env-files';
import { databaseName, passwordOf } from './mongodb-uri';
import { provisioningConfig, type ProvisioningConfig } from './provisioning-config';
import { parseSchedule, type SyncSchedule } from './schedule';
import { VARIABLES, type ParsedVariables as Parsed } from './variables';

export type { BotConfig, IntuneAuth, IntuneConfig, JamfConfig } from './credentials';
export { parseSchedule, type SyncSchedule } from './schedule';

export interface Config {
  envName: string;
  /**
   * NODE_ENV=production or a DAICHO_ENV other than local: a server here faces real users, so it
   * refuses to start without bot credentials or MONGODB_URI (see serverStartProblems).
   */
  production: boolean;
  port: number;
  mongodbUri: string | undefined;
  mongodbDb: string;
  dataDir: string;
  embeddedDb: 'auto' | 'mongod' | 'emulator';
  /** The embedded database's port; undefined = any free port. */
  embeddedPort: number | undefined;
  locale: Locale;
  /** The bot's language: a fixed one, or `auto` (the user's Teams locale, then `locale`). */
  botLocale: 'ja' | 'en' | 'auto';
  /** The CLI speaks the shell's language unless DAICHO_LOCALE says otherwise. */
  cliLocale: Locale;
  serialPlaceholders: string[];
  logLevel: Parsed['LOG_LEVEL'];
  /** auto: readable log lines on a terminal, JSON lines otherwise. */
  logFormat: Parsed['LOG_FORMAT'];
  /** Set when Intune credentials are configured. */
  intune: IntuneConfig | undefined;
  /** Set when Jamf Pro credentials are configured. */
  jamf: JamfConfig | undefined;
  mdmRequestTimeoutMs: number;
  syncSchedule: SyncSchedule;
  syncSafetyLimitPercent: number;
  /** A run is held only when at least this many devices change user or go missing. */
  syncSafetyLimitMinDevices: number;
  notify: { mode: 'each' | 'digest'; intervalMs: number };
  /** Idle days before a replacement workflow's reminder card; 0 = no reminders. */
  workflowReminderDays: number;
  /**
   * Stocktakes: install the bot through Graph for users who have no chat with it (`auto`), with
   * the Teams app's id in the org's app catalog; `off` lists them for the admin.
   */
  stocktakeInstall: { mode: 'auto' | 'off'; catalogId: string | undefined };
  /**
   * Bot Framework credentials; undefined = local mode: no inbound authentication, so the server
   * listens on 127.0.0.1 only.
   */
  bot: BotConfig | undefined;
  /** The Bot Framework's OpenID metadata (signing keys); undefined = the public cloud's. */
  botOpenIdMetadataUrl: string | undefined;
  /** Entra ID sign-in endpoint (AZURE_AUTHORITY_HOST), for every credential Daicho signs in with. */
  authorityHost: string;
  admins: { userIds: string[]; teamIds: string[] };
  publicUrl: string;
  /** Microsoft 365 provisioning of the people directory (switches, mapping, licence profiles). */
  provisioning: ProvisioningConfig;
}

export class ConfigError extends DaichoError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', 'config.invalid', { problems: problems.join('\n') });
    this.message = `Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  }
}

/** The env files and the process environment, with which names (and values) are secrets. */
function readEnvFiles(processEnv: NodeJS.ProcessEnv, root: string) {
  const secretNames = new Set<string>(
    VARIABLES.filter((v) => 'secret' in v && v.secret).map((v) => v.name),
  );
  for (const alias of Object.values(BOTBUILDER_ALIASES))
    if (alias.secret) secretNames.add(alias.name);
  // A connection string with a password is a secret (env/.env.<env>.user, SECRET_MONGODB_URI
  // under the Toolkit); one without (mongodb://db.internal/ledger) may sit in the committed file.
  return readEnvironment(
    path.join(root, 'env'),
    processEnv,
    secretNames,
    new Map([['MONGODB_URI', (uri: string) => passwordOf(uri) !== undefined]]),
  );
}

/**
 * A variable as the user set it (the process environment, else env/.env.<env>.user, else
 * env/.env.<env>), before defaults: undefined when it is set nowhere. For tools that choose a
 * default of their own only when the user has not (npm run playground and DAICHO_BOT_LOCALE).
 */
export function configuredValue(
  name: string,
  processEnv: NodeJS.ProcessEnv = process.env,
  root: string = projectRoot(),
): string | undefined {
  return readEnvFiles(processEnv, root).values.get(name)?.value;
}

/**
 * Parses and validates the whole configuration once, at start. Every problem is collected (not
 * only the first), and each names the variable and the file (or environment) to fix it in.
 */
export function loadConfig(
  processEnv: NodeJS.ProcessEnv = process.env,
  root: string = projectRoot(),
): Config {
  const raw = readEnvFiles(processEnv, root);
  const problems = raw.problems.map((p) => `${p.variable} in ${p.from}: ${p.problem}`);
  problems.push(...applyBotbuilderAliases(raw));
  const parsed: Record<string, unknown> = {};

  for (const spec of VARIABLES) {
    const source = raw.values.get(spec.name);
    const result = spec.schema.safeParse(source?.value);
    if (result.success) {
      parsed[spec.name] = result.data;
    } else {
      const why = result.error.issues.map((i) => i.message).join('; ');
      const where = source ? source.from : `env/.env.${raw.envName}`;
      const got = source ? shownValue(spec, source.value) : '';
      problems.push(`${spec.name} ${why}${got}: fix it in ${where}`);
    }
  }
  const p = parsed as Parsed;
  registerSecrets([
    ...VARIABLES.filter((v) => 'secret' in v && v.secret).map((v) => raw.values.get(v.name)?.value),
    passwordOf(raw.values.get('MONGODB_URI')?.value),
  ]);
  const where = (name: string) => raw.values.get(name)?.from ?? `env/.env.${raw.envName}`;
  const userFile = `env/.env.${raw.envName}.user`;
  const mongodbDb = databaseName(p, where, problems);
  const intune = problems.length === 0 ? intuneConfig(p, where, userFile, problems) : undefined;
  const jamf = problems.length === 0 ? jamfConfig(p, where, userFile, problems) : undefined;
  const syncSchedule = parseSchedule(p.SYNC_SCHEDULE ?? 'every 60m');
  if (!syncSchedule) {
    problems.push(
      `SYNC_SCHEDULE must be a cron expression, "every 60m" / "every 6h", or "off" (got "${p.SYNC_SCHEDULE}"): fix it in ${where('SYNC_SCHEDULE')}`,
    );
  }
  problems.push(...stocktakeInstallProblems(p, where));
  const bot = problems.length === 0 ? botConfig(p, where, userFile, problems) : undefined;
  const provisioning =
    problems.length === 0 ? provisioningConfig(p, root, where, problems) : undefined;
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    envName: raw.envName,
    production: p.NODE_ENV === 'production' || raw.envName !== 'local',
    port: p.PORT,
    mongodbUri: p.MONGODB_URI,
    mongodbDb,
    dataDir: path.resolve(root, p.DAICHO_DATA_DIR ?? '.daicho'),
    embeddedDb: p.DAICHO_EMBEDDED_DB,
    embeddedPort: p.DAICHO_EMBEDDED_PORT,
    locale: p.DAICHO_LOCALE ?? 'ja',
    botLocale: p.DAICHO_BOT_LOCALE,
    cliLocale:
      p.DAICHO_LOCALE ??
      localeFrom(processEnv.LC_ALL || processEnv.LC_MESSAGES || processEnv.LANG, 'ja'),
    serialPlaceholders: p.DAICHO_SERIAL_PLACEHOLDERS ?? [],
    logLevel: p.LOG_LEVEL,
    logFormat: p.LOG_FORMAT,
    intune,
    jamf,
    mdmRequestTimeoutMs: p.MDM_REQUEST_TIMEOUT_MS,
    syncSchedule: syncSchedule!,
    syncSafetyLimitPercent: p.SYNC_SAFETY_LIMIT_PERCENT,
    syncSafetyLimitMinDevices: p.SYNC_SAFETY_LIMIT_MIN_DEVICES,
    notify: { mode: p.NOTIFY_MODE, intervalMs: p.NOTIFY_INTERVAL_SECONDS * 1000 },
    workflowReminderDays: p.WORKFLOW_REMINDER_DAYS,
    stocktakeInstall: { mode: p.DAICHO_STOCKTAKE_INSTALL, catalogId: p.TEAMS_APP_CATALOG_ID },
    bot,
    botOpenIdMetadataUrl: p.BOT_OPENID_METADATA_URL,
    authorityHost: p.AZURE_AUTHORITY_HOST.replace(/\/+$/, ''),
    admins: { userIds: p.ADMIN_USER_IDS ?? [], teamIds: p.ADMIN_TEAM_IDS ?? [] },
    publicUrl: (p.PUBLIC_URL ?? `http://localhost:${p.PORT}`).replace(/\/+$/, ''),
    provisioning: provisioning!,
  };
}

/** Installs for stocktake users need the app's id in the org app catalog. */
function stocktakeInstallProblems(p: Parsed, where: (name: string) => string): string[] {
  if (p.DAICHO_STOCKTAKE_INSTALL !== 'auto' || p.TEAMS_APP_CATALOG_ID) return [];
  return [
    `DAICHO_STOCKTAKE_INSTALL=auto needs TEAMS_APP_CATALOG_ID (the app's id in the org app catalog): set it in ${where('TEAMS_APP_CATALOG_ID')}`,
  ];
}

/**
 * What keeps a server from starting: in production (NODE_ENV=production, or a DAICHO_ENV other
 * than local) it must authenticate Bot Framework requests, so it needs the bot's credentials, and
 * it must keep the ledger in a real MongoDB, so it needs MONGODB_URI (the embedded default is a
 * developer's convenience: a mongod downloaded on first use, or an emulator that keeps nothing).
 * The CLI does not serve requests and is not held to this.
 */
export function serverStartProblems(config: Config): string[] {
  if (!config.production) return [];
  const why = config.envName !== 'local' ? `DAICHO_ENV=${config.envName}` : 'NODE_ENV=production';
  const problems: string[] = [];
  if (!config.bot)
    problems.push(
      `BOT_ID and BOT_PASSWORD (or BOT_ID with BOT_TYPE=UserAssignedMSI and BOT_TENANT_ID) are required with ${why}: put BOT_ID in env/.env.${config.envName} and BOT_PASSWORD in env/.env.${config.envName}.user or the process environment. Without them Daicho runs only in local mode (DAICHO_ENV=local), listening on 127.0.0.1.`,
    );
  if (!config.mongodbUri)
    problems.push(
      `MONGODB_URI is required with ${why}: the embedded database is for local use only (it may keep nothing across restarts). Put the connection string of your MongoDB (Atlas, Azure Cosmos DB for MongoDB vCore, a replica set) in env/.env.${config.envName}.user or the process environment.`,
    );
  return problems;
}

/** A bad value as an error shows it: never a secret, a URI without its password, never long. */
function shownValue(spec: (typeof VARIABLES)[number], value: string): string {
  if ('secret' in spec && spec.secret) return '';
  const masked = maskUri(value);
  const short = masked.length > 80 ? `${masked.slice(0, 80)}…` : masked;
  return ` (got "${short}")`;
}
