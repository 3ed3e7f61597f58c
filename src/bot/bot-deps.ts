import type { Alerts } from '../alerts';
import type { Config } from '../config/config';
import type { ConversationStore } from '../conversations/conversation-store';
import type { Collections } from '../db/collections';
import type { DownloadStore } from '../downloads/download-store';
import type { Locale } from '../i18n/messages';
import type { LedgerService } from '../ledger/ledger-service';
import type { Logger } from '../log';
import type { LinkService } from '../sync/link-service';
import type { SyncService } from '../sync/sync-service';
import type { Notifier } from '../notify/notifier';
import type { PeopleService } from '../people/people-service';
import type { ProvisioningService } from '../provisioning/provisioning-service';
import type { TroubleshootSessionStore } from '../troubleshooting/session-store';
import type { WorkflowService } from '../workflows/workflow-service';
import type { RolePolicy } from './roles';
import type { WorkflowCardCopies } from './workflow-copies';

/** What the handlers work with; built once by the composition root. */
export interface BotDeps {
  config: Config;
  /**
   * Only for the records whose owners are being built apart (alerts, the ledger's sync runs and
   * integrations) and the bot's turn state; every other record goes through its owner below.
   */
  c: Collections;
  /** Where the bot is installed (install/remove, the alert channel). */
  conversations: ConversationStore;
  /** Files offered by cards. */
  downloads: DownloadStore;
  /** Where each user is in a troubleshooting guide. */
  troubleshootSessions: TroubleshootSessionStore;
  /** The people directory. */
  people: PeopleService;
  /** The alerts outbox: read for cards, resolved by the alert buttons. */
  alerts: Alerts;
  ledger: LedgerService;
  sync: SyncService;
  links: LinkService;
  roles: RolePolicy;
  log: Logger;
  /** Updates the alert cards already sent (the notifier); absent in tests without one. */
  alertCards?: Pick<Notifier, 'updateAlertCards'>;
  /** Device-replacement workflows; absent: the replace commands say they are not available. */
  workflows?: WorkflowService;
  /** Updates every copy of a workflow card in place (proactively); absent in most tests. */
  workflowCards?: WorkflowCardCopies;
  /** Microsoft 365 provisioning; absent (no Graph connection): the provision commands say so. */
  provisioning?: ProvisioningService;
  /** How long a provisioning Apply press waits before "still applying" (tests shorten it). */
  applyWaitMs?: number;
}

export type { Locale };
