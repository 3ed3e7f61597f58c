import type { ObjectId } from 'mongodb';
import type { MdmProvider } from '../ledger/device';
import type { SafetyLimit } from '../sync/safety-limit';
import type { DuplicateFinding, MissingFinding, ReenrolmentFinding } from '../sync/reconcile-types';
import type { SyncCounts } from '../sync/summary';

/** A device imported under another asset number than the MDM asked for (it was taken). */
export interface ConflictFinding {
  mdmDeviceId: string;
  deviceName: string | null;
  wanted: string;
  takenBy: string;
  assignedAssetNumber: string;
}

/**
 * What the ledger says now about the devices of a duplicate alert, looked up when its card is
 * built (the finding is what the sync saw; the admin needs to know what became of each device).
 * Attached to a copy of the alert for its card, never written to the outbox.
 */
export interface DuplicateLedgerView {
  /** The key value as the MDM or an admin wrote it; the finding keeps only its folded form. */
  keyText: string | null;
  /** MDM device id → asset number of the ledger device linked to it. */
  byMdmDevice: Record<string, string>;
  /** The finding's asset numbers still in the ledger. */
  present: string[];
  /** …of which a merge may delete: not synced, or gone from the MDM (seed 000's delete lock). */
  deletable: string[];
  /**
   * …whose MDM device has left: kept, it may take over the MDM link of one synced twin (the
   * duplicate a re-enrolled device got before the 2025/12/15 rule), keeping its asset number.
   */
  takeOver?: string[];
}

export type DuplicatePayload = DuplicateFinding & { ledgerView?: DuplicateLedgerView };

/** A failed or partial run. A failed read that came up short also names its figures. */
export interface RunFailurePayload {
  errors: string[];
  /** What the MDM stated it holds, what was read, and which listing (sync.readIncomplete). */
  stated?: string | number;
  read?: string | number;
  listing?: string | number;
}

/** A run held by the safety limit, waiting for an admin's approval. */
export interface HeldRunPayload {
  /** Why it was held: 'safety-limit'. */
  reason: string;
  changes: number;
  syncedBefore: number;
  percent: number;
  /** What the run would have done; absent on alerts raised before it was kept. */
  counts?: SyncCounts;
  limit?: SafetyLimit;
}

/** What an admin can do about a device a stocktake answer flagged (the alert card's buttons). */
export type StocktakeNextStep = 'reassign' | 'markLost' | 'replace';

/** A stocktake (棚卸) answer that needs an admin: the device is lost, or not the user's. */
export interface StocktakeAnswerPayload {
  stocktakeId: string;
  assetNumber: string;
  result: 'notMine' | 'lost';
  /** 利用者 of the device when the stocktake asked. */
  user: string | null;
  answeredBy: string;
  note: string | null;
  /** The next steps, in the order the card offers them. */
  nextSteps: StocktakeNextStep[];
  /** The serial number the user proposed with this answer (an admin accepts it); absent: none. */
  proposedSerial?: string | null;
}

/** Each kind of alert with what it carries: the finding of the sync, or the run's summary. */
export interface AlertPayloads {
  duplicate: DuplicatePayload;
  'asset-number-conflict': ConflictFinding;
  'missing-from-mdm': MissingFinding;
  reenrolment: ReenrolmentFinding;
  'sync-failed': RunFailurePayload;
  'sync-partial': RunFailurePayload;
  'run-held': HeldRunPayload;
  'stocktake-answer': StocktakeAnswerPayload;
}

export type AlertType = keyof AlertPayloads;

/** One alert kind: its `type` tells its `payload` apart (a discriminated union). */
export type AlertOf<T extends AlertType> = { [K in T]: { type: K; payload: AlertPayloads[K] } }[T];

/** Any alert kind. */
export type AlertKind = AlertOf<AlertType>;

export type AlertStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'resolved';

/** A message that carries an alert, to update its card in place once it is resolved. */
export interface SentActivity {
  conversationId: string;
  activityId: string;
  card: 'alert' | 'digest';
}

/** A conversation that refused an alert for good (403 bot removed, 404 …). */
export interface FailedDelivery {
  conversationId: string;
  error: string;
  at: Date;
}

/** Who resolved an alert and with which button (the verb), shown on its card. */
export interface StoredResolution {
  by: string;
  verb: string;
  at: Date;
}

/** Where an alert is on its way to the alert channels; set by the notifier's claims. */
export interface AlertDelivery {
  /** Not before this time (retry backoff); absent = at once. */
  nextAttemptAt?: Date | null;
  /** The replica that is sending it, until `claimExpiresAt` (then another may take it over). */
  claimedBy?: string | null;
  claimExpiresAt?: Date | null;
  /** Every message that carries this alert, to update the cards in place once it is resolved. */
  sentActivities?: SentActivity[];
  /** Conversations that refused it for good: not tried again. */
  failedDeliveries?: FailedDelivery[];
  sentAt?: Date | null;
  lastError?: string | null;
  failedAt?: Date | null;
}

/** The kinds a sync or an MDM link raises: they carry the MDM's name. */
export type MdmAlertType = Exclude<AlertType, 'stocktake-answer'>;

/** What every stored alert has, whatever its kind. */
export interface AlertEnvelope extends AlertDelivery {
  /** The finding's key, so the same finding is never raised twice. */
  _id: string;
  /** The MDM whose finding it is; null for the ledger's own alerts (stocktakes). */
  provider: MdmProvider | null;
  runId: ObjectId | null;
  createdAt: Date;
  status: AlertStatus;
  attempts: number;
  /** Set by an admin's button (absent when a sync or an unlink resolved it). */
  resolution?: StoredResolution;
}

/** An alert in the outbox (the `alerts` collection): its kind, its envelope, its delivery. */
export type AlertDoc = AlertKind & AlertEnvelope;

/** A stored alert of one kind. */
export type AlertDocOf<T extends AlertType> = Extract<AlertDoc, { type: T }>;

export function isAlertOf<T extends AlertType>(alert: AlertDoc, type: T): alert is AlertDocOf<T> {
  return alert.type === type;
}

const KIND_OF: { [K in AlertType]: (payload: AlertPayloads[K]) => AlertOf<K> } = {
  duplicate: (payload) => ({ type: 'duplicate', payload }),
  'asset-number-conflict': (payload) => ({ type: 'asset-number-conflict', payload }),
  'missing-from-mdm': (payload) => ({ type: 'missing-from-mdm', payload }),
  reenrolment: (payload) => ({ type: 'reenrolment', payload }),
  'sync-failed': (payload) => ({ type: 'sync-failed', payload }),
  'sync-partial': (payload) => ({ type: 'sync-partial', payload }),
  'run-held': (payload) => ({ type: 'run-held', payload }),
  'stocktake-answer': (payload) => ({ type: 'stocktake-answer', payload }),
};

/** An alert kind from its type and payload, typed by the type (for builders and tests). */
export function alertKind<T extends AlertType>(type: T, payload: AlertPayloads[T]): AlertOf<T> {
  return KIND_OF[type](payload);
}
