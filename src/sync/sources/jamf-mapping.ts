import type { MdmDevice } from '../mdm-device';
import { asRecord, capacityGb, isoDate, osLabel, section, text } from './mapping-values';

/** The inventory sections the computer mapper reads (Jamf sends only GENERAL by default). */
export const JAMF_COMPUTER_SECTIONS = [
  'GENERAL',
  'HARDWARE',
  'OPERATING_SYSTEM',
  'USER_AND_LOCATION',
];
/** Mobile devices have no OPERATING_SYSTEM section: the OS fields live in GENERAL. */
export const JAMF_MOBILE_SECTIONS = ['GENERAL', 'HARDWARE', 'USER_AND_LOCATION'];

/**
 * One record of GET /api/v1/computers-inventory. Disk size stays null: it is in the STORAGE
 * section, which the 11.7.1 schema excerpt we validate against leaves out.
 */
export function mapJamfComputer(record: Record<string, unknown>): MdmDevice {
  const raw = asRecord(record, 'Jamf computer');
  const id = text(raw.id);
  if (id === null) throw new Error('Jamf computer without an id');
  const general = section(raw, 'general');
  const hardware = section(raw, 'hardware');
  const os = section(raw, 'operatingSystem');
  const person = section(raw, 'userAndLocation');
  const username = text(person.username);
  return {
    provider: 'jamf',
    deviceId: `computer:${id}`,
    uuid: text(raw.udid),
    serialNumber: text(hardware.serialNumber),
    deviceName: text(general.name),
    os: osLabel(os.name, os.version),
    manufacturer: text(hardware.make),
    model: text(hardware.model),
    user: username,
    primaryUser: text(person.email) ?? username,
    enrolledAt: isoDate(general.lastEnrolledDate) ?? isoDate(general.initialEntryDate),
    lastCheckInAt: isoDate(general.lastContactTime),
    diskCapacityGb: null,
    registrationState: null,
  };
}

/** One record of GET /api/v2/mobile-devices/detail (iOS, iPadOS, tvOS, watchOS). */
export function mapJamfMobileDevice(record: Record<string, unknown>): MdmDevice {
  const raw = asRecord(record, 'Jamf mobile device');
  const id = text(raw.mobileDeviceId);
  if (id === null) throw new Error('Jamf mobile device without a mobileDeviceId');
  const general = section(raw, 'general');
  const hardware = section(raw, 'hardware');
  const person = section(raw, 'userAndLocation');
  const username = text(person.username);
  const model = text(hardware.model);
  return {
    provider: 'jamf',
    deviceId: `mobile:${id}`,
    uuid: text(general.udid),
    serialNumber: text(hardware.serialNumber),
    deviceName: text(general.displayName),
    os: osLabel(
      mobileOsName(text(raw.deviceType), model, text(hardware.modelIdentifier)),
      general.osVersion,
    ),
    // Jamf manages only Apple hardware and sends no make for mobile devices.
    manufacturer: 'Apple',
    model,
    user: username,
    primaryUser: text(person.emailAddress) ?? username,
    enrolledAt: isoDate(general.lastEnrolledDate),
    lastCheckInAt: isoDate(general.lastInventoryUpdateDate),
    diskCapacityGb: capacityGb(hardware.capacityMb, 1024 ** 2),
    registrationState: null,
  };
}

/** Jamf's deviceType says "iOS" for iPads too; the model tells them apart, as Intune does. */
function mobileOsName(
  deviceType: string | null,
  model: string | null,
  identifier: string | null,
): string | null {
  const isIpad = /^iPad/i.test(model ?? '') || /^iPad/i.test(identifier ?? '');
  if (isIpad && (deviceType === null || deviceType === 'iOS')) return 'iPadOS';
  return deviceType;
}
