import type { ObjectId } from 'mongodb';

/**
 * The device ledger's record, as seed 000 names its fields. Empty values are `null`, never "".
 */
export const SOURCES = ['ledger', 'intune', 'jamf'] as const;
export type Source = (typeof SOURCES)[number];
export type MdmProvider = Exclude<Source, 'ledger'>;

export const REGISTRATION_STATES = [
  'notRegistered',
  'registered',
  'revoked',
  'keyConflict',
  'approvalPending',
  'certificateReset',
  'notRegisteredPendingEnrollment',
  'unknown',
] as const;

/** The MDM-only fields: shown only for synced devices, always the latest MDM value, removed on unlink. */
export interface MdmBlock {
  provider: MdmProvider;
  deviceId: string;
  deviceName: string | null;
  enrolledAt: string | null;
  lastCheckInAt: string | null;
  primaryUser: string | null;
  diskCapacityGb: number | null;
  registrationState: string | null;
  [extra: string]: unknown;
}

/** The fields an admin edits and imports (資産番号, シリアル番号, OS, メーカー, 型番 …). */
export const EDITABLE_FIELDS = [
  'assetNumber',
  'serialNumber',
  'os',
  'manufacturer',
  'model',
  'deviceType',
  'status',
  'user',
  'procurementDate',
  'disposalDate',
  'uuid',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** The fields of an export, in order. */
export const EXPORT_FIELDS = [...EDITABLE_FIELDS, 'source', 'mdm', 'lastStocktake'] as const;

/** The device's last stocktake (棚卸) answer, written by the ledger as a user answers. */
export interface LastStocktake {
  /** The stocktake's id (ST-YYYYMMDD-N). */
  id: string;
  at: Date;
  /** Who answered ("teams:<aad id>", "cli:taro"). */
  by: string;
  result: 'present' | 'notMine' | 'lost' | 'broken';
  note: string | null;
}

export type DeviceFields = { [F in Exclude<EditableField, 'assetNumber'>]: string | null } & {
  assetNumber: string;
};

export interface Device extends DeviceFields {
  source: Source;
  mdm: MdmBlock | null;
  /** Absent on devices no stocktake has reached yet (and then absent from the export too). */
  lastStocktake?: LastStocktake | null;
}

/** What the database stores: the device plus the keys it is found by. */
export interface StoredDevice extends Device {
  /** Trimmed, case-folded serial; null for empty and placeholder serials (which never match). */
  serialKey: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** The sync run that last wrote the device (its journal's side records apply to it). */
  lastSyncRun?: ObjectId;
}

export const FIELD_LABELS_JA: Record<EditableField | 'source' | 'mdm', string> = {
  assetNumber: '資産番号',
  serialNumber: 'シリアル番号',
  os: 'OS',
  manufacturer: 'メーカー',
  model: '型番',
  deviceType: 'デバイスの種類',
  status: 'ステータス',
  user: '利用者',
  procurementDate: '調達日',
  disposalDate: '廃棄日/解約日',
  uuid: 'UUID',
  source: 'ソース',
  mdm: 'MDM',
};

/** The record as exported and shown: exactly the documented fields, nothing internal. */
export function toExported(d: Device): Device {
  // Written out field by field (EXPORT_FIELDS' order) so the compiler checks each one.
  const v = (f: Exclude<EditableField, 'assetNumber'>) => d[f] ?? null;
  return {
    assetNumber: d.assetNumber,
    serialNumber: v('serialNumber'),
    os: v('os'),
    manufacturer: v('manufacturer'),
    model: v('model'),
    deviceType: v('deviceType'),
    status: v('status'),
    user: v('user'),
    procurementDate: v('procurementDate'),
    disposalDate: v('disposalDate'),
    uuid: v('uuid'),
    source: d.source,
    mdm: d.mdm ?? null,
    // Only once a stocktake has reached the device: exports of a ledger that never had one keep
    // exactly the fields they always had (scripts and spreadsheets built on them keep working).
    ...(d.lastStocktake ? { lastStocktake: d.lastStocktake } : {}),
  };
}
