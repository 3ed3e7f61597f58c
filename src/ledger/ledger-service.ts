import type { AnyBulkWriteOperation, Filter, ObjectId, WithId } from 'mongodb';
import type { Collections, FieldHistoryDoc } from '../db/collections';
import { DaichoError, isDuplicateKeyError } from '../errors';
import type { LedgerDeviceView, SyncPlan } from '../sync/reconcile-types';
import type { Actor } from './actor';
import { AssetNumberAllocator } from './asset-numbers';
import { changesFrom, creationChanges, newLedgerDevice, type FieldChange } from './changes';
import { commitPlan, type CommitResult } from './commit/commit';
import type { CommitRun } from './commit/entries';
import { toExported, type Device, type MdmProvider, type StoredDevice } from './device';
import type { DeviceInput } from './device-input';
import { toMongoFilter, type DeviceQuery } from './device-query';
import { historyDocs } from './history';
import { mergeDevices } from './ledger-merge';
import { ledgerStore, type LedgerStore } from './ledger-store';
import { devicesSyncedWith, ledgerSnapshot, unlinkDevices, type SyncedDevice } from './ledger-sync';
import { PROVIDER_NAMES } from './provider-names';
import { StocktakeLedger } from './stocktake-record';
import { UsageService } from './usage-service';

export type DeviceDoc = WithId<StoredDevice>;
export type { CommitResult, CommitRun };

/**
 * The device ledger, the one owner of devices, their field and usage history, the SYS numbers,
 * the asset-number reservations and the sync journal: lookups, edits, deletes, stocktake answers
 * (`stocktake`) and their history, and `commit`, the one way a sync writes. Admin writes go one
 * document at a time, history after the device: a crash loses at most a change's history, never
 * a device. Multi-document transactions are not used (DESIGN.md).
 */
export class LedgerService {
  readonly assetNumbers: AssetNumberAllocator;
  readonly usage: UsageService;
  readonly stocktake: StocktakeLedger;
  private readonly store: LedgerStore;

  constructor(
    c: Collections,
    readonly serialKey: (serial: string | null | undefined) => string | null,
  ) {
    this.store = ledgerStore(c);
    this.assetNumbers = new AssetNumberAllocator(c.counters, c.devices);
    this.usage = new UsageService(c);
    this.stocktake = new StocktakeLedger(this.store, serialKey);
  }

  /** Writes a sync's plan: devices, SYS numbers, journal, history, usage and alerts (commit/). */
  async commit(plan: SyncPlan, run: CommitRun): Promise<CommitResult> {
    const { store, usage, serialKey } = this;
    return commitPlan({ store, usage, serialKey }, plan, run);
  }

  /** The whole ledger as the reconcile core sees it. */
  async snapshot(): Promise<LedgerDeviceView[]> {
    return ledgerSnapshot(this.store);
  }

  async syncedWith(provider: MdmProvider): Promise<SyncedDevice[]> {
    return devicesSyncedWith(this.store, provider);
  }

  /** Gives the devices synced with `provider` back to the ledger (see ledger-sync.ts). */
  async unlink(
    provider: MdmProvider,
    synced: SyncedDevice[],
    actor: Actor,
    now: Date,
  ): Promise<void> {
    await unlinkDevices(this.store, provider, synced, actor, now);
  }

  async findById(id: ObjectId): Promise<DeviceDoc | null> {
    return this.store.devices.findOne({ _id: id });
  }

  async devicesWhere(filter: Filter<StoredDevice>): Promise<DeviceDoc[]> {
    return this.store.devices.find(filter).toArray();
  }

  /** For an import: inserts as they are (unordered; a taken asset number fails its row alone). */
  async insertDevices(docs: StoredDevice[]): Promise<void> {
    await this.store.devices.insertMany(docs, { ordered: false });
  }

  /**
   * Sets one field unless someone changed it since `expected` was read (its value is none of
   * `expected`); false when a newer edit won. For writers that retry (a workflow's completion).
   */
  async setFieldIfOneOf(
    id: ObjectId,
    field: string,
    expected: unknown[],
    value: unknown,
    at: Date,
  ): Promise<boolean> {
    const { matchedCount } = await this.store.devices.updateOne(
      { _id: id, [field]: { $in: expected } },
      { $set: { [field]: value, updatedAt: at } },
    );
    return matchedCount > 0;
  }

  /** A history entry written once however often it is retried (keyed by device, field, rule, time). */
  async recordHistoryOnce(doc: FieldHistoryDoc): Promise<void> {
    await this.store.fieldHistory.updateOne(
      { deviceId: doc.deviceId, field: doc.field, rule: doc.rule, at: doc.at },
      { $setOnInsert: doc },
      { upsert: true },
    );
  }

  /** Finds a device by asset number, then serial number, then UUID / MDM device id. */
  async find(id: string): Promise<DeviceDoc> {
    const trimmed = id.trim();
    const byAsset = await this.store.devices.findOne({ assetNumber: trimmed });
    if (byAsset) return byAsset;
    const key = this.serialKey(trimmed);
    const or: Record<string, unknown>[] = [{ uuid: trimmed }, { 'mdm.deviceId': trimmed }];
    if (key) or.push({ serialKey: key });
    const matches = await this.store.devices.find({ $or: or }).limit(6).toArray();
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
    let cursor = this.store.devices.find(filter).sort({ assetNumber: 1 });
    if (page) cursor = cursor.skip(page.skip).limit(page.limit);
    return (await cursor.toArray()).map(toExported);
  }

  async count(query: DeviceQuery = {}): Promise<number> {
    return this.store.devices.countDocuments(
      toMongoFilter(query, new Date(), query.duplicates ? await this.duplicateSerialKeys() : []),
    );
  }

  /** Serial numbers (matching keys) that more than one device carries. */
  async duplicateSerialKeys(): Promise<string[]> {
    const groups = await this.store.devices
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
      const { insertedId } = await this.store.devices.insertOne(doc);
      const stored = { ...doc, _id: insertedId } as DeviceDoc;
      await this.recordHistory(stored, creationChanges(device), 'created', actor);
      if (device.user) await this.usage.userChanged(stored, null, device.user, now);
      return stored;
    } catch (e) {
      throw asDuplicateAssetNumber(e, assetNumber);
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
      await this.store.devices.updateOne({ _id: device._id }, { $set: set });
    } catch (e) {
      throw asDuplicateAssetNumber(e, String(set.assetNumber ?? device.assetNumber));
    }
    const updated = { ...device, ...set } as DeviceDoc;
    await this.recordHistory(updated, changes, rule, actor);
    if (set.assetNumber !== undefined) {
      await this.store.usageHistory.updateMany(
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
    const { deletedCount } = await this.store.devices.deleteOne({
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

  /** Seed 000's answer to a serial-mismatch duplicate: keep the synced device, move the
   *  original's usage history onto it, then delete the original (see ledger-merge.ts). */
  async mergeInto(fromId: string, intoId: string, actor: Actor): Promise<{ moved: number }> {
    return mergeDevices(this, this.store, fromId, intoId, actor);
  }

  async history(id: string): Promise<FieldHistoryDoc[]> {
    const device = await this.find(id);
    return this.store.fieldHistory
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

  /** One insertMany: the driver splits it by the server's batch and message limits. */
  async insertHistory(docs: FieldHistoryDoc[]): Promise<void> {
    if (docs.length > 0) await this.store.fieldHistory.insertMany(docs, { ordered: false });
  }

  /** Bulk updates by _id, for imports and syncs: one round trip per 500 changed devices. */
  async bulkUpdate(ops: AnyBulkWriteOperation<StoredDevice>[]): Promise<void> {
    for (let i = 0; i < ops.length; i += 500) {
      await this.store.devices.bulkWrite(ops.slice(i, i + 500), { ordered: false });
    }
  }
}

/** A unique-index refusal of an asset number, as the error an admin reads; others unchanged. */
function asDuplicateAssetNumber(e: unknown, assetNumber: string): unknown {
  if (!isDuplicateKeyError(e)) return e;
  return new DaichoError(
    'DUPLICATE_ASSET_NUMBER',
    'device.duplicateAssetNumber',
    { assetNumber },
    { cause: e },
  );
}
