/**
 * The product's services as the benchmarks build them: the one place that knows the
 * constructors, so that moving the benchmarks to the shared `createServices(config)` is an edit
 * of this file only. Fixtures still seed the driver's collections directly (`collections`).
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Db } from 'mongodb';
import type { Config } from '../../src/config/config';
import { collections, ensureIndexes, type Collections } from '../../src/db/collections';
import { DeviceReads } from '../../src/ledger/device-reads';
import { Leases } from '../../src/lease/lease';
import { LedgerService } from '../../src/ledger/ledger-service';
import { serialMatcher } from '../../src/ledger/serial';
import type { Logger } from '../../src/log';
import { Alerts } from '../../src/alerts';
import { ConversationStore } from '../../src/conversations/conversation-store';
import { startNotifier, type Notifier } from '../../src/notify/notifier';
import { PeopleService } from '../../src/people/people-service';
import type { DirectoryClient } from '../../src/provisioning/graph-directory';
import { ProvisioningService } from '../../src/provisioning/provisioning-service';
import { LinkService } from '../../src/sync/link-service';
import { createIntuneSource } from '../../src/sync/sources/intune';
import { SyncService } from '../../src/sync/sync-service';

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

/** The ledger, the sync and the link, reading Intune as `config` says. */
export function syncServices(c: Collections, config: Config, log: Logger): SyncServices {
  const intune = config.intune;
  if (!intune) throw new Error('no Intune settings in the environment');
  const ledger = new LedgerService(c, serialMatcher());
  const sources = () => createIntuneSource(intune, config.mdmRequestTimeoutMs, log);
  const sync = new SyncService(ledger, sources, config.syncSafetyLimitPercent, log);
  const links = new LinkService(ledger, sync, () => true);
  return { ledger, sync, links };
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
