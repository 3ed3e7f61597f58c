import type { AnyBulkWriteOperation, ObjectId, WithId } from 'mongodb';
import type { Collections, FieldHistoryDoc } from '../db/collections';
import { DaichoError, isDuplicateKeyError } from '../errors';
import type { Actor } from './actor';
import { AssetNumberAllocator } from './asset-numbers';
import { changesFrom, creationChanges, newLedgerDevice, type FieldChange } from './changes';
import { toExported, type Device, type StoredDevice } from './device';
import type { DeviceInput } from './device-input';
import { toMongoFilter, type DeviceQuery } from './device-query';
import { UsageService } from './usage-service';

export type DeviceDoc = WithId<StoredDevice>;

const PROVIDER_NAMES = { intune: 'Microsoft Intune', jamf: 'Jamf Pro' } as const;

/**
 * The device ledger: lookups, edits, deletes and their field history. Writes go one document at
 * a time with the history written after the device, so a crash can lose at most the history of
 * the last change, never a device. Multi-document transactions are not used (DESIGN.md).
 */
export class LedgerService {
  readonly assetNumbers: AssetNumberAllocator;
  readonly usage: UsageService;

  constructor(
    readonly c: Collections,
    readonly serialKey: (serial: string | null | undefined) => string | null,
  ) {
    this.assetNumbers = new AssetNumberAllocator(c.counters, c.devices);
    this.usage = new UsageService(c);
  }

  /** Finds a device by asset number, then serial number, then UUID / MDM device id. */
  async find(id: string): Promise<DeviceDoc> {
    const trimmed = id.trim();
    const byAsset = await this.c.devices.findOne({ assetNumber: trimmed });
    if (byAsset) return byAsset;
    const key = this.serialKey(trimmed);
    const or: Record<string, unknown>[] = [{ uuid: trimmed }, { 'mdm.deviceId': trimmed }];
    if (key) or.push({ serialKey: key });
    const matches = await this.c.devices.find({ $or: or }).limit(6).toArray();
    if (matches.length === 1) return matches[0];
    if (matches.length === 0)
      throw new DaichoError('NOT_FOUND', 'device.notFound', { id: trimmed });
    throw new DaichoError('AMBIGUOUS', 'device.ambiguous', {
      id: trimmed,
      matches: matches.map((m) => m.assetNumber).join(', '),
    });
  }

  async list(query: DeviceQuery = {}, page?: { skip: number; limit: number }): Promise<Device[]> {
    const filter = toMongoFilter(
      query,
      new Date(),
      query.duplicates ? await this.duplicateSerialKeys() : [],
    );
    let cursor = this.c.devices.find(filter).sort({ assetNumber: 1 });
    if (page) cursor = cursor.skip(page.skip).limit(page.limit);
    return (await cursor.toArray()).map(toExported);
  }

  async count(query: DeviceQuery = {}): Promise<number> {
    return this.c.devices.countDocuments(
      toMongoFilter(query, new Date(), query.duplicates ? await this.duplicateSerialKeys() : []),
    );
  }

  /** Serial numbers (matching keys) that more than one device carries. */
  async duplicateSerialKeys(): Promise<string[]> {
    const groups = await this.c.devices
      .aggregate<{ _id: string }>([
        { $match: { serialKey: { $ne: null } } },
        { $group: { _id: '$serialKey', n: { $sum: 1 } } },
        { $match: { n: { $gt: 1 } } },
      ])
      .toArray();
    return groups.map((g) => g._id);
  }

  /** Creates a ledger device; a missing asset number gets the next SYS number. */
  async create(input: DeviceInput, actor: Actor): Promise<DeviceDoc> {
    const assetNumber = input.assetNumber ?? (await this.assetNumbers.next());
    const device = newLedgerDevice(assetNumber, input);
    const now = new Date();
    const doc: StoredDevice = {
      ...device,
      serialKey: this.serialKey(device.serialNumber),
      createdAt: now,
      updatedAt: now,
    };
    try {
      const { insertedId } = await this.c.devices.insertOne(doc);
      const stored = { ...doc, _id: insertedId } as DeviceDoc;
      await this.recordHistory(stored, creationChanges(device), 'created', actor);
      if (device.user) await this.usage.userChanged(stored, null, device.user, now);
      return stored;
    } catch (e) {
      if (isDuplicateKeyError(e)) {
        throw new DaichoError(
          'DUPLICATE_ASSET_NUMBER',
          'device.duplicateAssetNumber',
          { assetNumber },
          { cause: e },
        );
      }
      throw e;
    }
  }

  /** Applies an admin's edit; returns the changes made (none when the values were already so). */
  async edit(
    id: string,
    input: DeviceInput,
    actor: Actor,
    rule = 'manual-edit',
  ): Promise<{ device: DeviceDoc; changes: FieldChange[] }> {
    const device = await this.find(id);
    const changes = changesFrom(device, input);
    if (changes.length === 0) return { device, changes };
    const set = this.setFor(changes);
    try {
      await this.c.devices.updateOne({ _id: device._id }, { $set: set });
    } catch (e) {
      if (isDuplicateKeyError(e)) {
        throw new DaichoError(
          'DUPLICATE_ASSET_NUMBER',
          'device.duplicateAssetNumber',
          {
            assetNumber: String(set.assetNumber ?? device.assetNumber),
          },
          { cause: e },
        );
      }
      throw e;
    }
    const updated = { ...device, ...set } as DeviceDoc;
    await this.recordHistory(updated, changes, rule, actor);
    if (set.assetNumber !== undefined) {
      await this.c.usageHistory.updateMany(
        { deviceId: device._id },
        { $set: { assetNumber: updated.assetNumber } },
      );
    }
    const userChange = changes.find((ch) => ch.field === 'user');
    if (userChange) {
      await this.usage.userChanged(
        updated,
        userChange.old as string | null,
        userChange.new as string | null,
        set.updatedAt as Date,
      );
    }
    return { device: updated, changes };
  }

  /** Seed 000: a device synced with an MDM cannot be deleted; the refusal says what to do. */
  async delete(id: string, actor: Actor): Promise<Device> {
    const device = await this.find(id);
    // Seed 000's delete lock, lifted once the MDM no longer has the device.
    if ((device.source !== 'ledger' || device.mdm) && !device.mdm?.missingFromMdm) {
      const provider = device.mdm?.provider ?? (device.source as 'intune' | 'jamf');
      throw new DaichoError('DELETE_SYNCED_DEVICE', 'device.deleteSynced', {
        assetNumber: device.assetNumber,
        provider: PROVIDER_NAMES[provider] ?? provider,
      });
    }
    // The filter repeats the check so a sync that linked the device a moment ago wins.
    const { deletedCount } = await this.c.devices.deleteOne({
      _id: device._id,
      $or: [{ source: 'ledger', mdm: null }, { 'mdm.missingFromMdm': true }],
    });
    if (deletedCount !== 1) return this.delete(id, actor);
    // Usage history stays (it can still be exported by asset number); the whole record is kept
    // in the field history so a deletion can be traced and undone by hand.
    await this.recordHistory(
      device,
      [{ field: '*', old: toExported(device), new: null }],
      'deleted',
      actor,
    );
    return toExported(device);
  }

  /**
   * Seed 000's answer to a device duplicated by a serial mismatch: keep the synced device, move
   * the original's usage history onto it, then delete the original (which must be deletable).
   */
  async mergeInto(fromId: string, intoId: string, actor: Actor): Promise<{ moved: number }> {
    const from = await this.find(fromId);
    const into = await this.find(intoId);
    if (from._id.equals(into._id)) return { moved: 0 };
    const takesOverPin = canTakeOverPin(from, into);
    if ((from.source !== 'ledger' || from.mdm) && !from.mdm?.missingFromMdm && !takesOverPin) {
      throw new DaichoError('DELETE_SYNCED_DEVICE', 'device.deleteSynced', {
        assetNumber: from.assetNumber,
        provider:
          PROVIDER_NAMES[from.mdm?.provider ?? (from.source as 'intune' | 'jamf')] ?? from.source,
      });
    }
    // The kept device ends with one open period at most: its current 利用者's.
    const usage = await this.usage.mergeInto(from._id, into, new Date());
    if (takesOverPin) await this.takeOverPin(from, into, actor);
    await this.recordHistory(
      into,
      [{ field: 'mergedFrom', old: null, new: from.assetNumber }],
      'merge',
      actor,
    );
    await this.delete(from.assetNumber, actor);
    return { moved: usage.moved };
  }

  /**
   * A duplicate made before the 2025/12/15 rule: the admin keeps the old record (its asset number
   * and history) and the twin created for the re-enrolled device gives it its MDM link. The twin
   * lets go of the pin first (the pin is unique), then the kept record takes it; a crash between
   * the two leaves the re-enrolled device unpinned, and the next sync re-links it to the kept
   * record by serial (the re-enrolment rule), so the merge converges either way.
   */
  private async takeOverPin(from: DeviceDoc, into: DeviceDoc, actor: Actor): Promise<void> {
    const now = new Date();
    const pin = { ...from.mdm!, missingFromMdm: false, missingSince: null };
    await this.c.devices.updateOne(
      { _id: from._id },
      { $unset: { mdm: '' }, $set: { source: 'ledger', updatedAt: now } },
    );
    await this.c.devices.updateOne(
      { _id: into._id },
      { $set: { mdm: pin, source: from.source, updatedAt: now } },
    );
    await this.recordHistory(
      into,
      [
        { field: 'mdm.deviceId', old: into.mdm?.deviceId ?? null, new: pin.deviceId },
        { field: 'mdm.missingFromMdm', old: true, new: false },
      ],
      're-enrolled',
      actor,
    );
  }

  async history(id: string): Promise<FieldHistoryDoc[]> {
    const device = await this.find(id);
    return this.c.fieldHistory
      .find({ deviceId: device._id }, { projection: { _id: 0 } })
      .sort({ at: 1, _id: 1 })
      .toArray();
  }

  /** The `$set` for a list of changes, with the derived serial key kept in step. */
  setFor(changes: FieldChange[], now = new Date()): Record<string, unknown> {
    const set: Record<string, unknown> = { updatedAt: now };
    for (const ch of changes) set[ch.field] = ch.new;
    if ('serialNumber' in set) set.serialKey = this.serialKey(set.serialNumber as string | null);
    return set;
  }

  async recordHistory(
    device: { _id: ObjectId; assetNumber: string },
    changes: FieldChange[],
    rule: string,
    actor: Actor,
    source: FieldHistoryDoc['source'] = 'ledger',
  ): Promise<void> {
    await this.insertHistory(historyDocs(device, changes, rule, actor, source));
  }

  async insertHistory(docs: FieldHistoryDoc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 1000) {
      await this.c.fieldHistory.insertMany(docs.slice(i, i + 1000), { ordered: false });
    }
  }

  /** Bulk updates by _id, for imports and syncs: one round trip per 500 changed devices. */
  async bulkUpdate(ops: AnyBulkWriteOperation<StoredDevice>[]): Promise<void> {
    for (let i = 0; i < ops.length; i += 500) {
      await this.c.devices.bulkWrite(ops.slice(i, i + 500), { ordered: false });
    }
  }
}

/** The field-history entries for one device's changes. */
export function historyDocs(
  device: { _id: ObjectId; assetNumber: string },
  changes: FieldChange[],
  rule: string,
  actor: Actor,
  source: FieldHistoryDoc['source'] = 'ledger',
  at = new Date(),
): FieldHistoryDoc[] {
  return changes.map((ch) => ({
    deviceId: device._id,
    assetNumber: device.assetNumber,
    field: ch.field,
    old: ch.old,
    new: ch.new,
    source,
    rule,
    at,
    by: actor.by,
  }));
}

/**
 * A merge may keep a device whose MDM device has left (flagged missing) and take the MDM link of
 * a synced twin of the same MDM: the old-behaviour duplicate of a re-enrolled device.
 */
export function canTakeOverPin(
  from: Pick<StoredDevice, 'mdm'>,
  into: Pick<StoredDevice, 'mdm'>,
): boolean {
  return (
    !!from.mdm?.deviceId &&
    !from.mdm.missingFromMdm &&
    into.mdm?.missingFromMdm === true &&
    into.mdm.provider === from.mdm.provider
  );
}
