import type { ObjectId } from 'mongodb';
import type { Actor } from './actor';
import type { LastStocktake } from './device';
import { historyDocs } from './history';
import type { LedgerStore } from './ledger-store';

/** What became of a stocktake answer in the ledger. */
export type StocktakeRecordOutcome = 'recorded' | 'changedHands' | 'gone';

/**
 * The ledger's side of a stocktake (棚卸): a user's answer becomes the device's `lastStocktake`
 * with a field-history entry (rule `stocktake`), and an admin's acceptance of a proposed serial
 * number becomes the device's serial (rule `stocktake-serial`). Both write only while the device
 * is still what the stocktake asked about: same 利用者, same serial.
 */
export class StocktakeLedger {
  constructor(
    private readonly store: LedgerStore,
    private readonly serialKey: (serial: string | null | undefined) => string | null,
  ) {}

  /**
   * Records an answer unless the device's 利用者 is no longer `askedUser` ('changedHands') or
   * the device is gone. The check and the write are one update.
   */
  async recordAnswer(
    deviceId: ObjectId,
    askedUser: string | null,
    last: LastStocktake,
    actor: Actor,
  ): Promise<StocktakeRecordOutcome> {
    const before = await this.store.devices.findOneAndUpdate(
      { _id: deviceId, user: askedUser },
      { $set: { lastStocktake: last, updatedAt: last.at } },
      { returnDocument: 'before' },
    );
    if (!before) {
      const exists = await this.store.devices.countDocuments({ _id: deviceId }, { limit: 1 });
      return exists > 0 ? 'changedHands' : 'gone';
    }
    const change = { field: 'lastStocktake', old: before.lastStocktake ?? null, new: last };
    await this.store.fieldHistory.insertMany(
      historyDocs(before, [change], 'stocktake', actor, 'ledger', last.at),
    );
    return 'recorded';
  }

  /**
   * Writes a serial number a user proposed and an admin accepted, unless the device's serial
   * changed since the proposal was made (`expected`): false then, nothing written.
   */
  async acceptSerial(
    deviceId: ObjectId,
    expected: string | null,
    serial: string,
    actor: Actor,
    at: Date,
  ): Promise<boolean> {
    const before = await this.store.devices.findOneAndUpdate(
      { _id: deviceId, serialNumber: expected },
      { $set: { serialNumber: serial, serialKey: this.serialKey(serial), updatedAt: at } },
      { returnDocument: 'before' },
    );
    if (!before) return false;
    const change = { field: 'serialNumber', old: before.serialNumber, new: serial };
    await this.store.fieldHistory.insertMany(
      historyDocs(before, [change], 'stocktake-serial', actor, 'ledger', at),
    );
    return true;
  }
}
