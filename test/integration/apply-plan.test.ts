import { ObjectId } from 'mongodb';
import type { Device } from '../../src/ledger/device';
import type { SyncPlan } from '../../src/sync/reconcile-types';
import type { MdmDevice } from '../../src/sync/mdm-device';
import { device } from '../support/card-samples';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * Seed 000: a device imported under an asset number the ledger already has gets "SYS" + a
 * sequence. The plan checks the ledger, but an admin (or an import) may take the number between
 * the plan and the write; the unique index then refuses the create, and the device must still
 * arrive, under a SYS number, with the conflict alert, and the admin's device stay as it was.
 */
describe('applying a plan: an asset number taken after planning', () => {
  let t: TestDb;
  beforeEach(async () => (t = await openTestDb()));
  afterEach(async () => t.close());

  it('imports the MDM device under a SYS number and raises the conflict, touching nothing else', async () => {
    const mdm: MdmDevice = {
      provider: 'intune',
      deviceId: 'aaaaaaaa-0000-4000-8000-000000000001',
      uuid: 'aaaaaaaa-0000-4000-8000-000000000001',
      serialNumber: 'SER-1',
      deviceName: 'PC-9000',
      os: 'Windows (10.0.22631)',
      manufacturer: 'Dell',
      model: 'Latitude',
      user: 'hanako@contoso.co.jp',
      primaryUser: 'hanako@contoso.co.jp',
      enrolledAt: '2026-01-01T00:00:00Z',
      lastCheckInAt: '2026-11-20T00:00:00Z',
      diskCapacityGb: 256,
      registrationState: 'registered',
    };
    const sample = device({
      serialNumber: 'SER-1',
      user: 'hanako@contoso.co.jp',
      mdm: { ...device().mdm!, deviceId: mdm.deviceId, deviceName: 'PC-9000' },
    });
    const fields = Object.fromEntries(
      Object.entries(sample).filter(([field]) => field !== 'assetNumber'),
    ) as Omit<Device, 'assetNumber'>;
    const plan: SyncPlan = {
      provider: 'intune',
      updates: [],
      creates: [{ mdm, assetNumber: 'PC-9000', conflictWith: null, device: fields }],
      unchanged: 0,
      duplicates: [],
      missing: [],
      relinks: [],
      reenrolments: [],
      syncedBefore: 0,
      userChanges: 1,
    };
    // Planned while PC-9000 was free; an admin registers it before the write.
    const admins = await t.ledger.create(
      { assetNumber: 'PC-9000', serialNumber: 'HAND-1', user: '佐藤' },
      { by: 'admin' },
    );

    const result = await t.ledger.commit(plan, {
      runId: new ObjectId(),
      actor: { by: 'sync:intune' },
      at: new Date(),
    });

    expect(result.errors).toEqual([]);
    expect(result.created).toBe(1);
    const imported = await t.c.devices.findOne({ 'mdm.deviceId': mdm.deviceId });
    expect(imported?.assetNumber).toMatch(/^SYS\d{6}$/);
    expect(result.conflicts).toEqual([
      expect.objectContaining({
        mdmDeviceId: mdm.deviceId,
        wanted: 'PC-9000',
        assignedAssetNumber: imported!.assetNumber,
      }),
    ]);
    expect(await t.c.alerts.countDocuments({ type: 'asset-number-conflict' })).toBe(1);
    const kept = await t.c.devices.findOne({ _id: admins._id });
    expect(kept).toMatchObject({ assetNumber: 'PC-9000', serialNumber: 'HAND-1', user: '佐藤' });
    expect(kept?.mdm ?? null).toBeNull();
    // The imported device's history names the number it really got.
    expect(
      await t.c.fieldHistory.countDocuments({
        deviceId: imported!._id,
        field: 'assetNumber',
        new: imported!.assetNumber,
      }),
    ).toBe(1);
  });
});
