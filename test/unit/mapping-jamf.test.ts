import { generateJamfComputers, generateJamfMobileDevices } from '../../src/sim/fixtures';
import type { MdmDevice } from '../../src/sync/mdm-device';
import { mapJamfComputer, mapJamfMobileDevice } from '../../src/sync/sources/jamf-mapping';

const COMPUTER = {
  id: '42',
  udid: '6D0B3C8E-1A2B-4C5D-8E9F-001122334455',
  general: {
    name: '山田のMacBook',
    lastContactTime: '2024-10-30T08:00:00.123Z',
    lastEnrolledDate: '2023-04-03T01:02:03Z',
    initialEntryDate: '2023-04-01',
  },
  hardware: { make: 'Apple', model: 'MacBook Pro (14-inch, 2023)', serialNumber: 'C02XK1ABCD12' },
  operatingSystem: { name: 'macOS', version: '14.6.1', build: '23G93' },
  userAndLocation: {
    username: 'taro.yamada',
    realname: '山田 太郎',
    email: 'taro.yamada@contoso.co.jp',
  },
};

const COMPUTER_EXPECTED: MdmDevice = {
  provider: 'jamf',
  deviceId: 'computer:42',
  uuid: '6D0B3C8E-1A2B-4C5D-8E9F-001122334455',
  serialNumber: 'C02XK1ABCD12',
  deviceName: '山田のMacBook',
  os: 'macOS (14.6.1)',
  manufacturer: 'Apple',
  model: 'MacBook Pro (14-inch, 2023)',
  user: 'taro.yamada',
  primaryUser: 'taro.yamada@contoso.co.jp',
  enrolledAt: '2023-04-03T01:02:03Z',
  lastCheckInAt: '2024-10-30T08:00:00.123Z',
  diskCapacityGb: null,
  registrationState: null,
};

const MOBILE = {
  mobileDeviceId: '7',
  deviceType: 'iOS',
  hardware: {
    capacityMb: 131072,
    serialNumber: 'F2LXK1ABCD',
    model: 'iPhone 15',
    modelIdentifier: 'iPhone15,4',
  },
  userAndLocation: {
    username: 'hanako.sato',
    realName: '佐藤 花子',
    emailAddress: 'hanako.sato@contoso.co.jp',
  },
  general: {
    udid: '00008110-000A1B2C3D4E5F6A',
    displayName: '佐藤のiPhone',
    osVersion: '17.5.1',
    lastInventoryUpdateDate: '2024-10-31T09:00:00Z',
    lastEnrolledDate: '2024-01-10T00:00:00Z',
  },
};

const MOBILE_EXPECTED: MdmDevice = {
  provider: 'jamf',
  deviceId: 'mobile:7',
  uuid: '00008110-000A1B2C3D4E5F6A',
  serialNumber: 'F2LXK1ABCD',
  deviceName: '佐藤のiPhone',
  os: 'iOS (17.5.1)',
  manufacturer: 'Apple',
  model: 'iPhone 15',
  user: 'hanako.sato',
  primaryUser: 'hanako.sato@contoso.co.jp',
  enrolledAt: '2024-01-10T00:00:00Z',
  lastCheckInAt: '2024-10-31T09:00:00Z',
  diskCapacityGb: 128,
  registrationState: null,
};

type Change = Record<string, Record<string, unknown> | string>;

/** Merges one level deep, so a case can change one field of a section. */
function withChange<T extends Record<string, unknown>>(base: T, change: Change): T {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(change)) {
    out[key] = typeof value === 'object' ? { ...(base[key] as object), ...value } : value;
  }
  return out as T;
}

describe('mapJamfComputer', () => {
  it('maps a computers-inventory record', () => {
    expect(mapJamfComputer(COMPUTER)).toEqual(COMPUTER_EXPECTED);
  });

  it.each<[string, Change, Partial<MdmDevice>]>([
    ['empty serial', { hardware: { serialNumber: '' } }, { serialNumber: null }],
    [
      'serial with a trailing space',
      { hardware: { serialNumber: 'C02XK1ABCD12 ' } },
      { serialNumber: 'C02XK1ABCD12' },
    ],
    [
      'no e-mail: username is the primary user',
      { userAndLocation: { email: '' } },
      { primaryUser: 'taro.yamada' },
    ],
    [
      'no user',
      { userAndLocation: { username: '', email: '' } },
      { user: null, primaryUser: null },
    ],
    [
      'never re-enrolled: first inventory date',
      { general: { lastEnrolledDate: '' } },
      { enrolledAt: '2023-04-01' },
    ],
    ['no OS version', { operatingSystem: { version: '' } }, { os: 'macOS' }],
    ['empty udid', { udid: '' }, { uuid: null }],
  ])('%s', (_name, change, expected) => {
    expect(mapJamfComputer(withChange(COMPUTER, change))).toEqual({
      ...COMPUTER_EXPECTED,
      ...expected,
    });
  });

  it('copes with sections Jamf did not send', () => {
    expect(mapJamfComputer({ id: '5', general: { name: 'x' } })).toMatchObject({
      deviceId: 'computer:5',
      deviceName: 'x',
      serialNumber: null,
      os: null,
      user: null,
    });
  });
});

describe('mapJamfMobileDevice', () => {
  it('maps a mobile-devices/detail record', () => {
    expect(mapJamfMobileDevice(MOBILE)).toEqual(MOBILE_EXPECTED);
  });

  it.each<[string, Change, Partial<MdmDevice>]>([
    [
      'an iPad runs iPadOS',
      { hardware: { model: 'iPad (10th generation)', modelIdentifier: 'iPad13,18' } },
      { os: 'iPadOS (17.5.1)', model: 'iPad (10th generation)' },
    ],
    ['watchOS stays watchOS', { deviceType: 'watchOS' }, { os: 'watchOS (17.5.1)' }],
    ['empty serial', { hardware: { serialNumber: '' } }, { serialNumber: null }],
    ['no capacity', { hardware: { capacityMb: 0 } }, { diskCapacityGb: null }],
    [
      'no e-mail: username',
      { userAndLocation: { emailAddress: '' } },
      { primaryUser: 'hanako.sato' },
    ],
    [
      'no user',
      { userAndLocation: { username: '', emailAddress: '' } },
      { user: null, primaryUser: null },
    ],
    ['blank name', { general: { displayName: ' ' } }, { deviceName: null }],
  ])('%s', (_name, change, expected) => {
    expect(mapJamfMobileDevice(withChange(MOBILE, change))).toEqual({
      ...MOBILE_EXPECTED,
      ...expected,
    });
  });

  it('refuses a record without its id', () => {
    expect(() => mapJamfMobileDevice({ ...MOBILE, mobileDeviceId: '' })).toThrow(/mobileDeviceId/);
  });
});

describe('generated Jamf fixtures', () => {
  it('map without empty strings', () => {
    const mapped = [
      ...generateJamfComputers(200, 5).map(mapJamfComputer),
      ...generateJamfMobileDevices(100, 6).map(mapJamfMobileDevice),
    ];
    for (const device of mapped) expect(Object.values(device)).not.toContain('');
    expect(new Set(mapped.map((d) => d.deviceId)).size).toBe(300);
  });
});
