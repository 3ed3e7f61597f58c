import type { Collection, Db, IndexDescription, ObjectId } from 'mongodb';
import type { StoredDevice } from '../ledger/device';

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

export interface Collections {
  devices: Collection<StoredDevice>;
  counters: Collection<CounterDoc>;
  fieldHistory: Collection<FieldHistoryDoc>;
  usageHistory: Collection<UsageDoc>;
}

export function collections(db: Db): Collections {
  return {
    devices: db.collection<StoredDevice>('devices'),
    counters: db.collection<CounterDoc>('counters'),
    fieldHistory: db.collection<FieldHistoryDoc>('fieldHistory'),
    usageHistory: db.collection<UsageDoc>('usageHistory'),
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
};

export async function ensureIndexes(db: Db): Promise<void> {
  const c = collections(db);
  for (const [name, indexes] of Object.entries(INDEXES) as [
    keyof Collections,
    IndexDescription[],
  ][]) {
    if (indexes.length > 0) await c[name].createIndexes(indexes);
  }
}
