import { isDaichoError } from '../../src/errors';
import type { Device } from '../../src/ledger/device';
import { syncHarness, rawIntuneDevice, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

const admin = { by: 'test:admin' };
const settings = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'uuid' } as const;

describe('Intune master integration through the Graph simulator', () => {
  let t: TestDb;
  let h: SyncHarness;
  afterEach(async () => {
    await h?.close();
    await t?.close();
  });

  async function setup(
    devices: Record<string, unknown>[],
    opts: { safetyLimitPercent?: number } = {},
  ) {
    t = await openTestDb();
    h = await syncHarness(t, { graph: { devices: devices as never }, ...opts });
  }
  const exported = () => t.ledger.list();
  const byAsset = async () =>
    new Map((await exported()).map((d) => [d.assetNumber, d] as [string, Device]));

  it('links by serial with seed 000 field rules, imports the rest, and a re-sync writes nothing', async () => {
    await setup([
      rawIntuneDevice({
        id: 'aaaa-1',
        serialNumber: 'pf3abc12',
        manufacturer: 'LENOVO',
        model: '21HM',
        userPrincipalName: 'hanako@contoso.co.jp',
        emailAddress: '',
        managementAgent: 'configurationManagerClientMdm',
      }),
      rawIntuneDevice({
        id: 'aaaa-2',
        serialNumber: 'C02XYZ',
        operatingSystem: 'macOS',
        osVersion: '14.5',
        manufacturer: 'Apple',
        model: 'MacBookPro18,3',
        userPrincipalName: '',
        emailAddress: '',
        totalStorageSpaceInBytes: 0,
        enrolledDateTime: '0001-01-01T00:00:00Z',
      }),
    ]);
    await t.ledger.create(
      {
        assetNumber: 'PC-0001',
        serialNumber: 'PF3ABC12',
        os: 'Windows 10',
        manufacturer: 'Lenovo (ledger)',
        model: null,
        user: '山田 太郎',
        deviceType: 'PC',
        status: '利用中',
        procurementDate: '2023-04-01',
      },
      admin,
    );

    const dry = await h.links.link(settings, { dryRun: true, actor: admin });
    expect(dry.counts).toMatchObject({
      mdmDevices: 2,
      linked: 1,
      created: 1,
      duplicates: 0,
      conflicts: 0,
    });
    expect(dry.preview!.links).toEqual([{ assetNumber: 'PC-0001', mdmDeviceId: 'aaaa-1' }]);
    expect(dry.preview!.creates).toEqual([
      expect.objectContaining({ mdmDeviceId: 'aaaa-2', assetNumber: 'aaaa-2', sysNumber: false }),
    ]);
    expect(dry.preview!.changes).toEqual(
      expect.arrayContaining([
        {
          assetNumber: 'PC-0001',
          field: 'user',
          old: '山田 太郎',
          new: 'hanako@contoso.co.jp',
          rule: 'mdm-wins',
        },
      ]),
    );
    expect(await t.c.integrations.countDocuments()).toBe(0);
    expect((await exported()).map((d) => d.source)).toEqual(['ledger']);

    const linked = await h.links.link(settings, { dryRun: false, actor: admin });
    expect(linked).toMatchObject({
      status: 'success',
      counts: { linked: 1, created: 1, updated: 0 },
    });
    const ledger = await byAsset();
    expect(ledger.get('PC-0001')).toEqual({
      assetNumber: 'PC-0001',
      serialNumber: 'PF3ABC12', // ledger wins (it had one)
      os: 'Windows (10.0.22631.4460)', // MDM wins, "OS (version)"
      manufacturer: 'Lenovo (ledger)', // ledger wins
      model: '21HM', // ledger was empty
      deviceType: 'PC',
      status: '利用中',
      user: 'hanako@contoso.co.jp', // MDM wins
      procurementDate: '2023-04-01',
      disposalDate: null,
      uuid: 'aaaa-1',
      source: 'intune',
      mdm: {
        provider: 'intune',
        deviceId: 'aaaa-1',
        deviceName: 'PC-aaaa-1',
        uuid: 'aaaa-1',
        enrolledAt: '2024-04-01T09:00:00Z',
        lastCheckInAt: '2025-11-20T09:00:00Z',
        primaryUser: 'hanako@contoso.co.jp', // email empty → UPN
        diskCapacityGb: 238.47, // 256060514304 B / 1024³
        registrationState: 'registered',
        managementAgent: 'configurationManagerClientMdm', // for the co-management dialog
      },
    });
    expect(ledger.get('aaaa-2')).toMatchObject({
      source: 'intune',
      serialNumber: 'C02XYZ',
      os: 'macOS (14.5)',
      user: null,
      deviceType: null,
      status: null,
      mdm: { enrolledAt: null, diskCapacityGb: null, primaryUser: null },
    });
    const history = await t.ledger.history('PC-0001');
    expect(
      history.filter((x) => x.rule === 'mdm-wins').map((x) => [x.field, x.by, x.source]),
    ).toEqual([
      ['os', 'sync:intune', 'intune'],
      ['user', 'sync:intune', 'intune'],
    ]);

    const before = await exported();
    const again = await h.sync.sync({ actor: admin });
    expect(again).toMatchObject({
      status: 'success',
      documentsWritten: 0,
      counts: { unchanged: 2, linked: 0, created: 0, updated: 0 },
    });
    expect(await exported()).toEqual(before);
    // Requests: one token, one page each run.
    expect(again.requests).toMatchObject({ pageRequests: 1 });
  });

  it('mirrors the MDM user including clearing it, and never touches type, status or dates', async () => {
    await setup([rawIntuneDevice({ id: 'u-1' })], { safetyLimitPercent: 100 });
    await t.ledger.create(
      {
        assetNumber: 'A-1',
        serialNumber: 'SN-u-1',
        deviceType: 'PC',
        status: '在庫',
        procurementDate: '2024-01-01',
        disposalDate: '2030-01-01',
      },
      admin,
    );
    await h.links.link(settings, { dryRun: false, actor: admin });
    h.sims.graph!.state.devices[0].userPrincipalName = '';
    h.sims.graph!.state.devices[0].operatingSystem = 'Windows';
    h.sims.graph!.state.devices[0].osVersion = '10.0.26100.1';
    await h.sync.sync({ actor: admin });
    expect((await byAsset()).get('A-1')).toMatchObject({
      user: null,
      os: 'Windows (10.0.26100.1)',
      deviceType: 'PC',
      status: '在庫',
      procurementDate: '2024-01-01',
      disposalDate: '2030-01-01',
    });
  });

  it('keeps a linked device pinned when its serial is edited: no duplicate', async () => {
    await setup([rawIntuneDevice({ id: 'p-1', serialNumber: 'ABC' })]);
    await t.ledger.create({ assetNumber: 'PIN-1', serialNumber: 'ABC' }, admin);
    await h.links.link(settings, { dryRun: false, actor: admin });
    await t.ledger.edit('PIN-1', { serialNumber: 'TYPO-EDIT' }, admin);
    const r = await h.sync.sync({ actor: admin });
    expect(r.counts).toMatchObject({ created: 0, linked: 0 });
    expect((await exported()).map((d) => d.assetNumber)).toEqual(['PIN-1']);
  });

  it('MDM duplicates: the first links, later ones are imported new, one alert names them, raised once', async () => {
    await setup([
      rawIntuneDevice({ id: 'd-1', serialNumber: 'DUP1', deviceName: 'FIRST' }),
      rawIntuneDevice({ id: 'd-2', serialNumber: 'dup1 ', deviceName: 'SECOND' }),
    ]);
    await t.ledger.create({ assetNumber: 'ORIG-1', serialNumber: 'DUP1' }, admin);
    const r = await h.links.link(settings, { dryRun: false, actor: admin });
    expect(r.counts).toMatchObject({ linked: 1, created: 1, duplicates: 1 });
    const ledger = await byAsset();
    expect(ledger.get('ORIG-1')!.mdm!.deviceId).toBe('d-1');
    expect(ledger.get('d-2')).toMatchObject({ source: 'intune', mdm: { deviceId: 'd-2' } });
    const alerts = await t.c.alerts.find({ type: 'duplicate' }).toArray();
    expect(alerts).toHaveLength(1);
    expect(alerts[0].payload).toMatchObject({
      side: 'mdm',
      keyValue: 'dup1',
      mdmDevices: [
        { deviceId: 'd-1', deviceName: 'FIRST' },
        { deviceId: 'd-2', deviceName: 'SECOND' },
      ],
    });
    await h.sync.sync({ actor: admin });
    expect(await t.c.alerts.countDocuments({ type: 'duplicate' })).toBe(1);
    expect(await t.c.devices.countDocuments()).toBe(2);
  });

  it('twins on both sides: the alerts of the first link are not raised again by later runs', async () => {
    await setup([
      rawIntuneDevice({ id: 't-1', serialNumber: 'TWIN', deviceName: 'T1' }),
      rawIntuneDevice({ id: 't-2', serialNumber: 'TWIN', deviceName: 'T2' }),
    ]);
    await t.ledger.create({ assetNumber: 'HAND-A', serialNumber: 'TWIN' }, admin);
    await t.ledger.create({ assetNumber: 'HAND-B', serialNumber: 'twin' }, admin);
    await h.links.link(settings, { dryRun: false, actor: admin });
    const first = await t.c.alerts.countDocuments({ type: 'duplicate' });
    expect(first).toBeGreaterThanOrEqual(1);
    // The MDM twin imported new now shares the serial in the ledger too: still the same findings.
    await h.sync.sync({ actor: admin });
    await h.sync.sync({ actor: admin });
    expect(await t.c.alerts.countDocuments({ type: 'duplicate' })).toBe(first);
  });

  it('asset number taken or empty → SYS + sequence, with a conflict alert when taken', async () => {
    await setup([
      rawIntuneDevice({ id: 'c-1', deviceName: 'TAKEN-NAME', serialNumber: 'S1' }),
      rawIntuneDevice({ id: 'c-2', deviceName: '', serialNumber: 'S2' }),
      rawIntuneDevice({ id: 'c-3', deviceName: 'FREE-NAME', serialNumber: 'S3' }),
    ]);
    await t.ledger.create({ assetNumber: 'TAKEN-NAME', serialNumber: 'OTHER' }, admin);
    const r = await h.links.link(
      { ...settings, assetNumberRule: 'deviceName' },
      { dryRun: false, actor: admin },
    );
    expect(r.counts).toMatchObject({ created: 3, conflicts: 1 });
    const byId = new Map(
      (await exported()).filter((d) => d.mdm).map((d) => [d.mdm!.deviceId, d.assetNumber]),
    );
    expect(Object.fromEntries(byId)).toEqual({
      'c-1': 'SYS000001',
      'c-2': 'SYS000002',
      'c-3': 'FREE-NAME',
    });
    const conflict = await t.c.alerts.findOne({ type: 'asset-number-conflict' });
    expect(conflict?.payload).toMatchObject({
      mdmDeviceId: 'c-1',
      wanted: 'TAKEN-NAME',
      takenBy: 'TAKEN-NAME',
      assignedAssetNumber: 'SYS000001',
    });
    expect(await t.c.alerts.countDocuments({ type: 'asset-number-conflict' })).toBe(1);
  });

  it('a device gone from Intune is flagged, alerted once, deletable; it is unflagged when it returns', async () => {
    const devices = [
      rawIntuneDevice({ id: 'm-1' }),
      rawIntuneDevice({ id: 'm-2' }),
      rawIntuneDevice({ id: 'm-3' }),
      rawIntuneDevice({ id: 'm-4' }),
      rawIntuneDevice({ id: 'm-5' }),
      rawIntuneDevice({ id: 'm-6' }),
    ];
    await setup(devices);
    await h.links.link(settings, { dryRun: false, actor: admin });
    await expect(t.ledger.delete('m-1', admin)).rejects.toMatchObject({
      code: 'DELETE_SYNCED_DEVICE',
    });

    h.sims.graph!.state.devices = devices.filter((d) => d.id !== 'm-1') as never;
    const r = await h.sync.sync({ actor: admin });
    expect(r.counts.missing).toBe(1);
    expect((await byAsset()).get('m-1')).toMatchObject({
      source: 'intune',
      mdm: { missingFromMdm: true, missingSince: expect.any(String) },
    });
    await h.sync.sync({ actor: admin });
    expect(await t.c.alerts.countDocuments({ type: 'missing-from-mdm' })).toBe(1);

    h.sims.graph!.state.devices = devices as never;
    await h.sync.sync({ actor: admin });
    expect((await byAsset()).get('m-1')!.mdm).not.toHaveProperty('missingFromMdm');

    h.sims.graph!.state.devices = devices.filter((d) => d.id !== 'm-2') as never;
    await h.sync.sync({ actor: admin });
    await t.ledger.delete('m-2', admin); // the delete lock is lifted
    expect((await exported()).map((d) => d.assetNumber)).not.toContain('m-2');
  });

  it('holds a run that would change the user of more than 20% of synced devices until approved', async () => {
    const devices = Array.from({ length: 10 }, (_, i) => rawIntuneDevice({ id: `s-${i}` }));
    await setup(devices);
    await h.links.link(settings, { dryRun: false, actor: admin });
    for (const d of devices.slice(0, 3)) d.userPrincipalName = 'someone.else@contoso.co.jp';
    h.sims.graph!.state.devices = devices as never;
    const before = await exported();
    const held = await h.sync.sync({ actor: admin });
    expect(held).toMatchObject({
      status: 'held',
      held: { changes: 3, syncedBefore: 10, percent: 30 },
    });
    expect(await exported()).toEqual(before);
    expect(await t.c.alerts.countDocuments({ type: 'run-held' })).toBe(1);
    const approved = await h.sync.approve(held.runId!, admin);
    expect(approved).toMatchObject({ status: 'success', counts: { updated: 3 } });
    expect((await byAsset()).get('s-0')!.user).toBe('someone.else@contoso.co.jp');
    await expect(h.sync.approve(held.runId!, admin)).rejects.toMatchObject({
      code: 'RUN_NOT_FOUND',
    });
  });

  it('tells its progress as it goes: each page read, then reconcile, then the writes', async () => {
    t = await openTestDb();
    const devices = [1, 2, 3, 4, 5].map((n) => rawIntuneDevice({ id: `p-${n}` }));
    h = await syncHarness(t, { graph: { devices: devices as never, maxPageSize: 2 } });
    await h.links.link(settings, { dryRun: false, actor: admin });
    const seen: string[] = [];
    await h.sync.sync({
      actor: admin,
      onProgress: (p) => seen.push(`${p.phase}:${p.read}:${p.counts?.unchanged ?? '-'}`),
    });
    expect(seen).toEqual([
      'reading:2:-',
      'reading:4:-',
      'reading:5:-',
      'reconciling:5:-',
      'applying:5:5',
    ]);
  });

  it('a page that fails ends the run failed with nothing written, and a sync-failed alert', async () => {
    const devices = Array.from({ length: 25 }, (_, i) =>
      rawIntuneDevice({ id: `f-${String(i).padStart(2, '0')}` }),
    );
    t = await openTestDb();
    h = await syncHarness(t, { graph: { devices: devices as never, maxPageSize: 10 } });
    await t.ledger.create({ assetNumber: 'KEEP', serialNumber: 'SN-f-00', user: 'before' }, admin);
    h.sims.graph!.state.faults.push({
      route: 'managedDevices',
      page: 2,
      remaining: Infinity,
      action: { kind: 'status', status: 500 },
    });
    const before = await exported();
    await expect(h.links.link(settings, { dryRun: false, actor: admin })).rejects.toMatchObject({
      code: 'MDM_READ_FAILED',
    });
    expect(await exported()).toEqual(before);
    const [run] = await h.sync.recentRuns(1);
    expect(run).toMatchObject({
      status: 'failed',
      errors: [expect.stringContaining('MDM_READ_FAILED')],
    });
    expect(await t.c.alerts.countDocuments({ type: 'sync-failed' })).toBe(1);

    h.sims.graph!.state.faults = [];
    const ok = await h.sync.sync({ actor: admin });
    expect(ok.counts).toMatchObject({ mdmDevices: 25, linked: 1, created: 24 });
  });

  it('runs one sync at a time: a second one is refused with the holder', async () => {
    await setup([rawIntuneDevice({ id: 'l-1' })]);
    await h.links.link(settings, { dryRun: false, actor: admin });
    h.sims.graph!.state.faults.push({
      route: 'managedDevices',
      remaining: 1,
      action: { kind: 'delay', ms: 800 },
    });
    const results = await Promise.allSettled([
      h.sync.sync({ actor: admin }),
      h.sync.sync({ actor: admin }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(isDaichoError(refused[0].reason, 'SYNC_BUSY')).toBe(true);
    expect(refused[0].reason.params).toMatchObject({ host: expect.any(String), pid: process.pid });
  });

  it('unlink keeps every device, sets source ledger, removes the MDM fields, keeps core values', async () => {
    await setup([rawIntuneDevice({ id: 'x-1', serialNumber: 'X1' })]);
    await t.ledger.create({ assetNumber: 'X-LEDGER', serialNumber: 'X1' }, admin);
    await h.links.link(settings, { dryRun: false, actor: admin });
    const linked = (await byAsset()).get('X-LEDGER')!;
    const dry = await h.links.unlink({ dryRun: true, actor: admin });
    expect(dry).toEqual({ provider: 'intune', devices: 1, dryRun: true });
    await h.links.unlink({ dryRun: false, actor: admin });
    const after = (await byAsset()).get('X-LEDGER')!;
    expect(after).toEqual({ ...linked, source: 'ledger', mdm: null });
    expect(await h.sync.master()).toBeNull();
    await t.ledger.delete('X-LEDGER', admin); // no longer locked
    await expect(h.sync.sync({ actor: admin })).rejects.toMatchObject({ code: 'NOT_LINKED' });
  });
});
