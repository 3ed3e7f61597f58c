import type { Collection, Db, IndexDescription, ObjectId } from 'mongodb';
import { createIndexes } from './create-indexes';
import type { AlertDoc } from '../alerts/alert-kinds';
import { ALERT_INDEXES } from '../alerts/alerts';
import type { StoredDevice } from '../ledger/device';
import type { BotStateDoc } from '../teams/mongo-storage';
import type { WorkflowDoc } from '../workflows/workflow-record';
import type { DirectoryGroup, Person } from '../people/person';
import type { ProvisioningLogDoc, ProvisioningRunDoc } from '../provisioning/provisioning-runs';
import type { ConversationDoc } from '../conversations/conversation-store';
import type { DownloadDoc } from '../downloads/download-store';
import type { LeaseDoc } from '../lease/lease';
import type { TroubleshootSessionDoc } from '../troubleshooting/session-store';
import type { StocktakeDoc, StocktakeItemDoc } from '../stocktake/stocktake-types';

export interface CounterDoc {
  _id: string;
  seq: number;
}

export interface FieldHistoryDoc {
  deviceId: ObjectId;
  assetNumber: string;
  field: string;
  old: unknown;
  new: unknown;
  /** Whose data it was: the ledger (an admin) or the MDM that wrote it. */
  source: 'ledger' | 'intune' | 'jamf';
  /** Why: created, import, manual-edit, mdm-wins, ledger-wins-empty, deleted, unlink … */
  rule: string;
  at: Date;
  by: string;
}

export interface UsageDoc {
  deviceId: ObjectId;
  assetNumber: string;
  user: string;
  from: string; // YYYY-MM-DD
  to: string | null; // null while in use
  note: string | null;
  updatedAt: Date;
}

/** The master integration (`_id: 'master'`) and the MDM connections (`_id: 'connection:intune'`). */
export interface IntegrationDoc {
  _id: string;
  provider: 'intune' | 'jamf';
  matchKey?: 'serial' | 'uuid';
  assetNumberRule?: 'uuid' | 'deviceName' | 'serial';
  at: Date;
  by: string;
}

export interface SyncRunDoc {
  _id: ObjectId;
  provider: 'intune' | 'jamf';
  trigger: 'manual' | 'schedule' | 'link' | 'approval';
  status:
    'running' | 'success' | 'partial' | 'failed' | 'held' | 'approved' | 'rejected' | 'superseded';
  startedAt: Date;
  endedAt: Date | null;
  by: string;
  holder: string;
  counts: Record<string, number>;
  errors: string[];
  held: { reason: string; changes: number; syncedBefore: number; percent: number } | null;
  decidedBy?: string;
  followUpRunId?: ObjectId;
  requests?: Record<string, number>;
}

/** The alerts outbox: its kinds and stored shape belong to the alerts module. */
export type { AlertDoc };

/** SYS numbers promised to MDM devices, so a run killed mid-way and run again gives the same. */
export interface ReservationDoc {
  _id: string; // provider:deviceId
  assetNumber: string;
  at: Date;
}

/**
 * The side records of one batch of a sync's device writes (field history, usage changes, alerts),
 * written just before the devices, removed once the records are written. A run killed in between
 * leaves it; the next run writes the records of the devices that carry the killed run's id.
 */
export interface SyncJournalDoc {
  _id: ObjectId;
  runId: ObjectId;
  at: Date;
  entries: SyncJournalEntry[];
}

export interface SyncJournalEntry {
  /** The device written (for a create, the _id it is inserted with). */
  device: ObjectId;
  history: (FieldHistoryDoc & { _id: ObjectId })[];
  user: { assetNumber: string; oldUser: string | null; newUser: string | null } | null;
  alerts: AlertDoc[];
}

export interface Collections {
  devices: Collection<StoredDevice>;
  counters: Collection<CounterDoc>;
  fieldHistory: Collection<FieldHistoryDoc>;
  usageHistory: Collection<UsageDoc>;
  integrations: Collection<IntegrationDoc>;
  syncRuns: Collection<SyncRunDoc>;
  leases: Collection<LeaseDoc>;
  alerts: Collection<AlertDoc>;
  reservations: Collection<ReservationDoc>;
  syncJournal: Collection<SyncJournalDoc>;
  botState: Collection<BotStateDoc>;
  conversations: Collection<ConversationDoc>;
  downloads: Collection<DownloadDoc>;
  workflows: Collection<WorkflowDoc>;
  troubleshootSessions: Collection<TroubleshootSessionDoc>;
  /** The people directory: the source of Microsoft 365 provisioning (src/people). */
  people: Collection<Person>;
  directoryGroups: Collection<DirectoryGroup>;
  /** Microsoft 365 provisioning runs (plan, approval, result) and their per-object log. */
  provisioningRuns: Collection<ProvisioningRunDoc>;
  provisioningLog: Collection<ProvisioningLogDoc>;
  /** Stocktakes (棚卸) and their items, one per stocktake × device (src/stocktake). */
  stocktakes: Collection<StocktakeDoc>;
  stocktakeItems: Collection<StocktakeItemDoc>;
}

export function collections(db: Db): Collections {
  return {
    devices: db.collection<StoredDevice>('devices'),
    counters: db.collection<CounterDoc>('counters'),
    fieldHistory: db.collection<FieldHistoryDoc>('fieldHistory'),
    usageHistory: db.collection<UsageDoc>('usageHistory'),
    integrations: db.collection<IntegrationDoc>('integrations'),
    syncRuns: db.collection<SyncRunDoc>('syncRuns'),
    leases: db.collection<LeaseDoc>('leases'),
    alerts: db.collection<AlertDoc>('alerts'),
    reservations: db.collection<ReservationDoc>('assetNumberReservations'),
    syncJournal: db.collection<SyncJournalDoc>('syncJournal'),
    botState: db.collection<BotStateDoc>('botState'),
    conversations: db.collection<ConversationDoc>('conversations'),
    downloads: db.collection<DownloadDoc>('downloads'),
    workflows: db.collection<WorkflowDoc>('workflows'),
    troubleshootSessions: db.collection<TroubleshootSessionDoc>('troubleshootSessions'),
    people: db.collection<Person>('people'),
    directoryGroups: db.collection<DirectoryGroup>('directoryGroups'),
    provisioningRuns: db.collection<ProvisioningRunDoc>('provisioningRuns'),
    provisioningLog: db.collection<ProvisioningLogDoc>('provisioningLog'),
    stocktakes: db.collection<StocktakeDoc>('stocktakes'),
    stocktakeItems: db.collection<StocktakeItemDoc>('stocktakeItems'),
  };
}

/**
 * The indexes the ledger's guarantees rest on. createIndexes is idempotent for identical
 * definitions, so this runs at every start.
 */
const INDEXES: Record<keyof Collections, IndexDescription[]> = {
  devices: [
    { key: { assetNumber: 1 }, name: 'assetNumber_unique', unique: true },
    {
      key: { 'mdm.provider': 1, 'mdm.deviceId': 1 },
      name: 'mdmDevice_unique',
      unique: true,
      partialFilterExpression: { 'mdm.deviceId': { $exists: true } },
    },
    { key: { serialKey: 1 }, name: 'serialKey' },
    { key: { source: 1 }, name: 'source' },
    { key: { user: 1 }, name: 'user' },
    { key: { uuid: 1 }, name: 'uuid' },
  ],
  counters: [],
  fieldHistory: [
    { key: { deviceId: 1, at: -1 }, name: 'device_at' },
    { key: { assetNumber: 1 }, name: 'assetNumber' },
  ],
  usageHistory: [
    { key: { deviceId: 1, user: 1, from: 1 }, name: 'device_user_from_unique', unique: true },
    { key: { assetNumber: 1 }, name: 'assetNumber' },
  ],
  integrations: [],
  syncRuns: [{ key: { startedAt: -1 }, name: 'startedAt' }],
  leases: [],
  alerts: ALERT_INDEXES,
  reservations: [],
  syncJournal: [{ key: { runId: 1 }, name: 'runId' }],
  botState: [],
  conversations: [{ key: { alertChannel: 1 }, name: 'alertChannel' }],
  downloads: [
    // Expired links go by themselves (expireAfterSeconds 0: at expiresAt). Named apart from a
    // plain index on the same key; one from an older version is replaced (see createIndexes).
    { key: { expiresAt: 1 }, name: 'expiresAt_ttl', expireAfterSeconds: 0 },
    // The per-user cap: one user's links, newest first.
    { key: { createdBy: 1, expiresAt: 1 }, name: 'createdBy_expiresAt' },
  ],
  workflows: [
    // One open (or completing) workflow per old device, even for two starts at the same moment.
    {
      key: { activeFor: 1 },
      name: 'activeFor_unique',
      unique: true,
      partialFilterExpression: { activeFor: { $exists: true } },
    },
    // listOpen and the idle-reminder query.
    { key: { status: 1, updatedAt: 1 }, name: 'status_updatedAt' },
  ],
  // A guide left half-way is forgotten after 90 days.
  troubleshootSessions: [
    { key: { updatedAt: 1 }, name: 'updatedAt_ttl', expireAfterSeconds: 90 * 24 * 3600 },
  ],
  people: [
    { key: { personId: 1 }, name: 'personId_unique', unique: true },
    // One person per Microsoft 365 account; people without one (null) are not in the index.
    {
      key: { m365AccountId: 1 },
      name: 'm365AccountId_unique',
      unique: true,
      partialFilterExpression: { m365AccountId: { $type: 'string' } },
    },
  ],
  directoryGroups: [
    { key: { name: 1 }, name: 'name_unique', unique: true },
    {
      key: { m365GroupId: 1 },
      name: 'm365GroupId_unique',
      unique: true,
      partialFilterExpression: { m365GroupId: { $type: 'string' } },
    },
  ],
  provisioningRuns: [
    { key: { createdAt: -1 }, name: 'createdAt' },
    { key: { status: 1 }, name: 'status' },
  ],
  provisioningLog: [
    { key: { runId: 1, at: 1 }, name: 'runId_at' },
    { key: { 'subject.personId': 1, at: -1 }, name: 'personId_at' },
  ],
  stocktakes: [
    // One open stocktake at a time, even for two starts at the same moment.
    {
      key: { openSlot: 1 },
      name: 'openSlot_unique',
      unique: true,
      partialFilterExpression: { openSlot: { $exists: true } },
    },
  ],
  stocktakeItems: [
    // A device is asked once per stocktake, whatever restarts or double starts happen.
    { key: { stocktakeId: 1, assetNumber: 1 }, name: 'stocktake_asset_unique', unique: true },
    { key: { stocktakeId: 1, upn: 1 }, name: 'stocktake_upn' },
    { key: { stocktakeId: 1, state: 1, askedAt: 1 }, name: 'stocktake_state_askedAt' },
  ],
};

export async function ensureIndexes(db: Db): Promise<void> {
  const c = collections(db);
  for (const [name, indexes] of Object.entries(INDEXES) as [
    keyof Collections,
    IndexDescription[],
  ][]) {
    if (indexes.length > 0) await createIndexes(db.collection(c[name].collectionName), indexes);
  }
}
