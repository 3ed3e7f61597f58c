import { createHash } from 'node:crypto';
import {
  createRandom,
  macAddress,
  pickUser,
  PLACEHOLDER_SERIALS,
  toFullWidth,
  type FixtureUser,
  type Random,
} from './fixtures-random';
import { PLATFORMS, type Platform } from './fixtures-intune-catalog';

export { MANAGED_DEVICE_PROPERTIES } from './managed-device-properties';

/** A managedDevice as Graph returns it (raw JSON, before any mapping). */
export type RawManagedDevice = { id: string } & Record<string, unknown>;

/** Intune's "no date" value. */
export const INTUNE_EMPTY_DATE = '0001-01-01T00:00:00Z';

export interface IntuneFixtureOptions {
  /** Mail domain of the users. */
  domain?: string;
  /**
   * 0 for the first snapshot; each later generation moves check-ins on by a day and hands
   * some devices to another user, so a second sync has something to reconcile.
   */
  generation?: number;
  /** Earliest enrolment date. */
  since?: string;
  /** The date of generation 0's check-ins. */
  asOf?: string;
}

/**
 * `n` managedDevices with the mess real tenants have: placeholder and repeated serials, blank
 * names, devices without a user, empty e-mail, Intune's 0001-01-01 date, 0-byte disks, stray
 * spaces and the odd full-width name. Deterministic for a given seed and generation.
 */
export function generateIntuneDevices(
  n: number,
  seed: number,
  options: IntuneFixtureOptions = {},
): RawManagedDevice[] {
  const random = createRandom(seed);
  const domain = options.domain ?? 'contoso.co.jp';
  const generation = options.generation ?? 0;
  const since = options.since ?? '2021-04-01T00:00:00Z';
  const asOf = new Date(
    Date.parse(options.asOf ?? '2024-11-01T00:00:00Z') + generation * 86400_000,
  ).toISOString();
  const changes = createRandom(seed * 7919 + generation);
  const devices: RawManagedDevice[] = [];
  for (let i = 0; i < n; i++) {
    // ~2% are a stale second record of a device enrolled again (same serial, new id), the
    // usual source of repeated serials in Intune.
    const twinOf = devices.length > 0 && random.chance(0.02) ? random.pick(devices) : undefined;
    const device = twinOf
      ? staleTwin(twinOf, random, asOf)
      : oneDevice(random, domain, since, asOf);
    // Later generations hand ~5% of devices to someone else (or to nobody).
    if (generation > 0 && changes.chance(0.05))
      assignUser(device, changes.chance(0.2) ? undefined : pickUser(changes), changes, domain);
    devices.push(device);
  }
  return devices;
}

function staleTwin(twin: RawManagedDevice, r: Random, asOf: string): RawManagedDevice {
  const day = 86400_000;
  const lastSync = new Date(Date.parse(asOf) - r.int(30, 120) * day);
  return {
    ...twin,
    id: r.uuid(),
    azureADDeviceId: r.uuid(),
    lastSyncDateTime: lastSync.toISOString(),
    enrolledDateTime: new Date(lastSync.getTime() - r.int(60, 700) * day).toISOString(),
  };
}

/** What one device's JSON is drawn from, picked before the JSON in the order the seed expects. */
interface DeviceDraw {
  platform: Platform;
  make: Platform['makes'][number];
  user: FixtureUser;
  isApple: boolean;
  isMobile: boolean;
  storageBytes: number;
  enrolled: string;
  serial: string;
  deviceName: string;
}

function oneDevice(r: Random, domain: string, since: string, asOf: string): RawManagedDevice {
  const draw = drawDevice(r, since, asOf);
  // The two halves are spread in order: the random draws inside them stay in the seed's order.
  const device: RawManagedDevice = {
    ...enrolmentFields(r, draw, asOf),
    ...hardwareFields(r, draw),
  };
  device.managedDeviceName = `${draw.user.login}_${draw.platform.operatingSystem}_${draw.enrolled.slice(0, 10)}`;
  // Shared and kiosk devices have nobody; otherwise an occasional empty e-mail.
  assignUser(device, r.chance(0.08) ? undefined : draw.user, r, domain);
  return device;
}

function drawDevice(r: Random, since: string, asOf: string): DeviceDraw {
  const platform = pickPlatform(r);
  const make = r.pick(platform.makes);
  const user = pickUser(r);
  const isApple = make.manufacturer === 'Apple';
  const isMobile = platform.operatingSystem === 'iOS' || platform.operatingSystem === 'Android';
  const storageBytes = Math.round((r.pick(platform.storageGb) * 1e9 * 0.995) / 1048576) * 1048576;
  const enrolled = r.dateBetween(since, asOf);
  let serial = make.serial(r);
  // BIOS placeholders come from PCs; personally owned Android work profiles report no serial.
  if (platform.operatingSystem === 'Windows' && r.chance(0.05))
    serial = r.pick(PLACEHOLDER_SERIALS);
  else if (platform.operatingSystem === 'Android' && r.chance(0.05)) serial = '';
  else if (r.chance(0.01)) serial = ` ${serial} `;
  let deviceName = platform.name(r, user.displayName.split(' ')[0]);
  if (r.chance(0.03)) deviceName = '';
  else if (r.chance(0.02)) deviceName = toFullWidth(deviceName);
  return { platform, make, user, isApple, isMobile, storageBytes, enrolled, serial, deviceName };
}

/** The record's identity, enrolment and registration, up to its category. */
function enrolmentFields(r: Random, draw: DeviceDraw, asOf: string): RawManagedDevice {
  const { platform, isMobile, enrolled, deviceName } = draw;
  return {
    '@odata.type': '#microsoft.graph.managedDevice',
    id: r.uuid(),
    userId: '',
    deviceName,
    managedDeviceOwnerType: r.chance(0.9) ? 'company' : 'personal',
    enrolledDateTime: r.chance(0.02) ? INTUNE_EMPTY_DATE : enrolled,
    lastSyncDateTime: r.dateBetween(
      new Date(Date.parse(asOf) - 14 * 86400_000).toISOString(),
      asOf,
    ),
    operatingSystem: platform.operatingSystem,
    complianceState: r.pick([
      'compliant',
      'compliant',
      'compliant',
      'noncompliant',
      'inGracePeriod',
      'unknown',
    ]),
    jailBroken: isMobile ? 'False' : 'Unknown',
    managementAgent: 'mdm',
    osVersion: r.pick(platform.versions),
    easActivated: false,
    easDeviceId: '',
    easActivationDateTime: INTUNE_EMPTY_DATE,
    azureADRegistered: true,
    deviceEnrollmentType: pickEnrollmentType(r, platform.operatingSystem),
    activationLockBypassCode: null,
    emailAddress: '',
    azureADDeviceId: r.uuid(),
    deviceRegistrationState: r.chance(0.95)
      ? 'registered'
      : r.pick(['notRegistered', 'approvalPending', 'unknown']),
    deviceCategoryDisplayName: 'Unknown',
  };
}

/** The hardware half: supervision, Exchange, model, serial, radios, storage, certificates. */
function hardwareFields(r: Random, draw: DeviceDraw): Record<string, unknown> {
  const { platform, make, isApple, isMobile, storageBytes, enrolled, serial } = draw;
  return {
    isSupervised: isApple && isMobile,
    exchangeLastSuccessfulSyncDateTime: INTUNE_EMPTY_DATE,
    exchangeAccessState: 'none',
    exchangeAccessStateReason: 'none',
    remoteAssistanceSessionUrl: null,
    remoteAssistanceSessionErrorDetails: null,
    isEncrypted: r.chance(0.9),
    userPrincipalName: '',
    model: r.pick(make.models),
    manufacturer: make.manufacturer,
    imei: isMobile ? r.alnum(15, '0123456789') : '',
    complianceGracePeriodExpirationDateTime: '9999-12-31T23:59:59Z',
    serialNumber: serial,
    phoneNumber: '',
    androidSecurityPatchLevel: platform.operatingSystem === 'Android' ? '2024-10-01' : '',
    userDisplayName: '',
    configurationManagerClientEnabledFeatures: null,
    wiFiMacAddress: macAddress(r).replace(/:/g, ''),
    deviceHealthAttestationState: null,
    subscriberCarrier: isMobile ? r.pick(['NTT DOCOMO', 'au', 'SoftBank', '']) : '',
    meid: '',
    totalStorageSpaceInBytes: r.chance(0.03) ? 0 : storageBytes,
    freeStorageSpaceInBytes: r.chance(0.03) ? 0 : Math.round(storageBytes * r.next() * 0.6),
    managedDeviceName: '',
    partnerReportedThreatState: 'unknown',
    requireUserEnrollmentApproval: null,
    managementCertificateExpirationDate: new Date(
      Date.parse(enrolled) + 365 * 86400_000,
    ).toISOString(),
    iccid: null,
    udid: null,
    notes: null,
    ethernetMacAddress: null,
    physicalMemoryInBytes: 0,
    enrollmentProfileName: isApple ? r.pick(['', 'ADE 標準']) : '',
    deviceActionResults: [],
  };
}

function assignUser(
  device: RawManagedDevice,
  user: FixtureUser | undefined,
  r: Random,
  domain: string,
): void {
  const upn = user ? `${user.login}@${domain}` : '';
  device.userPrincipalName = upn;
  device.emailAddress = user && r.chance(0.9) ? upn : '';
  device.userDisplayName = user?.displayName ?? '';
  device.userId = user ? stableUuid(upn) : '';
}

/** The same user keeps the same Entra object id across devices and generations. */
function stableUuid(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function pickPlatform(r: Random): Platform {
  let roll = r.next();
  for (const platform of PLATFORMS) {
    roll -= platform.weight;
    if (roll < 0) return platform;
  }
  return PLATFORMS[0];
}

function pickEnrollmentType(r: Random, os: string): string {
  if (os === 'Windows')
    return r.pick(['windowsAzureADJoin', 'windowsAutoEnrollment', 'windowsCoManagement']);
  if (os === 'iOS' || os === 'macOS') return r.pick(['appleBulkWithUser', 'userEnrollment']);
  return 'userEnrollment';
}
