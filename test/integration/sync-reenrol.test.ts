import type { Device } from '../../src/ledger/device';
import {
  generateJamfComputers,
  reenrolIntuneDevice,
  reenrolJamfComputer,
  type RawJamfComputer,
  type RawManagedDevice,
} from '../../src/sim/fixtures';
import { syncHarness, rawIntuneDevice, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * Seed 000's 2025/12/15 rule against the simulators: a device wiped and enrolled again (new MDM
 * id, same serial) is linked again to its ledger record — one record, its asset number and its
 * usage history — with the serial key; with the UUID key it is a new record.
 */
const admin = { by: 'test:admin' };
const bySerial = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'uuid' } as const;
const hanako = { login: 'hanako.sato', displayName: 'Hanako Sato' };
const HANAKO = 'hanako.sato@contoso.co.jp';
const TARO = 'taro.yamada@contoso.co.jp';

describe('re-enrolment (wipe → new MDM id, same serial)', () => {
  let t: TestDb;
  let h: SyncHarness;
  afterEach(async () => {
    await h?.close();
    await t?.close();
  });

  async function intune(devices: Record<string, unknown>[]) {
    t = await openTestDb();
    // One device in a tiny tenant is more than the safety limit's 20 %: not what is tested here.
    h = await syncHarness(t, { graph: { devices: devices as never }, safetyLimitPercent: 100 });
  }
  const tenant = () => h.sims.graph!.state.devices as RawManagedDevice[];
  const devices = () => t.ledger.list();
  const one = async (assetNumber: string): Promise<Device> =>
    (await devices()).find((d) => d.assetNumber === assetNumber)!;

  it('serial key: one record, the same asset number, pinned to the new id, with a history entry and usage history', async () => {
    await intune([
      rawIntuneDevice({ id: 'old-1', serialNumber: 'SN-W1' }),
      rawIntuneDevice({ id: 'k-1' }),
    ]);
    await t.ledger.create(
      { assetNumber: 'PC-0012', serialNumber: 'SN-W1', manufacturer: '台帳メーカー' },
      admin,
    );
    await h.links.link(bySerial, { dryRun: false, actor: admin });
    expect((await one('PC-0012')).mdm?.deviceId).toBe('old-1');

    const next = reenrolIntuneDevice(tenant(), 'old-1', {
      newId: 'new-1',
      at: '2025-12-20T09:00:00Z',
      user: hanako,
    });
    expect(next).toMatchObject({ id: 'new-1', serialNumber: 'SN-W1' });
    expect(tenant().map((d) => d.id)).toEqual(['k-1', 'new-1']);

    // The dry run shows the re-link as its own count and list.
    const dry = await h.sync.sync({ actor: admin, dryRun: true });
    expect(dry.counts).toMatchObject({ relinked: 1, linked: 0, created: 0, missing: 0 });
    expect(dry.preview!.relinks).toEqual([
      {
        assetNumber: 'PC-0012',
        serialNumber: 'SN-W1',
        oldMdmId: 'old-1',
        newMdmId: 'new-1',
        deviceName: 'PC-old-1',
      },
    ]);
    expect(await t.c.devices.countDocuments()).toBe(2);

    const r = await h.sync.sync({ actor: admin });
    expect(r.counts).toMatchObject({ relinked: 1, created: 0, linked: 0, missing: 0 });
    const list = await devices();
    expect(list.map((d) => d.assetNumber).sort()).toEqual(['PC-0012', 'k-1']);
    const device = await one('PC-0012');
    expect(device).toMatchObject({
      source: 'intune',
      serialNumber: 'SN-W1',
      manufacturer: '台帳メーカー', // ledger wins
      user: HANAKO, // MDM wins
      mdm: { deviceId: 'new-1', uuid: 'new-1', enrolledAt: '2025-12-20T09:00:00Z' },
    });
    expect(device.mdm).not.toHaveProperty('missingFromMdm');

    const history = await t.ledger.history('PC-0012');
    expect(history.filter((e) => e.rule === 're-enrolled')).toEqual([
      expect.objectContaining({
        field: 'mdm.deviceId',
        old: 'old-1',
        new: 'new-1',
        by: 'sync:intune',
      }),
    ]);
    const usage = await t.c.usageHistory
      .find({ assetNumber: 'PC-0012' })
      .sort({ from: 1 })
      .toArray();
    expect(
      usage.map((u) => [u.user, u.to === null || u.to === undefined ? 'open' : 'closed']),
    ).toEqual([
      [TARO, 'closed'],
      [HANAKO, 'open'],
    ]);
    expect(
      await t.c.alerts.countDocuments({ type: { $in: ['duplicate', 'missing-from-mdm'] } }),
    ).toBe(0);

    // In step afterwards: a re-sync changes nothing.
    const again = await h.sync.sync({ actor: admin });
    expect(again.counts).toMatchObject({ relinked: 0, updated: 0, created: 0, unchanged: 2 });
  });

  it('serial key: a record already flagged missing is taken over too, and the flag clears', async () => {
    await intune([rawIntuneDevice({ id: 'old-2', serialNumber: 'SN-W2' })]);
    await h.links.link(bySerial, { dryRun: false, actor: admin });
    tenant().splice(0, 1); // wiped: the old enrolment leaves first
    expect((await h.sync.sync({ actor: admin })).counts.missing).toBe(1);
    expect((await one('old-2')).mdm).toMatchObject({ missingFromMdm: true });

    tenant().push(
      rawIntuneDevice({
        id: 'new-2',
        serialNumber: 'sn-w2',
        enrolledDateTime: '2025-12-20T00:00:00Z',
      }) as RawManagedDevice,
    );
    const r = await h.sync.sync({ actor: admin });
    expect(r.counts).toMatchObject({ relinked: 1, created: 0 });
    const device = await one('old-2'); // its asset number (from the uuid rule) stays
    expect(device.mdm).toMatchObject({ deviceId: 'new-2' });
    expect(device.mdm).not.toHaveProperty('missingFromMdm');
    expect(device.mdm).not.toHaveProperty('missingSince');
    expect(await t.c.devices.countDocuments()).toBe(1);
  });

  it('UUID key: the re-enrolled device is a new record, as seed 000 says', async () => {
    await intune([rawIntuneDevice({ id: 'old-3', serialNumber: 'SN-W3' })]);
    await h.links.link({ ...bySerial, matchKey: 'uuid' }, { dryRun: false, actor: admin });
    reenrolIntuneDevice(tenant(), 'old-3', { newId: 'new-3', at: '2025-12-20T09:00:00Z' });
    const r = await h.sync.sync({ actor: admin });
    expect(r.counts).toMatchObject({ relinked: 0, created: 1, missing: 1 });
    expect(
      (await devices()).map((d) => [d.assetNumber, d.mdm?.deviceId, !!d.mdm?.missingFromMdm]),
    ).toEqual([
      ['new-3', 'new-3', false],
      ['old-3', 'old-3', true],
    ]);
  });

  it('both enrolments listed: nothing is imported, one alert says it looks like a re-enrolment; the new one takes over once the old leaves', async () => {
    await intune([rawIntuneDevice({ id: 'old-4', serialNumber: 'SN-W4' })]);
    await t.ledger.create({ assetNumber: 'PC-0044', serialNumber: 'SN-W4' }, admin);
    await h.links.link(bySerial, { dryRun: false, actor: admin });
    reenrolIntuneDevice(tenant(), 'old-4', {
      newId: 'new-4',
      at: '2025-12-20T09:00:00Z',
      keepOld: true,
      user: hanako,
    });

    const dry = await h.sync.sync({ actor: admin, dryRun: true });
    expect(dry.counts).toMatchObject({ reenrolments: 1, created: 0, duplicates: 0 });
    expect(dry.preview!.reenrolments).toEqual([
      expect.objectContaining({
        assetNumber: 'PC-0044',
        oldMdm: expect.objectContaining({ deviceId: 'old-4' }),
      }),
    ]);

    const r = await h.sync.sync({ actor: admin });
    expect(r.counts).toMatchObject({ created: 0, reenrolments: 1, duplicates: 0 });
    expect(await t.c.devices.countDocuments()).toBe(1);
    const alerts = await t.c.alerts.find({ provider: 'intune' }).toArray();
    expect(alerts.map((a) => [a.type, a._id])).toEqual([
      ['reenrolment', 'reenrolment:intune:old-4:new-4'],
    ]);
    expect(alerts[0].payload).toMatchObject({
      assetNumber: 'PC-0044',
      matchKey: 'serial',
      keyValue: 'sn-w4',
      oldMdm: { deviceId: 'old-4', lastCheckInAt: '2025-11-20T09:00:00Z' },
      newMdm: { deviceId: 'new-4', enrolledAt: '2025-12-20T09:00:00Z', user: HANAKO },
    });
    await h.sync.sync({ actor: admin });
    expect(await t.c.alerts.countDocuments({})).toBe(1); // raised once

    // The admin deletes the stale record in Intune: the new enrolment takes over PC-0044.
    h.sims.graph!.state.devices = tenant().filter((d) => d.id !== 'old-4') as never;
    const after = await h.sync.sync({ actor: admin });
    expect(after.counts).toMatchObject({ relinked: 1, created: 0, missing: 0 });
    expect((await devices()).map((d) => [d.assetNumber, d.mdm?.deviceId, d.user])).toEqual([
      ['PC-0044', 'new-4', HANAKO],
    ]);
    expect(await t.c.alerts.countDocuments({ type: 'missing-from-mdm' })).toBe(0);
  });

  it('an old-behaviour duplicate: when the old enrolment leaves, the alert offers the merge', async () => {
    await intune([rawIntuneDevice({ id: 'old-5', serialNumber: 'SN-W5' })]);
    await t.ledger.create({ assetNumber: 'PC-0055', serialNumber: 'SN-W5' }, admin);
    await h.links.link(bySerial, { dryRun: false, actor: admin });
    // As the sync did before 2025/12/15 (and still does for two devices that both check in):
    // the new enrolment was imported as a second record.
    tenant()[0].lastSyncDateTime = '2025-12-21T00:00:00Z';
    reenrolIntuneDevice(tenant(), 'old-5', {
      newId: 'new-5',
      at: '2025-12-20T09:00:00Z',
      keepOld: true,
    });
    expect((await h.sync.sync({ actor: admin })).counts).toMatchObject({
      created: 1,
      duplicates: 1,
    });
    expect((await devices()).map((d) => d.assetNumber).sort()).toEqual(['PC-0055', 'new-5']);

    h.sims.graph!.state.devices = tenant().filter((d) => d.id !== 'old-5') as never;
    const r = await h.sync.sync({ actor: admin });
    expect(r.counts).toMatchObject({ relinked: 0, created: 0, missing: 1 });
    const offer = await t.c.alerts.findOne({ type: 'duplicate', 'payload.side': 'ledger' });
    expect(offer?.payload).toMatchObject({
      side: 'ledger',
      keyValue: 'sn-w5',
      assetNumbers: ['new-5', 'PC-0055'],
      reenrolled: [{ assetNumber: 'PC-0055', oldMdmId: 'old-5', newMdmId: 'new-5' }],
    });
    // The merge it offers (the alert's "keep this one" on the linked record) is allowed.
    await t.ledger.mergeInto('PC-0055', 'new-5', admin);
    expect((await devices()).map((d) => d.assetNumber)).toEqual(['new-5']);
    await h.sync.sync({ actor: admin });
    expect(await t.c.alerts.countDocuments({ type: 'duplicate', 'payload.side': 'ledger' })).toBe(
      1,
    );
  });

  it('an old-behaviour duplicate merged the other way: the old record keeps its asset number and takes the MDM link', async () => {
    await intune([rawIntuneDevice({ id: 'old-6', serialNumber: 'SN-W6' })]);
    await t.ledger.create({ assetNumber: 'PC-0066', serialNumber: 'SN-W6', user: HANAKO }, admin);
    await h.links.link(bySerial, { dryRun: false, actor: admin });
    tenant()[0].lastSyncDateTime = '2025-12-21T00:00:00Z';
    reenrolIntuneDevice(tenant(), 'old-6', {
      newId: 'new-6',
      at: '2025-12-20T09:00:00Z',
      keepOld: true,
    });
    await h.sync.sync({ actor: admin });
    h.sims.graph!.state.devices = tenant().filter((d) => d.id !== 'old-6') as never;
    await h.sync.sync({ actor: admin });
    expect((await one('PC-0066')).mdm?.missingFromMdm).toBe(true);

    // "Keep this one" on the old record: the twin made for the re-enrolled device goes, and its
    // MDM link moves to the record the admin knows by its asset number.
    await t.ledger.mergeInto('new-6', 'PC-0066', admin);
    const kept = await devices();
    expect(kept.map((d) => [d.assetNumber, d.mdm?.deviceId, d.mdm?.missingFromMdm])).toEqual([
      ['PC-0066', 'new-6', false],
    ]);
    const history = await t.ledger.history('PC-0066');
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'mdm.deviceId',
          old: 'old-6',
          new: 'new-6',
          rule: 're-enrolled',
        }),
      ]),
    );
    // The next sync finds one device for one physical device: nothing created, nothing missing.
    const after = await h.sync.sync({ actor: admin });
    expect(after.counts).toMatchObject({ created: 0, missing: 0 });
    expect((await devices()).map((d) => [d.assetNumber, d.mdm?.deviceId])).toEqual([
      ['PC-0066', 'new-6'],
    ]);
  });

  it('Jamf Pro: the same rule by serial, and the both-listed alert', async () => {
    const [mac] = generateJamfComputers(1, 5) as (RawJamfComputer & {
      hardware: Record<string, unknown>;
    })[];
    mac.hardware.serialNumber = 'C02REENROL1';
    t = await openTestDb();
    h = await syncHarness(t, { graph: false, jamf: { computers: [mac], mobileDevices: [] } });
    await t.ledger.create({ assetNumber: 'MAC-0001', serialNumber: 'C02REENROL1' }, admin);
    const jamfSerial = { provider: 'jamf', matchKey: 'serial', assetNumberRule: 'serial' } as const;
    await h.links.link(jamfSerial, { dryRun: false, actor: admin });
    expect((await one('MAC-0001')).mdm?.deviceId).toBe(`computer:${mac.id}`);

    const computers = h.sims.jamf!.state.computers;
    const next = reenrolJamfComputer(computers, mac.id, {
      at: '2099-01-01T00:00:00Z',
      keepOld: true,
    });
    expect(next.id).toBe(String(Number(mac.id) + 1));
    expect((await h.sync.sync({ actor: admin })).counts).toMatchObject({
      created: 0,
      reenrolments: 1,
    });
    expect(await t.c.alerts.countDocuments({ type: 'reenrolment', provider: 'jamf' })).toBe(1);

    computers.splice(0, 1);
    const r = await h.sync.sync({ actor: admin });
    expect(r.counts).toMatchObject({ relinked: 1, created: 0 });
    expect((await devices()).map((d) => [d.assetNumber, d.mdm?.deviceId])).toEqual([
      ['MAC-0001', `computer:${next.id}`],
    ]);
    const history = await t.ledger.history('MAC-0001');
    expect(history).toContainEqual(
      expect.objectContaining({
        field: 'mdm.deviceId',
        old: `computer:${mac.id}`,
        new: `computer:${next.id}`,
        rule: 're-enrolled',
        by: 'sync:jamf',
      }),
    );
  });
});
