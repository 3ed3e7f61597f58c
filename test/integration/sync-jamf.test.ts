import { generateJamfComputers, generateJamfMobileDevices } from '../../src/sim/fixtures';
import { syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

const admin = { by: 'test:admin' };

/** The parts of the raw Jamf records this test reads. */
interface Computer {
  id: string;
  udid: string;
  general: { name: string; lastContactTime: string };
  hardware: { serialNumber: string };
  operatingSystem: { version: string };
  userAndLocation: { username: string; email: string };
}
interface Mobile {
  mobileDeviceId: string;
  general: { udid: string; displayName: string; osVersion: string };
}

describe('Jamf Pro master integration through the Jamf simulator', () => {
  let t: TestDb;
  let h: SyncHarness;
  afterEach(async () => {
    await h?.close();
    await t?.close();
  });

  it('links by UDID, maps Jamf fields by the same rules, names new devices by the name rule', async () => {
    const computers = generateJamfComputers(2, 11);
    const phones = generateJamfMobileDevices(1, 11);
    const [mac, other] = computers as unknown as Computer[];
    const [phone] = phones as unknown as Mobile[];
    t = await openTestDb();
    h = await syncHarness(t, { graph: false, jamf: { computers, mobileDevices: phones } });
    await t.ledger.create(
      {
        assetNumber: 'MAC-001',
        uuid: mac.udid.toLowerCase(),
        serialNumber: null,
        model: 'Ledger model',
        user: '旧利用者',
        status: '利用中',
      },
      admin,
    );

    const r = await h.links.link(
      { provider: 'jamf', matchKey: 'uuid', assetNumberRule: 'deviceName' },
      { dryRun: false, actor: admin },
    );
    expect(r).toMatchObject({
      status: 'success',
      counts: { mdmDevices: 3, linked: 1, created: 2 },
    });
    const ledger = new Map((await t.ledger.list()).map((d) => [d.assetNumber, d]));
    expect(ledger.get('MAC-001')).toMatchObject({
      serialNumber: mac.hardware.serialNumber, // ledger was empty
      os: `macOS (${mac.operatingSystem.version})`, // MDM wins
      manufacturer: 'Apple',
      model: 'Ledger model', // ledger wins
      user: mac.userAndLocation.username, // MDM wins
      status: '利用中', // never touched
      source: 'jamf',
      mdm: {
        provider: 'jamf',
        deviceId: `computer:${mac.id}`,
        uuid: mac.udid,
        deviceName: mac.general.name,
        lastCheckInAt: mac.general.lastContactTime,
        primaryUser: mac.userAndLocation.email,
      },
    });
    expect(ledger.get(other.general.name)).toMatchObject({
      source: 'jamf',
      mdm: { deviceId: `computer:${other.id}` },
    });
    expect(ledger.get(phone.general.displayName)).toMatchObject({
      source: 'jamf',
      os: expect.stringContaining(phone.general.osVersion),
      mdm: { deviceId: `mobile:${phone.mobileDeviceId}`, uuid: phone.general.udid },
    });
    // Jamf: at most 5 requests at once.
    expect(h.sims.jamf!.state.maxInFlight).toBeLessThanOrEqual(5);

    const again = await h.sync.sync({ actor: admin });
    expect(again).toMatchObject({ documentsWritten: 0, counts: { unchanged: 3 } });
  });
});
