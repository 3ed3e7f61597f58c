import { loadConfig, ConfigError, serverStartProblems } from './config/config';
import { isDaichoError } from './errors';
import { healthzRoute } from './http/healthz';
import { createHttpServer, listen } from './http/server';
import { t } from './i18n/messages';
import { captureConsole, createLogger } from './log';
import { isAddressInUse, portState } from './port-probe';
import { startupLine } from './startup-line';
import { startScheduler } from './sync/scheduler';
import { createAdapter } from './teams/adapter';
import { createBot } from './teams/create-bot';
import { rolePolicy } from './bot/roles';
import { botRoute } from './teams/bot-route';
import { startNotifier } from './notify/notifier';
import { downloadsRoute } from './http/downloads';
import { RateLimiter } from './notify/rate-limit';
import { Sender } from './notify/sender';
import { stocktakeCards } from './bot/stocktake-cards';
import { startStocktakeSchedule, stocktakeFollow } from './bot/stocktake-follow';
import { workflowCardCopies } from './bot/workflow-copies';
import { troubleshooter } from './troubleshooting';
import { startReminderSchedule } from './workflows/reminders';
import { createServices, type Services } from './services';
import type { Config } from './config/config';
import type { Logger } from './log';

/**
 * The server's composition: config → services (src/services.ts, shared with the CLI) → bot,
 * notifier, schedules and HTTP. The rest of the code receives what it needs.
 */
const LOOPBACK = '127.0.0.1';

/** The validated config, or the reasons on stderr and exit 1: a server that must not start. */
function serverConfig(): Config {
  try {
    const config = loadConfig();
    const refused = serverStartProblems(config);
    if (refused.length > 0) throw new ConfigError(refused);
    return config;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** The services, or the reason in the log and exit 1 (a broken guide, no database). */
async function servicesOrExit(config: Config, log: Logger): Promise<Services> {
  // The troubleshooting guides are data an admin may edit: a broken one stops the start with
  // every problem listed (tree, step, what is wrong), not a user half-way through a guide.
  try {
    troubleshooter();
  } catch (e) {
    log.fatal({ err: e }, e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  try {
    return await createServices(config, { log });
  } catch (e) {
    const message = isDaichoError(e) ? t('en', e.messageKey, e.params) : String(e);
    log.fatal({ err: e }, message);
    process.exit(1);
  }
}

function scheduleSync(services: Services) {
  const { config, sync, log } = services;
  return startScheduler(
    config.syncSchedule,
    async () => {
      if (!(await sync.master())) return; // nothing linked: nothing to sync
      await sync.sync({ trigger: 'schedule', actor: { by: 'scheduler' } }).catch((e: unknown) => {
        if (isDaichoError(e, 'SYNC_BUSY'))
          log.info('another process is syncing; this scheduled run is skipped');
        else throw e;
      });
    },
    log,
  );
}

/**
 * Stocktakes: the ask cards and the admin's progress card, through the same sender; the schedule
 * (every minute) closes at the deadline, sends the ask cards due, and reminds (weekdays 9–18 in
 * Japan, once a day per user).
 */
function stocktakeSending(services: Services, sender: Sender) {
  const { config, conversations, log } = services;
  const locale = config.botLocale === 'auto' ? config.locale : config.botLocale;
  const cardSender = sender.withMaxWait(30_000);
  const cards = stocktakeCards({
    stocktakes: services.stocktakes,
    conversations,
    sender: cardSender,
    locale,
    log,
  });
  const follow = stocktakeFollow({
    followUp: services.stocktakeFollowUp,
    stocktakes: services.stocktakes,
    conversations,
    cards,
    sender: cardSender,
    locale,
    log,
  });
  const intervalMs = Math.max(config.notify.intervalMs, 60_000);
  return {
    cards,
    startSchedule: () =>
      startStocktakeSchedule(cards, follow, intervalMs, log, services.stocktakes),
  };
}

/** The bot and what sends proactively for it: the alerts notifier, workflow cards, reminders. */
function startBot(services: Services) {
  const { config, deviceReads, alerts, workflows, conversations, log } = services;
  const roles = rolePolicy(config.admins, !config.bot, log);
  const adapter = createAdapter(config.bot, { openIdMetadataUrl: config.botOpenIdMetadataUrl });
  // One sender (and so one rate limiter) for every proactive message: Teams counts them all
  // against one limit. The notifier turns the alerts outbox into cards in the alert channels;
  // the bot uses it to update those cards in place when someone acts on one.
  const botAppId = config.bot?.appId ?? '';
  const sender = new Sender({
    adapter,
    botAppId,
    limiter: new RateLimiter(),
    log,
    maxWaitMs: 60_000,
  });
  const notifier = startNotifier({
    deviceReads,
    conversations,
    alerts,
    adapter,
    botAppId,
    log,
    locale: config.locale,
    mode: config.notify.mode,
    intervalMs: config.notify.intervalMs,
    sender,
  });
  // Device-replacement workflows: their cards are updated in place for everyone, and a workflow
  // left idle gets a reminder where it was started. Those wait less for a slot than alerts do.
  const workflowCards = workflowCardCopies({
    deviceReads,
    workflows,
    conversations,
    log,
    sender: sender.withMaxWait(30_000),
  });
  const reminders = startReminderSchedule({
    days: config.workflowReminderDays,
    now: () => new Date(),
    idle: (days, now) => workflows.idleWorkflows(days, now),
    claim: (id, now, lastActivity) => workflows.markReminded(id, now, lastActivity),
    release: (id, claimedAt) => workflows.releaseReminder(id, claimedAt),
    send: (workflow, days) => workflowCards.sendReminder(workflow, days),
    log,
  });
  const stocktakes = stocktakeSending(services, sender);
  const bot = createBot(
    {
      ...services,
      roles,
      alertCards: notifier,
      workflowCards,
      stocktakeCards: stocktakes.cards,
      // Microsoft 365 provisioning, through the Intune connection's app registration: without
      // one, the bot's provision commands say what to configure.
      provisioning: config.intune ? services.provisioning : undefined,
    },
    adapter,
  );
  if (!config.bot) log.warn({ mode: 'local', host: LOOPBACK }, t('en', 'bot.localTesting'));
  else if (config.admins.userIds.length === 0 && config.admins.teamIds.length === 0)
    log.warn({ mode: 'authenticated' }, t('en', 'bot.noAdmins'));
  log.info({ roles: roles.describe() }, 'bot roles');
  const asks = stocktakes.startSchedule();
  const stopSchedules = () => (reminders.stop(), asks.stop());
  return { adapter, bot, notifier, askCards: stocktakes.cards, reminders: { stop: stopSchedules } };
}

/** A port that is taken (or not ours to take): one line saying which and what to do, exit 1. */
function portProblemExit(log: Logger, port: number, state: 'in-use' | 'denied'): never {
  log.fatal(
    { port },
    state === 'in-use'
      ? t('en', 'server.portInUse', { port, next: port + 1 })
      : t('en', 'server.portDenied', { port }),
  );
  process.exit(1);
}

async function start(): Promise<void> {
  const config = serverConfig();
  const log = createLogger(config.logLevel, 'stdout', config.logFormat);
  captureConsole(log);
  // Before the database is opened (an embedded one may be started for it): a port that is taken
  // stops the start at once. Another process may still take it meanwhile: listen() says so too.
  const state = await portState(config.port);
  if (state !== 'free') portProblemExit(log, config.port, state);
  const startedAt = new Date();
  const services = await servicesOrExit(config, log);
  const db = services.database!; // opened by createServices: no `db` option was given
  if (db.info.kind === 'emulator') log.warn(t('en', 'db.emulatorWarning'));
  const scheduler = scheduleSync(services);
  const { adapter, bot, notifier, askCards, reminders } = startBot(services);

  const server = createHttpServer(
    {
      '/healthz': healthzRoute(db, startedAt),
      '/api/messages': botRoute(adapter, async (context) => void (await bot.run(context)), log, {
        authenticated: !!config.bot,
      }),
      '/downloads/': downloadsRoute(services.downloads, log),
    },
    log,
  );
  // Local mode authenticates nobody, so nothing but this machine may reach it.
  const host = config.bot ? undefined : LOOPBACK;
  const port = await listen(server, config.port, host).catch((e: unknown) => {
    if (isAddressInUse(e)) portProblemExit(log, config.port, 'in-use');
    throw e;
  });
  log.info(
    {
      port,
      host: host ?? 'all interfaces',
      database: db.info,
      mode: config.production ? 'production' : 'local',
    },
    startupLine({
      host,
      port,
      database: db.info,
      production: config.production,
      authenticated: !!config.bot,
      // npm run playground starts the server with this argument (an internal one, not a setting).
      underPlayground: process.argv.includes('--under-playground'),
    }),
  );

  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    scheduler.stop();
    reminders.stop();
    server.close();
    // Unsent alerts go back to pending, and the ask cards already on their way are recorded
    // (those not sent yet go after the restart), before the database closes.
    void Promise.all([notifier.stop(), askCards.stop()])
      .finally(() => db.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void start();
