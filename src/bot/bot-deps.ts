import type { Alerts } from '../alerts';
import type { Config } from '../config/config';
import type { ConversationStore } from '../conversations/conversation-store';
import type { DownloadStore } from '../downloads/download-store';
import type { Locale } from '../i18n/messages';
import type { DeviceReads } from '../ledger/device-reads';
import type { LedgerService } from '../ledger/ledger-service';
import type { Logger } from '../log';
import type { LinkService } from '../sync/link-service';
import type { SyncService } from '../sync/sync-service';
import type { Notifier } from '../notify/notifier';
import type { PeopleService } from '../people/people-service';
import type { ProvisioningService } from '../provisioning/provisioning-service';
import type { MongoStorage } from '../teams/mongo-storage';
import type { TroubleshootSessionStore } from '../troubleshooting/session-store';
import type { WorkflowService } from '../workflows/workflow-service';
import type { StocktakeService } from '../stocktake/stocktake-service';
import type { RolePolicy } from './roles';
import type { StocktakeCards } from './stocktake-cards';
import type { WorkflowCardCopies } from './workflow-copies';

/** What the handlers work with; built once by the composition root. */
export interface BotDeps {
  config: Config;
  /** The bot's turn state (conversation and dialog state), kept in MongoDB across restarts. */
  botStorage: MongoStorage;
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
  /** The ledger read for cards: devices, their history, how they are named. */
  deviceReads: DeviceReads;
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
  /** Stocktakes (棚卸); absent: the stocktake command says it is not available. */
  stocktakes?: StocktakeService;
  /** Sends the ask cards and updates the progress card (proactively); absent in most tests. */
  stocktakeCards?: StocktakeCards;
  /** How long a provisioning Apply press waits before "still applying" (tests shorten it). */
  applyWaitMs?: number;
}

export type { Locale };
