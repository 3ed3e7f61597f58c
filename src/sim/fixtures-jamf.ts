import {
  createRandom,
  macAddress,
  pickUser,
  toFullWidth,
  type FixtureUser,
  type Random,
} from './fixtures-random';

/** A ComputerInventory / MobileDeviceResponse as Jamf Pro returns it (raw JSON). */
export type RawJamfComputer = { id: string } & Record<string, unknown>;
export type RawJamfMobileDevice = { mobileDeviceId: string } & Record<string, unknown>;

export interface JamfFixtureOptions {
  domain?: string;
  /** First Jamf record id; computers and mobile devices have separate id sequences in Jamf. */
  firstId?: number;
  asOf?: string;
}

const MACS = [
  {
    model: 'MacBook Pro (14-inch, 2023)',
    modelIdentifier: 'Mac14,9',
    processor: 'Apple M2 Pro',
    ramMb: 16384,
  },
  {
    model: 'MacBook Air (M2, 2022)',
    modelIdentifier: 'Mac14,2',
    processor: 'Apple M2',
    ramMb: 8192,
  },
  {
    model: 'iMac (24-inch, M3, 2023)',
    modelIdentifier: 'Mac15,4',
    processor: 'Apple M3',
    ramMb: 16384,
  },
  {
    model: 'MacBook Pro (16-inch, 2019)',
    modelIdentifier: 'MacBookPro16,1',
    processor: 'Intel Core i7',
    ramMb: 16384,
  },
];
const MACOS = [
  { version: '14.6.1', build: '23G93' },
  { version: '15.1', build: '24B83' },
  { version: '13.6.9', build: '22G830' },
];
const IOS_DEVICES = [
  {
    model: 'iPhone 15',
    modelIdentifier: 'iPhone15,4',
    modelNumber: 'MTML3J/A',
    capacityMb: 131072,
  },
  {
    model: 'iPad (10th generation)',
    modelIdentifier: 'iPad13,18',
    modelNumber: 'MPQ03J/A',
    capacityMb: 65536,
  },
  {
    model: 'iPhone SE (3rd generation)',
    modelIdentifier: 'iPhone14,6',
    modelNumber: 'MMYD3J/A',
    capacityMb: 65536,
  },
];
const IOS = [
  { version: '17.5.1', build: '21F90' },
  { version: '18.1', build: '22B83' },
];

/**
 * `n` Mac inventory records (sections GENERAL, HARDWARE, OPERATING_SYSTEM, USER_AND_LOCATION)
 * with the mess real servers have: repeated serials after a logic-board swap, VM serials,
 * no user, empty e-mail, stray spaces, the odd full-width name. Jamf requires a name.
 */
export function generateJamfComputers(
  n: number,
  seed: number,
  options: JamfFixtureOptions = {},
): RawJamfComputer[] {
  const r = createRandom(seed);
  const domain = options.domain ?? 'contoso.co.jp';
  const asOf = options.asOf ?? '2024-11-01T00:00:00Z';
  const computers: RawJamfComputer[] = [];
  for (let i = 0; i < n; i++) {
    const mac = r.pick(MACS);
    const os = r.pick(MACOS);
    const user = r.chance(0.08) ? undefined : pickUser(r);
    const enrolled = r.dateBetween('2021-04-01T00:00:00Z', asOf);
    let serial = r.chance(0.5) ? r.alnum(10) : `C02${r.alnum(9)}`;
    if (r.chance(0.02)) serial = r.pick(['', 'VMware-56 4d 8a 1c', '0']);
    else if (computers.length > 0 && r.chance(0.02))
      serial = String(hardwareOf(computers[r.int(0, computers.length - 1)]).serialNumber);
    else if (r.chance(0.01)) serial = `${serial} `;
    let name = user
      ? `${user.displayName.split(' ')[0]}のMacBook`
      : `CT-MAC-${String(r.int(1, 999)).padStart(3, '0')}`;
    if (r.chance(0.02)) name = toFullWidth(`MAC-${r.alnum(4)}`);
    const contact = r.dateBetween(new Date(Date.parse(asOf) - 20 * 86400_000).toISOString(), asOf);
    computers.push({
      id: String((options.firstId ?? 1) + i),
      udid: r.uuid().toUpperCase(),
      general: {
        name,
        lastIpAddress: `10.0.${r.int(0, 255)}.${r.int(1, 254)}`,
        lastReportedIp: `192.168.${r.int(0, 255)}.${r.int(1, 254)}`,
        jamfBinaryVersion: '11.7.1-t1721052446',
        platform: 'Mac',
        barcode1: '',
        barcode2: '',
        assetTag: '',
        remoteManagement: { managed: true, managementUsername: 'jamfadmin' },
        supervised: r.chance(0.7),
        mdmCapable: { capable: true, capableUsers: user ? [user.login] : [] },
        reportDate: contact,
        lastContactTime: contact,
        lastEnrolledDate: enrolled,
        mdmProfileExpiration: new Date(Date.parse(enrolled) + 2 * 365 * 86400_000).toISOString(),
        initialEntryDate: enrolled.slice(0, 10),
        distributionPoint: '',
        site: { id: '-1', name: 'None' },
        itunesStoreAccountActive: false,
        enrolledViaAutomatedDeviceEnrollment: r.chance(0.8),
        userApprovedMdm: true,
        declarativeDeviceManagementEnabled: r.chance(0.5),
        extensionAttributes: [],
        managementId: r.uuid(),
      },
      hardware: {
        make: 'Apple',
        model: mac.model,
        modelIdentifier: mac.modelIdentifier,
        serialNumber: serial,
        processorType: mac.processor,
        processorArchitecture: mac.processor.startsWith('Apple') ? 'arm64' : 'x86_64',
        totalRamMegabytes: mac.ramMb,
        macAddress: macAddress(r),
        appleSilicon: mac.processor.startsWith('Apple'),
        extensionAttributes: [],
      },
      operatingSystem: {
        name: 'macOS',
        version: os.version,
        build: os.build,
        fileVault2Status: 'ALL_ENCRYPTED',
        extensionAttributes: [],
      },
      userAndLocation: userAndLocation(r, user, domain, 'computer'),
    });
  }
  return computers;
}

/** `n` iOS/iPadOS records of GET /api/v2/mobile-devices/detail (GENERAL, HARDWARE, USER_AND_LOCATION). */
export function generateJamfMobileDevices(
  n: number,
  seed: number,
  options: JamfFixtureOptions = {},
): RawJamfMobileDevice[] {
  const r = createRandom(seed);
  const domain = options.domain ?? 'contoso.co.jp';
  const asOf = options.asOf ?? '2024-11-01T00:00:00Z';
  const devices: RawJamfMobileDevice[] = [];
  for (let i = 0; i < n; i++) {
    const hw = r.pick(IOS_DEVICES);
    const os = r.pick(IOS);
    const user = r.chance(0.1) ? undefined : pickUser(r);
    const enrolled = r.dateBetween('2022-01-01T00:00:00Z', asOf);
    devices.push({
      mobileDeviceId: String((options.firstId ?? 1) + i),
      deviceType: 'iOS',
      hardware: {
        capacityMb: hw.capacityMb,
        availableSpaceMb: Math.round(hw.capacityMb * r.next() * 0.7),
        usedSpacePercentage: r.int(10, 90),
        batteryLevel: r.int(5, 100),
        serialNumber: r.chance(0.01) ? '' : r.alnum(r.chance(0.5) ? 10 : 12),
        wifiMacAddress: macAddress(r),
        bluetoothMacAddress: macAddress(r),
        modemFirmwareVersion: '',
        model: hw.model,
        modelIdentifier: hw.modelIdentifier,
        modelNumber: hw.modelNumber,
        bluetoothLowEnergyCapable: true,
        extensionAttributes: [],
      },
      userAndLocation: userAndLocation(r, user, domain, 'mobile'),
      general: {
        udid: r.hex(40),
        displayName:
          user && r.chance(0.5)
            ? `${user.displayName.split(' ')[0]}の${hw.model.split(' ')[0]}`
            : hw.model.split(' ')[0],
        assetTag: '',
        siteId: '-1',
        lastInventoryUpdateDate: r.dateBetween(
          new Date(Date.parse(asOf) - 10 * 86400_000).toISOString(),
          asOf,
        ),
        osVersion: os.version,
        osBuild: os.build,
        ipAddress: `10.1.${r.int(0, 255)}.${r.int(1, 254)}`,
        managed: true,
        supervised: r.chance(0.8),
        deviceOwnershipType: 'Institutional',
        enrollmentSessionTokenValid: false,
        lastEnrolledDate: enrolled,
        mdmProfileExpirationDate: new Date(
          Date.parse(enrolled) + 2 * 365 * 86400_000,
        ).toISOString(),
        timeZone: 'Asia/Tokyo',
        declarativeDeviceManagementEnabled: false,
        extensionAttributes: [],
      },
    });
  }
  return devices;
}

/** Computers spell it realname/email, mobile devices realName/emailAddress (sic, in Jamf's API). */
function userAndLocation(
  r: Random,
  user: FixtureUser | undefined,
  domain: string,
  kind: 'computer' | 'mobile',
): Record<string, unknown> {
  const email = user && r.chance(0.9) ? `${user.login}@${domain}` : '';
  const common = {
    username: user?.login ?? '',
    position: '',
    departmentId: '-1',
    buildingId: '-1',
    room: '',
    extensionAttributes: [],
  };
  return kind === 'computer'
    ? { ...common, realname: user?.realName ?? '', email, phone: '' }
    : {
        ...common,
        realName: user?.realName ?? '',
        emailAddress: email,
        phoneNumber: '',
        building: '',
        department: user?.department ?? '',
      };
}

function hardwareOf(computer: RawJamfComputer): Record<string, unknown> {
  return computer.hardware as Record<string, unknown>;
}
