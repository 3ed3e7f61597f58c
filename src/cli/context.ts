import os from 'node:os';
import type { Alerts } from '../alerts';
import { loadConfig, type Config } from '../config/config';
import type { Database } from '../db/database';
import { t, type Locale, type MessageKey } from '../i18n/messages';
import type { Leases } from '../lease/lease';
import type { Actor } from '../ledger/actor';
import type { LedgerService } from '../ledger/ledger-service';
import { createLogger } from '../log';
import type { PeopleService } from '../people/people-service';
import type { ProvisioningService } from '../provisioning/provisioning-service';
import { createServices } from '../services';
import type { LinkService } from '../sync/link-service';
import type { StocktakeService } from '../stocktake/stocktake-service';
import type { SyncService } from '../sync/sync-service';

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
  leases: Leases;
  alerts: Alerts;
  stocktakes: StocktakeService;
  actor: Actor;
  say(key: MessageKey, params?: Record<string, string | number>): string;
}

let opened: CliContext | undefined;
let config: Config | undefined;

/** The configuration, parsed once per run. */
export function cliConfig(): Config {
  return (config ??= loadConfig());
}

/** A sentence in the CLI user's language. */
export function cliSay(key: MessageKey, params?: Record<string, string | number>): string {
  return t(cliConfig().cliLocale, key, params);
}

export async function openContext(): Promise<CliContext> {
  if (opened) return opened;
  const config = cliConfig();
  const locale = config.cliLocale;
  // A command says what went wrong in one line of its own; the services' error records (with
  // stack traces) are for LOG_LEVEL=debug, not for the admin at the prompt.
  const log = createLogger(
    config.logLevel === 'info' ? 'fatal' : config.logLevel,
    'stderr',
    config.logFormat,
  );
  const services = await createServices(config, { log });
  const db = services.database!;
  // Once per start of the emulator, not on every command (the server logs it at its own start).
  if (db.info.kind === 'emulator' && db.firstNoticeOfStart('memory-only'))
    process.stderr.write(`${t(locale, 'db.emulatorWarning')}\n`);
  const { ledger, sync, links, people, provisioning, leases, alerts, stocktakes } = services;
  opened = {
    config,
    locale,
    db,
    ledger,
    sync,
    links,
    people,
    provisioning,
    leases,
    alerts,
    stocktakes,
    actor: { by: `cli:${os.userInfo().username}` },
    say: (key, params) => t(locale, key, params),
  };
  return opened;
}

export async function closeContext(): Promise<void> {
  await opened?.db.close();
  opened = undefined;
}
