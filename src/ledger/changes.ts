import { EDITABLE_FIELDS, type Device, type EditableField } from './device';
import type { DeviceInput } from './device-input';

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** A new ledger device from admin input: every field present, blanks as null. */
export function newLedgerDevice(assetNumber: string, input: DeviceInput): Device {
  const v = (f: Exclude<EditableField, 'assetNumber'>) => input[f] ?? null;
  return {
    assetNumber,
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
    source: 'ledger',
    mdm: null,
  };
}

/** The fields that `input` would change on `device` (absent keys leave a field as it is). */
export function changesFrom(device: Device, input: DeviceInput): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of EDITABLE_FIELDS) {
    if (!(f in input)) continue;
    const next = input[f] ?? null;
    if (f === 'assetNumber' && next === null) continue;
    if ((device[f] ?? null) !== next) changes.push({ field: f, old: device[f] ?? null, new: next });
  }
  return changes;
}

/** What a creation looks like in the field history: every field that was set. */
export function creationChanges(device: Device): FieldChange[] {
  return EDITABLE_FIELDS.filter((f) => device[f] !== null).map((f) => ({
    field: f,
    old: null,
    new: device[f],
  }));
}
