import os from 'node:os';
import { loadConfig, type Config } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { collections } from '../db/collections';
import { t, type Locale } from '../i18n/messages';
import type { Actor } from '../ledger/actor';
import { LedgerService } from '../ledger/ledger-service';
import { serialMatcher } from '../ledger/serial';
import { createLogger } from '../log';
import { PeopleService } from '../people/people-service';
import { graphDirectoryFor, ProvisioningService } from '../provisioning/provisioning-service';
import { LinkService } from '../sync/link-service';
import { sourceFactory } from '../sync/sources';
import { SyncService } from '../sync/sync-service';
import { syncStores } from '../sync/sync-stores';

/** What every CLI command works with; opened lazily so `--help` needs no database. */
export interface CliContext {
  config: Config;
  locale: Locale;
  db: Database;
  ledger: LedgerService;
  sync: SyncService;
  links: LinkService;
  people: PeopleService;
  provisioning: ProvisioningService;
  actor: Actor;
  say(key: string, params?: Record<string, string | number>): string;
}

let opened: CliContext | undefined;
let config: Config | undefined;

/** The configuration, parsed once per run. */
export function cliConfig(): Config {
  return (config ??= loadConfig());
}

/** A sentence in the CLI user's language. */
export function cliSay(key: string, params?: Record<string, string | number>): string {
  return t(cliConfig().cliLocale, key, params);
}

export async function openContext(): Promise<CliContext> {
  if (opened) return opened;
  const config = cliConfig();
  const locale = config.cliLocale;
  const db = await openDatabase(config);
  if (db.info.kind === 'emulator') process.stderr.write(`${t(locale, 'db.emulatorWarning')}\n`);
  const c = collections(db.db);
  const ledger = new LedgerService(c, serialMatcher(config.serialPlaceholders));
  // A command says what went wrong in one line of its own; the services' error records (with
  // stack traces) are for LOG_LEVEL=debug, not for the admin at the prompt.
  const log = createLogger(config.logLevel === 'info' ? 'fatal' : config.logLevel, 'stderr');
  const sync = new SyncService(
    syncStores(c, ledger),
    sourceFactory(config, log),
    { percent: config.syncSafetyLimitPercent, minDevices: config.syncSafetyLimitMinDevices },
    log,
  );
  const links = new LinkService(ledger, sync, (p) =>
    p === 'intune' ? !!config.intune : !!config.jamf,
  );
  const people = new PeopleService(c);
  const provisioning = new ProvisioningService({
    c,
    people,
    config,
    directory: graphDirectoryFor(config, log),
    log,
  });
  opened = {
    config,
    locale,
    db,
    ledger,
    sync,
    links,
    people,
    provisioning,
    actor: { by: `cli:${os.userInfo().username}` },
    say: (key, params) => t(locale, key, params),
  };
  return opened;
}

export async function closeContext(): Promise<void> {
  await opened?.db.close();
  opened = undefined;
}
