import type { Config } from '../config/config';
import type { Collections } from '../db/collections';
import type { Locale } from '../i18n/messages';
import type { LedgerService } from '../ledger/ledger-service';
import type { Logger } from '../log';
import type { LinkService } from '../sync/link-service';
import type { SyncService } from '../sync/sync-service';
import type { Notifier } from '../notify/notifier';
import type { RolePolicy } from './roles';

/** What the handlers work with; built once by the composition root. */
export interface BotDeps {
  config: Config;
  c: Collections;
  ledger: LedgerService;
  sync: SyncService;
  links: LinkService;
  roles: RolePolicy;
  log: Logger;
  /** Updates the alert cards already sent (the notifier); absent in tests without one. */
  alertCards?: Pick<Notifier, 'updateAlertCards'>;
}

export type { Locale };
