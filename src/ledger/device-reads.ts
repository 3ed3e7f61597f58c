import type { Collection, Filter, ObjectId, WithId } from 'mongodb';
import type { FieldHistoryDoc } from '../db/collections';
import { literalPattern } from './device-query';
import type { MdmProvider, StoredDevice } from './device';

/** How a device is named where the admin compares it with an MDM's (previews, alert cards). */
export type DeviceNaming = Pick<
  StoredDevice,
  'assetNumber' | 'serialNumber' | 'serialKey' | 'uuid'
>;

/** Its naming with whose record it is and its MDM block (a duplicate alert's ledger view). */
export type DeviceIdentity = DeviceNaming & Pick<StoredDevice, 'source' | 'mdm'>;

/** Which devices an identity look-up wants: any of these asset numbers, serial keys, MDM ids. */
export interface IdentityCriteria {
  assetNumbers: string[];
  serialKeys: string[];
  mdmDevices: { provider: MdmProvider; deviceIds: string[] }[];
}

/** `$in` lists longer than this are read in slices, to keep each query small. */
const SLICE = 1000;

const NAMING = { _id: 0, assetNumber: 1, serialNumber: 1, serialKey: 1, uuid: 1 } as const;
const IDENTITY = { ...NAMING, source: 1, mdm: 1 } as const;

/**
 * What the bot, the cards and the notifier read from the ledger: devices and their field
 * history, read only. Writes stay with the ledger's own services; this keeps the readers off
 * the driver's collections, so a fake or a new storage needs only these methods.
 */
export class DeviceReads {
  constructor(
    private readonly c: {
      devices: Collection<StoredDevice>;
      fieldHistory: Collection<FieldHistoryDoc>;
    },
  ) {}

  byAssetNumber(assetNumber: string): Promise<WithId<StoredDevice> | null> {
    return this.c.devices.findOne({ assetNumber });
  }

  byId(id: ObjectId): Promise<WithId<StoredDevice> | null> {
    return this.c.devices.findOne({ _id: id });
  }

  /** Whether the ledger has a device with this asset number (reads no document). */
  async exists(assetNumber: string): Promise<boolean> {
    return (await this.c.devices.countDocuments({ assetNumber }, { limit: 1 })) > 0;
  }

  /** Up to `limit` devices sharing this serial key, in no particular order. */
  withSerialKey(serialKey: string, limit: number): Promise<WithId<StoredDevice>[]> {
    return this.c.devices.find({ serialKey }).limit(limit).toArray();
  }

  /** Up to `limit` devices whose user contains `text` (case-insensitive), by asset number. */
  whoseUserContains(text: string, limit: number): Promise<WithId<StoredDevice>[]> {
    const user = new RegExp(literalPattern(text), 'i');
    return this.c.devices.find({ user }).sort({ assetNumber: 1 }).limit(limit).toArray();
  }

  /** The device's last `limit` field changes, newest first. */
  recentHistory(deviceId: ObjectId, limit: number): Promise<WithId<FieldHistoryDoc>[]> {
    return this.c.fieldHistory.find({ deviceId }).sort({ at: -1 }).limit(limit).toArray();
  }

  /** The naming of the devices with these asset numbers or serial keys (a link preview's). */
  async namingOf(assetNumbers: string[], serialKeys: string[]): Promise<DeviceNaming[]> {
    const rows: DeviceNaming[] = [];
    for (let i = 0; i < assetNumbers.length; i += SLICE)
      rows.push(...(await this.naming({ assetNumber: { $in: assetNumbers.slice(i, i + SLICE) } })));
    for (let i = 0; i < serialKeys.length; i += SLICE)
      rows.push(...(await this.naming({ serialKey: { $in: serialKeys.slice(i, i + SLICE) } })));
    return rows;
  }

  /** Every device matching any of the criteria, in one query; none asked for: none read. */
  async identities(criteria: IdentityCriteria): Promise<DeviceIdentity[]> {
    const or: Filter<StoredDevice>[] = [];
    for (const m of criteria.mdmDevices)
      if (m.deviceIds.length > 0)
        or.push({ 'mdm.provider': m.provider, 'mdm.deviceId': { $in: m.deviceIds } });
    if (criteria.assetNumbers.length > 0) or.push({ assetNumber: { $in: criteria.assetNumbers } });
    if (criteria.serialKeys.length > 0) or.push({ serialKey: { $in: criteria.serialKeys } });
    if (or.length === 0) return [];
    const filter = or.length === 1 ? or[0] : { $or: or };
    // The projection narrows the documents to the fields named in the type.
    return (await this.c.devices
      .find(filter, { projection: IDENTITY })
      .toArray()) as DeviceIdentity[];
  }

  private async naming(filter: Filter<StoredDevice>): Promise<DeviceNaming[]> {
    // The projection narrows the documents to the fields named in the type.
    return (await this.c.devices.find(filter, { projection: NAMING }).toArray()) as DeviceNaming[];
  }
}
