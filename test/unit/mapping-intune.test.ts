import { generateIntuneDevices } from '../../src/sim/fixtures';
import type { MdmDevice } from '../../src/sync/mdm-device';
import { INTUNE_SELECT, mapManagedDevice } from '../../src/sync/sources/intune-mapping';

const BASE = {
  id: '1d3c8e2a-1111-4a5b-9c6d-7e8f9a0b1c2d',
  serialNumber: '5CG3421XYZ',
  deviceName: 'CT-PC-0042',
  operatingSystem: 'Windows',
  osVersion: '10.0.22631.4460',
  manufacturer: 'HP',
  model: 'HP EliteBook 840 G10',
  userPrincipalName: 'taro.yamada@contoso.co.jp',
  emailAddress: 'Taro.Yamada@contoso.co.jp',
  enrolledDateTime: '2023-04-03T01:02:03Z',
  lastSyncDateTime: '2024-10-30T08:00:00Z',
  totalStorageSpaceInBytes: 254_721_425_408,
  deviceRegistrationState: 'registered',
  managementAgent: 'configurationManagerClientMdm',
};

const EXPECTED: MdmDevice = {
  provider: 'intune',
  deviceId: BASE.id,
  uuid: BASE.id,
  serialNumber: '5CG3421XYZ',
  deviceName: 'CT-PC-0042',
  os: 'Windows (10.0.22631.4460)',
  manufacturer: 'HP',
  model: 'HP EliteBook 840 G10',
  user: 'taro.yamada@contoso.co.jp',
  primaryUser: 'Taro.Yamada@contoso.co.jp',
  enrolledAt: '2023-04-03T01:02:03Z',
  lastCheckInAt: '2024-10-30T08:00:00Z',
  diskCapacityGb: 237.23,
  registrationState: 'registered',
  managementAgent: 'configurationManagerClientMdm',
};

describe('mapManagedDevice', () => {
  it('maps a complete managedDevice', () => {
    expect(mapManagedDevice(BASE)).toEqual(EXPECTED);
  });

  it.each<[string, Record<string, unknown>, Partial<MdmDevice>]>([
    ['empty serial', { serialNumber: '' }, { serialNumber: null }],
    ['blank serial', { serialNumber: '   ' }, { serialNumber: null }],
    [
      'serial with spaces around it',
      { serialNumber: ' 5CG3421XYZ ' },
      { serialNumber: '5CG3421XYZ' },
    ],
    ['null serial', { serialNumber: null }, { serialNumber: null }],
    ['empty device name', { deviceName: '' }, { deviceName: null }],
    [
      'full-width name kept as sent',
      { deviceName: 'ＣＴ－ＰＣ－００４２' },
      { deviceName: 'ＣＴ－ＰＣ－００４２' },
    ],
    ['no OS version', { osVersion: '' }, { os: 'Windows' }],
    ['no OS at all', { operatingSystem: null, osVersion: null }, { os: null }],
    ['a version without a name', { operatingSystem: '', osVersion: '17.5.1' }, { os: '17.5.1' }],
    [
      'empty manufacturer and model',
      { manufacturer: '', model: '' },
      { manufacturer: null, model: null },
    ],
    [
      'no e-mail: UPN is the primary user',
      { emailAddress: '' },
      { primaryUser: 'taro.yamada@contoso.co.jp' },
    ],
    [
      'no user at all',
      { userPrincipalName: '', emailAddress: '' },
      { user: null, primaryUser: null },
    ],
    [
      "Intune's empty enrolment date",
      { enrolledDateTime: '0001-01-01T00:00:00Z' },
      { enrolledAt: null },
    ],
    [
      "Intune's empty sync date",
      { lastSyncDateTime: '0001-01-01T00:00:00Z' },
      { lastCheckInAt: null },
    ],
    ['unreadable date', { lastSyncDateTime: 'yesterday' }, { lastCheckInAt: null }],
    ['0-byte disk', { totalStorageSpaceInBytes: 0 }, { diskCapacityGb: null }],
    ['no disk size', { totalStorageSpaceInBytes: undefined }, { diskCapacityGb: null }],
    ['exactly 256 GiB', { totalStorageSpaceInBytes: 256 * 1024 ** 3 }, { diskCapacityGb: 256 }],
    ['empty registration state', { deviceRegistrationState: '' }, { registrationState: null }],
  ])('%s', (_name, change, expected) => {
    expect(mapManagedDevice({ ...BASE, ...change })).toEqual({ ...EXPECTED, ...expected });
  });

  it('refuses a record without an id', () => {
    expect(() => mapManagedDevice({ ...BASE, id: '' })).toThrow(/without an id/);
  });

  it('reads nothing that the source does not $select', () => {
    const selectedOnly = Object.fromEntries(INTUNE_SELECT.map((key) => [key, BASE[key]]));
    expect(mapManagedDevice(selectedOnly)).toEqual(EXPECTED);
  });

  it('turns every generated device into nulls, never empty strings', () => {
    for (const device of generateIntuneDevices(300, 11)) {
      const mapped = mapManagedDevice(device);
      expect(Object.values(mapped)).not.toContain('');
      expect(mapped.enrolledAt ?? '').not.toMatch(/^0001/);
    }
  });
});
