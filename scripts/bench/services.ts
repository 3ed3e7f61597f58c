/**
 * The product's services as the benchmarks build them: the one place that knows the
 * constructors; the sync is the one `createServices(config)` builds for the server and the CLI.
 * Fixtures still seed the driver's collections directly (`collections`).
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Db } from 'mongodb';
import type { Config } from '../../src/config/config';
import { collections, ensureIndexes, type Collections } from '../../src/db/collections';
import { DeviceReads } from '../../src/ledger/device-reads';
import { Leases } from '../../src/lease/lease';
import { LedgerService } from '../../src/ledger/ledger-service';
import type { Logger } from '../../src/log';
import { Alerts } from '../../src/alerts';
import { ConversationStore } from '../../src/conversations/conversation-store';
import { startNotifier, type Notifier } from '../../src/notify/notifier';
import { PeopleService } from '../../src/people/people-service';
import type { DirectoryClient } from '../../src/provisioning/graph-directory';
import { ProvisioningService } from '../../src/provisioning/provisioning-service';
import type { LinkService } from '../../src/sync/link-service';
import { createIntuneSource } from '../../src/sync/sources/intune';
import type { SyncService } from '../../src/sync/sync-service';
import { createServices } from '../../src/services';
import { serialMatcher } from '../../src/ledger/serial';
import { stocktakeCards, type StocktakeCards } from '../../src/bot/stocktake-cards';
import { RateLimiter } from '../../src/notify/rate-limit';
import { Sender } from '../../src/notify/sender';
import { reachableByConversations } from '../../src/stocktake/reachability';
import { StocktakeService } from '../../src/stocktake/stocktake-service';
import { StocktakeStore } from '../../src/stocktake/stocktake-store';

/** The collections of a fresh benchmark database, with the product's indexes. */
export async function benchCollections(db: Db): Promise<Collections> {
  await ensureIndexes(db);
  return collections(db);
}

export interface SyncServices {
  ledger: LedgerService;
  sync: SyncService;
  links: LinkService;
}

/**
 * The ledger, the sync and the link as the server builds them (`createServices`) on the bench's
 * database, reading Intune as `config` says, with the safety limit's percent only.
 */
export async function syncServices(db: Db, config: Config, log: Logger): Promise<SyncServices> {
  const intune = config.intune;
  if (!intune) throw new Error('no Intune settings in the environment');
  const sources = () => createIntuneSource(intune, config.mdmRequestTimeoutMs, log);
  const services = await createServices(config, {
    db,
    log,
    sources,
    safetyLimit: config.syncSafetyLimitPercent,
  });
  return { ledger: services.ledger, sync: services.sync, links: services.links };
}

/** The notifier with product defaults, cycled by `runOnce()` only; no credentials. */
export function benchNotifier(c: Collections, log: Logger): Notifier {
  return startNotifier({
    deviceReads: new DeviceReads(c),
    conversations: new ConversationStore(c.conversations),
    alerts: new Alerts(c),
    adapter: new TeamsAdapter({}),
    botAppId: '',
    log,
    intervalMs: 0, // cycles by runOnce(), back to back
  });
}

/** Provisioning runs over `directory` (a new Graph client per run). */
export function provisioningService(
  c: Collections,
  config: Config,
  log: Logger,
  directory: () => DirectoryClient,
): ProvisioningService {
  return new ProvisioningService({
    records: c,
    leases: new Leases(c.leases),
    people: new PeopleService(c),
    config,
    log,
    directory,
  });
}

/** The stocktake service as createServices builds it (reachability by personal chats). */
export function benchStocktakes(c: Collections): StocktakeService {
  const people = new PeopleService(c);
  return new StocktakeService({
    store: new StocktakeStore(c),
    ledger: new LedgerService(c, serialMatcher()),
    alerts: new Alerts(c),
    people,
    reachable: reachableByConversations(new ConversationStore(c.conversations), people),
  });
}

/**
 * The bot's stocktake cards as src/index.ts builds them: the server's one Sender (Teams' limits,
 * product retries) with the stocktake's 30 s longest wait, through botbuilder's CloudAdapter.
 */
export function benchStocktakeCards(
  c: Collections,
  stocktakes: StocktakeService,
  log: Logger,
): StocktakeCards {
  const sender = new Sender({
    adapter: new TeamsAdapter({}),
    botAppId: '',
    limiter: new RateLimiter(),
    log,
    maxWaitMs: 60_000,
  });
  return stocktakeCards({
    stocktakes,
    conversations: new ConversationStore(c.conversations),
    sender: sender.withMaxWait(30_000),
    locale: 'ja',
    log,
  });
}
