import type { MdmDevice } from '../mdm-device';
import { asRecord, capacityGb, isoDate, osLabel, text } from './mapping-values';

/** The managedDevice properties the mapper reads: the source $selects exactly these. */
export const INTUNE_SELECT = [
  'id',
  'managementAgent',
  'serialNumber',
  'deviceName',
  'operatingSystem',
  'osVersion',
  'manufacturer',
  'model',
  'userPrincipalName',
  'emailAddress',
  'enrolledDateTime',
  'lastSyncDateTime',
  'totalStorageSpaceInBytes',
  'deviceRegistrationState',
] as const;

/** One Graph managedDevice (raw JSON) in the ledger's vocabulary. */
export function mapManagedDevice(record: Record<string, unknown>): MdmDevice {
  const raw = asRecord(record, 'managedDevice');
  const id = text(raw.id);
  if (id === null) throw new Error('managedDevice without an id');
  const upn = text(raw.userPrincipalName);
  return {
    provider: 'intune',
    deviceId: id,
    uuid: id,
    serialNumber: text(raw.serialNumber),
    deviceName: text(raw.deviceName),
    os: osLabel(raw.operatingSystem, raw.osVersion),
    manufacturer: text(raw.manufacturer),
    model: text(raw.model),
    user: upn,
    primaryUser: text(raw.emailAddress) ?? upn,
    enrolledAt: isoDate(raw.enrolledDateTime),
    lastCheckInAt: isoDate(raw.lastSyncDateTime),
    diskCapacityGb: capacityGb(raw.totalStorageSpaceInBytes, 1),
    registrationState: text(raw.deviceRegistrationState),
    managementAgent: text(raw.managementAgent),
  };
}
