import type { ObjectId } from 'mongodb';
import type { FieldHistoryDoc } from '../db/collections';
import type { Actor } from './actor';
import type { FieldChange } from './changes';
import type { StoredDevice } from './device';

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
