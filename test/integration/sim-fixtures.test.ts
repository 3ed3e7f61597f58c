/**
 * The fixture generators and the committed demo fixture: raw API objects that match the
 * published contracts, deterministic per seed, and as messy as real tenants.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  demoFixturePath,
  generateIntuneDevices,
  generateJamfComputers,
  generateJamfMobileDevices,
  INTUNE_EMPTY_DATE,
  loadFixture,
  PLACEHOLDER_SERIALS,
} from '../../src/sim/fixtures';
import { expectValid, loadContracts } from '../support/sim-contracts';

const contracts = loadContracts();
const managedDevice = contracts.schema(
  'graph/managedDevice.schema.json',
  'microsoft.graph.managedDevice',
);
const computer = contracts.schema('jamf/jamf-pro-api-11.7.1.excerpt.json', 'ComputerInventory');
const mobileDevice = contracts.schema(
  'jamf/jamf-pro-api-11.7.1.excerpt.json',
  'MobileDeviceResponse',
);

describe('fixtures', () => {
  it('generated devices are valid raw API objects', () => {
    for (const device of generateIntuneDevices(2000, 21, { generation: 2 }))
      expectValid(managedDevice, device, `managedDevice ${device.id}`);
    for (const record of generateJamfComputers(500, 22))
      expectValid(computer, record, `computer ${record.id}`);
    for (const record of generateJamfMobileDevices(300, 23))
      expectValid(mobileDevice, record, `mobile device ${record.mobileDeviceId}`);
  });

  it('the committed demo fixture is valid and small', () => {
    const demo = loadFixture(demoFixturePath());
    const count =
      demo.intune.devices.length + demo.jamf.computers.length + demo.jamf.mobileDevices.length;
    expect(count).toBeGreaterThanOrEqual(25);
    expect(count).toBeLessThanOrEqual(40);
    for (const device of demo.intune.devices)
      expectValid(managedDevice, device, 'demo managedDevice');
    for (const record of demo.jamf.computers) expectValid(computer, record, 'demo computer');
    for (const record of demo.jamf.mobileDevices)
      expectValid(mobileDevice, record, 'demo mobile device');
  });

  it('are the same for the same seed, and different for another', () => {
    expect(generateIntuneDevices(50, 9)).toEqual(generateIntuneDevices(50, 9));
    expect(generateJamfComputers(20, 9)).toEqual(generateJamfComputers(20, 9));
    expect(generateIntuneDevices(5, 9)[0].id).not.toBe(generateIntuneDevices(5, 10)[0].id);
  });

  it('carry the mess a real tenant has', () => {
    const devices = generateIntuneDevices(2000, 31);
    const serials = devices.map((d) => String(d.serialNumber).trim());
    const repeated = serials.filter(
      (s, i) => s !== '' && serials.indexOf(s) !== i && !PLACEHOLDER_SERIALS.includes(s),
    );
    expect(repeated.length).toBeGreaterThanOrEqual(20); // ~2% re-enrolled twins
    expect(serials.filter((s) => PLACEHOLDER_SERIALS.includes(s)).length).toBeGreaterThan(10);
    expect(devices.filter((d) => d.deviceName === '').length).toBeGreaterThan(10);
    expect(devices.filter((d) => d.userPrincipalName === '').length).toBeGreaterThan(50);
    expect(devices.filter((d) => d.enrolledDateTime === INTUNE_EMPTY_DATE).length).toBeGreaterThan(
      5,
    );
    expect(devices.some((d) => /[\uff01-\uff5e]/.test(String(d.deviceName)))).toBe(true);
    expect(new Set(devices.map((d) => d.operatingSystem))).toEqual(
      new Set(['Windows', 'macOS', 'iOS', 'Android']),
    );
    expect(new Set(devices.map((d) => d.id)).size).toBe(2000);
  });

  it('a later generation keeps the devices and hands some to other users', () => {
    const before = generateIntuneDevices(1000, 12);
    const after = generateIntuneDevices(1000, 12, { generation: 1 });
    expect(after.map((d) => d.id)).toEqual(before.map((d) => d.id));
    expect(after.map((d) => d.serialNumber)).toEqual(before.map((d) => d.serialNumber));
    const moved = after.filter(
      (d, i) => d.userPrincipalName !== before[i].userPrincipalName,
    ).length;
    expect(moved).toBeGreaterThan(20);
    expect(moved).toBeLessThan(100);
  });

  it('loadFixture reads partial files and names what is missing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-fixture-'));
    const partial = path.join(dir, 'partial.json');
    writeFileSync(partial, JSON.stringify({ jamf: { computers: generateJamfComputers(2, 1) } }));
    expect(loadFixture(partial)).toMatchObject({
      intune: { devices: [] },
      jamf: { mobileDevices: [] },
    });
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ intune: { devices: [{ deviceName: 'no id' }] } }));
    expect(() => loadFixture(broken)).toThrow(/intune\.devices\[0\]\.id/);
    expect(() => loadFixture(path.join(dir, 'absent.json'))).toThrow(/cannot read fixture/);
  });
});
