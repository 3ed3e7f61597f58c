import { loadConfig, ConfigError, serverStartProblems } from './config/config';
import { openDatabase } from './db/database';
import { isDaichoError } from './errors';
import { healthzRoute } from './http/healthz';
import { createHttpServer, listen } from './http/server';
import { t } from './i18n/messages';
import { captureConsole, createLogger } from './log';
import { collections } from './db/collections';
import { LedgerService } from './ledger/ledger-service';
import { serialMatcher } from './ledger/serial';
import { startScheduler } from './sync/scheduler';
import { sourceFactory } from './sync/sources';
import { SyncService } from './sync/sync-service';
import { syncStores } from './sync/sync-stores';
import { LinkService } from './sync/link-service';
import { createAdapter } from './bot/adapter';
import { createBot } from './bot/create-bot';
import { rolePolicy } from './bot/roles';
import { botRoute } from './http/bot-route';
import { startNotifier } from './notify/notifier';
import { downloadsRoute } from './http/downloads';
import { RateLimiter } from './notify/rate-limit';
import { Sender } from './notify/sender';
import { workflowCardCopies } from './bot/workflow-copies';
import { WorkflowService } from './workflows/workflow-service';
import { troubleshooter } from './troubleshooting';
import { releaseReminder, startReminderSchedule } from './workflows/reminders';
import { PeopleService } from './people/people-service';
import { graphDirectoryFor, ProvisioningService } from './provisioning/provisioning-service';

/**
 * The composition root: config → database → services → HTTP. Everything is wired here and only
 * here; the rest of the code receives what it needs.
 */
const LOOPBACK = '127.0.0.1';

async function start(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    const refused = serverStartProblems(config);
    if (refused.length > 0) throw new ConfigError(refused);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  captureConsole(log);
  const startedAt = new Date();
  // The troubleshooting guides are data an admin may edit: a broken one stops the start with
  // every problem listed (tree, step, what is wrong), not a user half-way through a guide.
  try {
    troubleshooter();
  } catch (e) {
    log.fatal({ err: e }, e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
  let db;
  try {
    db = await openDatabase(config);
  } catch (e) {
    const message = isDaichoError(e) ? t('en', e.messageKey, e.params) : String(e);
    log.fatal({ err: e }, message);
    process.exit(1);
  }
  if (db.info.kind === 'emulator') log.warn(t('en', 'db.emulatorWarning'));

  const c = collections(db.db);
  const ledger = new LedgerService(c, serialMatcher(config.serialPlaceholders));
  const sync = new SyncService(
    syncStores(c, ledger),
    sourceFactory(config, log),
    { percent: config.syncSafetyLimitPercent, minDevices: config.syncSafetyLimitMinDevices },
    log,
  );
  const scheduler = startScheduler(
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

  const links = new LinkService(ledger, sync, (p) =>
    p === 'intune' ? !!config.intune : !!config.jamf,
  );
  const roles = rolePolicy(config.admins, !config.bot, log);
  const adapter = createAdapter(config.bot, { openIdMetadataUrl: config.botOpenIdMetadataUrl });
  // The notifier turns the alerts outbox into proactive cards in the alert channels; the bot
  // uses it to update those cards in place when someone acts on one.
  // One rate limiter for every proactive message: Teams counts them all against one limit.
  const limiter = new RateLimiter();
  const notifier = startNotifier({
    c,
    adapter,
    botAppId: config.bot?.appId ?? '',
    log,
    locale: config.locale,
    mode: config.notify.mode,
    intervalMs: config.notify.intervalMs,
    limiter,
  });
  // Device-replacement workflows: their cards are updated in place for everyone, and a workflow
  // left idle gets a reminder where it was started.
  const workflows = new WorkflowService({ workflows: c.workflows, ledger });
  const workflowCards = workflowCardCopies({
    c,
    workflows,
    log,
    sender: new Sender({
      adapter,
      botAppId: config.bot?.appId ?? '',
      limiter,
      log,
      maxWaitMs: 30_000,
    }),
  });
  const reminders = startReminderSchedule({
    days: config.workflowReminderDays,
    now: () => new Date(),
    idle: (days, now) => workflows.idleWorkflows(days, now),
    claim: (id, now, lastActivity) => workflows.markReminded(id, now, lastActivity),
    release: releaseReminder(c.workflows),
    send: (workflow, days) => workflowCards.sendReminder(workflow, days),
    log,
  });
  // Microsoft 365 provisioning of the people directory, through the Intune connection's app
  // registration: without one, the bot's provision commands say what to configure.
  const people = new PeopleService(c);
  const provisioning = config.intune
    ? new ProvisioningService({ c, people, config, directory: graphDirectoryFor(config, log), log })
    : undefined;
  const bot = createBot(
    {
      config,
      c,
      ledger,
      sync,
      links,
      roles,
      log,
      alertCards: notifier,
      workflows,
      workflowCards,
      people,
      provisioning,
    },
    adapter,
  );
  if (!config.bot) log.warn({ mode: 'local', host: LOOPBACK }, t('en', 'bot.localTesting'));
  else if (config.admins.userIds.length === 0 && config.admins.teamIds.length === 0)
    log.warn({ mode: 'authenticated' }, t('en', 'bot.noAdmins'));
  log.info({ roles: roles.describe() }, 'bot roles');

  const server = createHttpServer(
    {
      '/healthz': healthzRoute(db, startedAt),
      '/api/messages': botRoute(adapter, async (context) => void (await bot.run(context)), log, {
        authenticated: !!config.bot,
      }),
      '/downloads/': downloadsRoute(c.downloads, log),
    },
    log,
  );
  // Local mode authenticates nobody, so nothing but this machine may reach it.
  const host = config.bot ? undefined : LOOPBACK;
  const port = await listen(server, config.port, host);
  log.info(
    { port, host: host ?? 'all interfaces', database: db.info },
    `Daicho listening on http://${host ?? 'localhost'}:${port} (health: /healthz); database: ${db.info.kind} ${db.info.uri} db=${db.info.name}`,
  );

  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    scheduler.stop();
    reminders.stop();
    server.close();
    // Unsent alerts go back to pending before the database closes.
    void notifier
      .stop()
      .finally(() => db.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void start();
