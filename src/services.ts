import type { Db } from 'mongodb';
import { Alerts } from './alerts';
import type { Config } from './config/config';
import { ConversationStore } from './conversations/conversation-store';
import { collections } from './db/collections';
import { openDatabase, type Database } from './db/database';
import { DownloadStore } from './downloads/download-store';
import { Leases } from './lease/lease';
import { DeviceReads } from './ledger/device-reads';
import { LedgerService } from './ledger/ledger-service';
import { serialMatcher } from './ledger/serial';
import { teamsAppInstaller } from './mdm/teams-app-installer';
import type { RetryPolicy } from './mdm/retry';
import { createLogger, type Logger } from './log';
import { PeopleService } from './people/people-service';
import { graphDirectoryFor, ProvisioningService } from './provisioning/provisioning-service';
import { LinkService } from './sync/link-service';
import type { SafetyLimit } from './sync/safety-limit';
import { sourceFactory, type SourceFactory } from './sync/sources';
import { MongoStorage } from './teams/mongo-storage';
import { SyncService } from './sync/sync-service';
import { reachableByConversations } from './stocktake/reachability';
import { StocktakeFollowUp } from './stocktake/stocktake-follow-up';
import { StocktakeService } from './stocktake/stocktake-service';
import { StocktakeStore } from './stocktake/stocktake-store';
import { syncStores } from './sync/sync-stores';
import { TroubleshootSessionStore } from './troubleshooting/session-store';
import { WorkflowService } from './workflows/workflow-service';

/** What differs between the server, the CLI and the tests; everything else is the config's. */
export interface ServicesOptions {
  /** Default: a logger at the config's level. The CLI passes its quiet one. */
  log?: Logger;
  /** An already-open database (tests): used as is, and left open by close(). */
  db?: Db;
  /** Default: the Graph/Jamf readers of the config. Tests shorten their retry delays. */
  sources?: SourceFactory;
  /** Default: the config's percent and minimum of devices. */
  safetyLimit?: SafetyLimit | number;
  /** The stocktake installer's retry delays (tests shorten them). */
  installRetry?: Partial<RetryPolicy>;
}

/** Everything the server and the CLI work with, built once. */
export interface Services {
  config: Config;
  log: Logger;
  /** The database opened here (absent when the caller gave its own `db`). */
  database?: Database;
  /** The alerts outbox: raised by sync, claimed by the notifier, resolved by the bot. */
  alerts: Alerts;
  ledger: LedgerService;
  /** The ledger read for cards and alerts: devices, their history, how they are named. */
  deviceReads: DeviceReads;
  sync: SyncService;
  links: LinkService;
  people: PeopleService;
  /** Always built; without an Intune connection each run says what to configure. */
  provisioning: ProvisioningService;
  workflows: WorkflowService;
  /** Stocktakes (棚卸): start, answers, status, report, close. */
  stocktakes: StocktakeService;
  /** Stocktakes without anyone pressing: the deadline's close, reminders. */
  stocktakeFollowUp: StocktakeFollowUp;
  conversations: ConversationStore;
  downloads: DownloadStore;
  troubleshootSessions: TroubleshootSessionStore;
  leases: Leases;
  /** The bot's turn state (botbuilder's Storage on MongoDB). */
  botStorage: MongoStorage;
  /** Closes the database opened here (nothing when the caller gave its own). */
  close(): Promise<void>;
}

/** The one composition of the services: config (and the few options) → services. */
export async function createServices(
  config: Config,
  options: ServicesOptions = {},
): Promise<Services> {
  const log = options.log ?? createLogger(config.logLevel, 'stdout', config.logFormat);
  let database: Database | undefined;
  let db = options.db;
  if (!db) {
    database = await openDatabase(config);
    db = database.db;
  }
  const c = collections(db);
  const ledger = new LedgerService(c, serialMatcher(config.serialPlaceholders));
  const alerts = new Alerts(c);
  const leases = new Leases(c.leases);
  const sync = new SyncService(
    syncStores(c, ledger, alerts, leases),
    options.sources ?? sourceFactory(config, log),
    options.safetyLimit ?? {
      percent: config.syncSafetyLimitPercent,
      minDevices: config.syncSafetyLimitMinDevices,
    },
    log,
  );
  const links = new LinkService(ledger, sync, (p) =>
    p === 'intune' ? !!config.intune : !!config.jamf,
  );
  const people = new PeopleService(c);
  const directory = graphDirectoryFor(config, log);
  const conversations = new ConversationStore(c.conversations);
  const stocktakeStore = new StocktakeStore(c);
  const stocktakes = new StocktakeService({
    store: stocktakeStore,
    ledger,
    alerts,
    people,
    reachable: reachableByConversations(conversations, people),
    installer: stocktakeInstaller(config, log, options.installRetry),
  });
  return {
    config,
    log,
    database,
    alerts,
    ledger,
    deviceReads: new DeviceReads(c),
    sync,
    links,
    people,
    provisioning: new ProvisioningService({ records: c, leases, people, config, directory, log }),
    workflows: new WorkflowService({ workflows: c.workflows, ledger }),
    stocktakes,
    stocktakeFollowUp: new StocktakeFollowUp({ store: stocktakeStore, stocktakes }),
    conversations,
    downloads: new DownloadStore(c.downloads, config.publicUrl),
    troubleshootSessions: new TroubleshootSessionStore(c.troubleshootSessions),
    leases,
    botStorage: new MongoStorage(c.botState),
    close: async () => await database?.close(),
  };
}

/**
 * Installs the bot for stocktake users without a chat, through the Intune connection's app
 * registration: only with DAICHO_STOCKTAKE_INSTALL=auto, a catalog id and that connection.
 */
function stocktakeInstaller(config: Config, log: Logger, retry?: Partial<RetryPolicy>) {
  const { mode, catalogId } = config.stocktakeInstall;
  if (mode !== 'auto' || !catalogId) return undefined;
  if (!config.intune) {
    log.warn('DAICHO_STOCKTAKE_INSTALL=auto needs the Intune app registration (AZURE_*): off');
    return undefined;
  }
  return teamsAppInstaller(config.intune, {
    catalogId,
    timeoutMs: config.mdmRequestTimeoutMs,
    retry,
    log,
  });
}
