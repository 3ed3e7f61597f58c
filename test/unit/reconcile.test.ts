import type { MdmBlock } from '../../src/ledger/device';
import { serialMatcher } from '../../src/ledger/serial';
import type { MdmDevice } from '../../src/sync/mdm-device';
import { mdmBlockOf } from '../../src/ledger/field-rules';
import { reconcile } from '../../src/sync/reconcile';
import type { LedgerDeviceView } from '../../src/sync/reconcile-types';
import type { SyncSettings } from '../../src/sync/settings';

const serialKey = serialMatcher();
const intuneSerial: SyncSettings = {
  provider: 'intune',
  matchKey: 'serial',
  assetNumberRule: 'uuid',
};

let seq = 0;
function mdmDevice(over: Partial<MdmDevice>): MdmDevice {
  const id = over.deviceId ?? `dev-${++seq}`;
  return {
    provider: 'intune',
    deviceId: id,
    uuid: id,
    serialNumber: null,
    deviceName: null,
    os: 'Windows (10.0.22631.4460)',
    manufacturer: 'Lenovo',
    model: 'ThinkPad X1',
    user: 'taro@example.com',
    primaryUser: 'taro@example.com',
    enrolledAt: '2024-04-01T00:00:00Z',
    lastCheckInAt: '2025-01-01T00:00:00Z',
    diskCapacityGb: 238.47,
    registrationState: 'registered',
    ...over,
  };
}

function ledgerDevice(over: Partial<LedgerDeviceView>): LedgerDeviceView {
  return {
    id: `l-${++seq}`,
    assetNumber: `PC-${seq}`,
    serialNumber: null,
    os: null,
    manufacturer: null,
    model: null,
    deviceType: 'PC',
    status: '利用中',
    user: null,
    procurementDate: '2024-04-01',
    disposalDate: null,
    uuid: null,
    source: 'ledger',
    mdm: null,
    createdAt: new Date(2024, 0, seq),
    ...over,
  };
}

/** The mdm block a device pinned to `d` carries after an in-step sync. */
const pinnedTo = (d: MdmDevice): MdmBlock => mdmBlockOf(d);

describe('reconcile: field rules', () => {
  it('applies ledger-wins, MDM-wins and never-touched fields as seed 000 says', () => {
    const l = ledgerDevice({
      serialNumber: '0',
      os: 'Windows (old)',
      manufacturer: 'Ledger Make',
      model: null,
      user: 'old@example.com',
      uuid: null,
    });
    const m = mdmDevice({
      serialNumber: 'SN-1',
      user: null,
      model: 'X1 Carbon',
      manufacturer: 'Lenovo',
    });
    const plan = reconcile({
      settings: { ...intuneSerial, matchKey: 'uuid' },
      ledger: [{ ...l, uuid: m.uuid }],
      mdm: [m],
      serialKey,
    });
    const [u] = plan.updates;
    const byField = Object.fromEntries(u.changes.map((c) => [c.field, [c.old, c.new, c.rule]]));
    expect(byField.serialNumber).toEqual(['0', 'SN-1', 'ledger-wins-empty']); // "0" counts as empty
    expect(byField.os).toEqual(['Windows (old)', 'Windows (10.0.22631.4460)', 'mdm-wins']);
    expect(byField.manufacturer).toBeUndefined(); // ledger wins: it had a value
    expect(byField.model).toEqual([null, 'X1 Carbon', 'ledger-wins-empty']);
    expect(byField.user).toEqual(['old@example.com', null, 'mdm-wins']); // mirrors, including clearing
    expect(byField.source).toEqual(['ledger', 'intune', 'link']);
    for (const never of ['deviceType', 'status', 'procurementDate', 'disposalDate', 'assetNumber'])
      expect(u.set).not.toHaveProperty(never);
    expect(u.set.mdm).toMatchObject({
      provider: 'intune',
      deviceId: m.deviceId,
      diskCapacityGb: 238.47,
      registrationState: 'registered',
    });
  });

  it('writes nothing for a device already in step (a no-op re-sync)', () => {
    const m = mdmDevice({ serialNumber: 'SN-2' });
    const l = ledgerDevice({
      serialNumber: 'SN-2',
      os: m.os,
      manufacturer: m.manufacturer,
      model: m.model,
      user: m.user,
      uuid: m.uuid,
      source: 'intune',
      mdm: pinnedTo(m),
    });
    const plan = reconcile({ settings: intuneSerial, ledger: [l], mdm: [m], serialKey });
    expect(plan).toMatchObject({
      updates: [],
      creates: [],
      unchanged: 1,
      missing: [],
      duplicates: [],
    });
  });

  it('keeps the last check-in current without writing it to the field history', () => {
    const m = mdmDevice({ serialNumber: 'SN-3' });
    const l = ledgerDevice({
      serialNumber: 'SN-3',
      os: m.os,
      manufacturer: m.manufacturer,
      model: m.model,
      user: m.user,
      uuid: m.uuid,
      source: 'intune',
      mdm: { ...pinnedTo(m), lastCheckInAt: '2020-01-01T00:00:00Z' },
    });
    const [u] = reconcile({ settings: intuneSerial, ledger: [l], mdm: [m], serialKey }).updates;
    expect(u.set.mdm).toMatchObject({ lastCheckInAt: m.lastCheckInAt });
    expect(u.changes).toEqual([]);
  });
});

describe('reconcile: matching', () => {
  it('matches by trimmed, case-folded serial; placeholders never match', () => {
    const l = ledgerDevice({ serialNumber: ' abc-1 ' });
    const zero = ledgerDevice({ serialNumber: '0' });
    const plan = reconcile({
      settings: intuneSerial,
      ledger: [l, zero],
      mdm: [
        mdmDevice({ serialNumber: 'ABC-1' }),
        mdmDevice({ serialNumber: '0' }),
        mdmDevice({ serialNumber: 'To be filled by O.E.M.' }),
      ],
      serialKey,
    });
    expect(plan.updates.map((u) => u.assetNumber)).toEqual([l.assetNumber]);
    expect(plan.creates).toHaveLength(2);
    expect(plan.duplicates).toEqual([]);
  });

  it('a pinned device matches its MDM device whatever its serial says now', () => {
    const m = mdmDevice({ serialNumber: 'REAL' });
    const l = ledgerDevice({ serialNumber: 'EDITED-LATER', source: 'intune', mdm: pinnedTo(m) });
    const other = ledgerDevice({ serialNumber: 'REAL' });
    const plan = reconcile({ settings: intuneSerial, ledger: [l, other], mdm: [m], serialKey });
    expect(plan.updates.map((u) => [u.assetNumber, u.firstLink])).toEqual([[l.assetNumber, false]]);
    expect(plan.creates).toEqual([]);
  });

  it('matches by UUID when the key is uuid', () => {
    const m = mdmDevice({ serialNumber: 'X' });
    const l = ledgerDevice({ uuid: m.uuid!.toUpperCase() });
    const plan = reconcile({
      settings: { ...intuneSerial, matchKey: 'uuid' },
      ledger: [l],
      mdm: [m],
      serialKey,
    });
    expect(plan.updates[0]).toMatchObject({ assetNumber: l.assetNumber, firstLink: true });
  });

  it('MDM duplicates: the first returned links, later ones are imported new, one finding names all', () => {
    const l = ledgerDevice({ serialNumber: 'DUP' });
    const [a, b, c] = [
      mdmDevice({ serialNumber: 'DUP', deviceName: 'A' }),
      mdmDevice({ serialNumber: 'dup', deviceName: 'B' }),
      mdmDevice({ serialNumber: 'DUP ', deviceName: 'C' }),
    ];
    const plan = reconcile({ settings: intuneSerial, ledger: [l], mdm: [a, b, c], serialKey });
    expect(plan.updates.map((u) => u.mdmDeviceId)).toEqual([a.deviceId]);
    expect(plan.creates.map((cr) => cr.mdm.deviceId)).toEqual([b.deviceId, c.deviceId]);
    expect(plan.duplicates).toEqual([
      expect.objectContaining({
        side: 'mdm',
        keyValue: 'dup',
        assetNumbers: [l.assetNumber],
        mdmDevices: [
          expect.objectContaining({ deviceName: 'A' }),
          expect.objectContaining({ deviceName: 'B' }),
          expect.objectContaining({ deviceName: 'C' }),
        ],
      }),
    ]);
  });

  it('ledger duplicates: the oldest links, the others are named', () => {
    const newer = ledgerDevice({ serialNumber: 'S', createdAt: new Date(2025, 0, 1) });
    const older = ledgerDevice({ serialNumber: 's', createdAt: new Date(2023, 0, 1) });
    const plan = reconcile({
      settings: intuneSerial,
      ledger: [newer, older],
      mdm: [mdmDevice({ serialNumber: 'S' })],
      serialKey,
    });
    expect(plan.updates.map((u) => u.assetNumber)).toEqual([older.assetNumber]);
    expect(plan.duplicates).toEqual([
      expect.objectContaining({
        side: 'ledger',
        assetNumbers: [older.assetNumber, newer.assetNumber],
      }),
    ]);
  });

  it('a new MDM device with the key of an already linked one is imported new, not linked to a flagged twin', () => {
    const m1 = mdmDevice({ serialNumber: 'K' });
    const linked = ledgerDevice({
      serialNumber: 'K',
      source: 'intune',
      mdm: pinnedTo(m1),
      createdAt: new Date(2020, 0, 1),
    });
    const twin = ledgerDevice({ serialNumber: 'K' });
    const m3 = mdmDevice({ serialNumber: 'K' });
    const plan = reconcile({
      settings: intuneSerial,
      ledger: [linked, twin],
      mdm: [m3, m1],
      serialKey,
    });
    expect(plan.creates.map((c) => c.mdm.deviceId)).toEqual([m3.deviceId]);
    expect(plan.updates.filter((u) => u.firstLink)).toEqual([]);
  });
});

describe('reconcile: new devices and asset numbers', () => {
  it.each([
    ['uuid', { deviceName: 'LAPTOP-1', serialNumber: 'SN9' }, 'dev-uuid-1'],
    ['deviceName', { deviceName: ' LAPTOP-1 ', serialNumber: 'SN9' }, 'LAPTOP-1'],
    ['serial', { deviceName: 'LAPTOP-1', serialNumber: 'SN9' }, 'SN9'],
    ['deviceName', { deviceName: '', serialNumber: 'SN9' }, null],
    ['serial', { deviceName: 'x', serialNumber: '0' }, null],
  ] as const)('rule %s gives %j the asset number %p (null → SYS)', (rule, fields, expected) => {
    const m = mdmDevice({ deviceId: 'dev-uuid-1', ...fields });
    const [c] = reconcile({
      settings: { ...intuneSerial, assetNumberRule: rule },
      ledger: [],
      mdm: [m],
      serialKey,
    }).creates;
    expect(c.assetNumber).toBe(expected);
    expect(c.conflictWith).toBeNull();
    expect(c.device).toMatchObject({
      source: 'intune',
      deviceType: null,
      status: null,
      procurementDate: null,
      disposalDate: null,
      user: m.user,
      os: m.os,
    });
  });

  it('a taken asset number gives SYS and a conflict naming the holder, also within one run', () => {
    const holder = ledgerDevice({ assetNumber: 'LAPTOP-1', serialNumber: 'OTHER' });
    const plan = reconcile({
      settings: { ...intuneSerial, assetNumberRule: 'deviceName' },
      ledger: [holder],
      mdm: [
        mdmDevice({ deviceName: 'LAPTOP-1', serialNumber: 'A' }),
        mdmDevice({ deviceName: 'LAPTOP-2', serialNumber: 'B' }),
        mdmDevice({ deviceName: 'LAPTOP-2', serialNumber: 'C' }),
      ],
      serialKey,
    });
    expect(plan.creates.map((c) => [c.assetNumber, c.conflictWith])).toEqual([
      [null, { wanted: 'LAPTOP-1', takenBy: 'LAPTOP-1' }],
      ['LAPTOP-2', null],
      [null, { wanted: 'LAPTOP-2', takenBy: 'LAPTOP-2' }],
    ]);
  });
});

describe('reconcile: devices gone from the MDM', () => {
  it('flags a pinned device the MDM no longer returns, once', () => {
    const gone = mdmDevice({ serialNumber: 'G', deviceName: 'OLD-PC' });
    const l = ledgerDevice({ serialNumber: 'G', source: 'intune', mdm: pinnedTo(gone) });
    const plan = reconcile({ settings: intuneSerial, ledger: [l], mdm: [], serialKey });
    expect(plan.missing).toEqual([
      {
        ledgerId: l.id,
        assetNumber: l.assetNumber,
        mdmDeviceId: gone.deviceId,
        deviceName: 'OLD-PC',
      },
    ]);
    expect(plan.syncedBefore).toBe(1);
    const again = reconcile({
      settings: intuneSerial,
      ledger: [{ ...l, mdm: { ...l.mdm!, missingFromMdm: true } }],
      mdm: [],
      serialKey,
    });
    expect(again.missing).toEqual([]);
  });

  it('clears the flag when the device comes back', () => {
    const m = mdmDevice({ serialNumber: 'B' });
    const l = ledgerDevice({
      serialNumber: 'B',
      os: m.os,
      manufacturer: m.manufacturer,
      model: m.model,
      user: m.user,
      uuid: m.uuid,
      source: 'intune',
      mdm: { ...pinnedTo(m), missingFromMdm: true, missingSince: '2025-01-01T00:00:00Z' },
    });
    const [u] = reconcile({ settings: intuneSerial, ledger: [l], mdm: [m], serialKey }).updates;
    expect(u.changes).toEqual([
      { field: 'mdm.missingFromMdm', old: true, new: null, rule: 'back-in-mdm' },
    ]);
    expect(u.set.mdm).not.toHaveProperty('missingFromMdm');
  });

  it('counts user changes of synced devices for the safety limit', () => {
    const ms = [1, 2, 3].map((i) =>
      mdmDevice({ serialNumber: `U${i}`, user: `new${i}@example.com` }),
    );
    const ledger = ms.map((m) =>
      ledgerDevice({
        serialNumber: m.serialNumber,
        user: 'old@example.com',
        source: 'intune',
        mdm: pinnedTo(m),
      }),
    );
    const plan = reconcile({ settings: intuneSerial, ledger, mdm: ms.slice(0, 2), serialKey });
    expect(plan).toMatchObject({ syncedBefore: 3, userChanges: 2, missing: [expect.anything()] });
  });
});
