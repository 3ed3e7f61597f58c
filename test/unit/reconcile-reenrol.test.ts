import type { MdmBlock } from '../../src/ledger/device';
import { serialMatcher } from '../../src/ledger/serial';
import type { MdmDevice } from '../../src/sync/mdm-device';
import { mdmBlockOf } from '../../src/ledger/field-rules';
import { reconcile } from '../../src/sync/reconcile';
import type { LedgerDeviceView } from '../../src/sync/reconcile-types';
import type { SyncSettings } from '../../src/sync/settings';
import { plannedCounts, preview } from '../../src/sync/summary';

/** Seed 000's 2025/12/15 rule: a wiped and re-enrolled device (new id, same serial). */
const serialKey = serialMatcher();
const bySerial: SyncSettings = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'uuid' };
const byUuid: SyncSettings = { ...bySerial, matchKey: 'uuid' };

let seq = 0;
function mdmDevice(over: Partial<MdmDevice>): MdmDevice {
  const id = over.deviceId ?? `dev-${++seq}`;
  return {
    provider: 'intune',
    deviceId: id,
    uuid: id,
    serialNumber: null,
    deviceName: 'PC-A',
    os: 'Windows (10.0.22631.4460)',
    manufacturer: 'Lenovo',
    model: 'ThinkPad X1',
    user: 'taro@example.com',
    primaryUser: 'taro@example.com',
    enrolledAt: '2024-04-01T00:00:00Z',
    lastCheckInAt: '2025-11-20T00:00:00Z',
    diskCapacityGb: 238.47,
    registrationState: 'registered',
    ...over,
  };
}

/** A ledger device linked to `m` by an earlier, in-step sync. */
function linkedTo(m: MdmDevice, over: Partial<LedgerDeviceView> = {}): LedgerDeviceView {
  seq++;
  return {
    id: `l-${seq}`,
    assetNumber: `PC-${seq}`,
    serialNumber: m.serialNumber,
    os: m.os,
    manufacturer: 'Ledger maker',
    model: m.model,
    deviceType: 'PC',
    status: '利用中',
    user: m.user,
    procurementDate: '2024-04-01',
    disposalDate: null,
    uuid: m.uuid,
    source: 'intune',
    mdm: mdmBlockOf(m) as MdmBlock,
    createdAt: new Date(2024, 0, seq),
    ...over,
  };
}

/** The new enrolment of `old`: new id, same serial, enrolled after the old one was last seen. */
function reenrolled(old: MdmDevice, over: Partial<MdmDevice> = {}): MdmDevice {
  const id = `new-${++seq}`;
  return {
    ...old,
    deviceId: id,
    uuid: id,
    enrolledAt: '2025-12-20T00:00:00Z',
    lastCheckInAt: '2025-12-21T00:00:00Z',
    user: 'hanako@example.com',
    primaryUser: 'hanako@example.com',
    ...over,
  };
}

describe('reconcile: re-enrolment (2025/12/15)', () => {
  it('serial key: the record of an enrolment that left takes the new one — pin moves, history says re-enrolled', () => {
    const old = mdmDevice({ serialNumber: 'SN-RE1' });
    const record = linkedTo(old);
    const next = reenrolled(old, { serialNumber: ' sn-re1 ', manufacturer: 'LENOVO' });
    const plan = reconcile({ settings: bySerial, ledger: [record], mdm: [next], serialKey });
    expect(plan.creates).toEqual([]);
    expect(plan.missing).toEqual([]);
    expect(plan.relinks).toEqual([
      {
        ledgerId: record.id,
        assetNumber: record.assetNumber,
        serialNumber: 'SN-RE1',
        oldMdmId: old.deviceId,
        newMdmId: next.deviceId,
        deviceName: 'PC-A',
      },
    ]);
    const [u] = plan.updates;
    expect(u).toMatchObject({
      ledgerId: record.id,
      mdmDeviceId: next.deviceId,
      firstLink: false,
      relinkedFrom: old.deviceId,
    });
    expect(u.changes[0]).toEqual({
      field: 'mdm.deviceId',
      old: old.deviceId,
      new: next.deviceId,
      rule: 're-enrolled',
    });
    // MDM wins: the user; ledger wins: the manufacturer and the ledger's UUID stay.
    expect(u.changes).toContainEqual({
      field: 'user',
      old: 'taro@example.com',
      new: 'hanako@example.com',
      rule: 'mdm-wins',
    });
    expect(u.set).not.toHaveProperty('manufacturer');
    expect(u.set).not.toHaveProperty('uuid');
    expect(u.set).not.toHaveProperty('source');
    expect(u.set.mdm).toMatchObject({ deviceId: next.deviceId, uuid: next.deviceId });
    expect(plan.userChanges).toBe(1);
    expect(plannedCounts(plan, 1)).toMatchObject({
      relinked: 1,
      linked: 0,
      updated: 0,
      created: 0,
    });
    expect(preview(plan, 1).relinks).toEqual([
      {
        assetNumber: record.assetNumber,
        serialNumber: 'SN-RE1',
        oldMdmId: old.deviceId,
        newMdmId: next.deviceId,
        deviceName: 'PC-A',
      },
    ]);
  });

  it('clears the missing flag of a record already flagged, as part of the re-link', () => {
    const old = mdmDevice({ serialNumber: 'SN-RE2' });
    const record = linkedTo(old);
    record.mdm = { ...record.mdm!, missingFromMdm: true, missingSince: '2025-12-01T00:00:00Z' };
    const next = reenrolled(old);
    const [u] = reconcile({ settings: bySerial, ledger: [record], mdm: [next], serialKey }).updates;
    expect(u.changes).toContainEqual({
      field: 'mdm.missingFromMdm',
      old: true,
      new: null,
      rule: 're-enrolled',
    });
    expect(u.set.mdm).not.toHaveProperty('missingFromMdm');
    expect(u.set.mdm).not.toHaveProperty('missingSince');
  });

  it('UUID key: the new enrolment has a new UUID, so it is a new record; the old one is missing', () => {
    const old = mdmDevice({ serialNumber: 'SN-RE3' });
    const record = linkedTo(old);
    const next = reenrolled(old);
    const plan = reconcile({ settings: byUuid, ledger: [record], mdm: [next], serialKey });
    expect(plan.relinks).toEqual([]);
    expect(plan.creates.map((c) => c.mdm.deviceId)).toEqual([next.deviceId]);
    expect(plan.missing.map((m) => m.assetNumber)).toEqual([record.assetNumber]);
  });

  it('UUID key: a Jamf UDID that stays the same across the re-enrolment still matches', () => {
    const jamf: SyncSettings = {
      provider: 'jamf',
      matchKey: 'uuid',
      assetNumberRule: 'udid' as never,
    };
    const old = mdmDevice({
      provider: 'jamf',
      deviceId: 'computer:1',
      uuid: 'UDID-1',
      serialNumber: 'C02X',
    });
    const record = linkedTo(old, { uuid: 'UDID-1' });
    const next = { ...reenrolled(old), deviceId: 'computer:2', uuid: 'UDID-1' };
    const plan = reconcile({ settings: jamf, ledger: [record], mdm: [next], serialKey });
    expect(plan.relinks.map((r) => [r.oldMdmId, r.newMdmId])).toEqual([
      ['computer:1', 'computer:2'],
    ]);
    expect(plan.creates).toEqual([]);
  });

  it('a placeholder serial never re-links', () => {
    const old = mdmDevice({ serialNumber: 'To be filled by O.E.M.' });
    const record = linkedTo(old);
    const next = reenrolled(old);
    const plan = reconcile({ settings: bySerial, ledger: [record], mdm: [next], serialKey });
    expect(plan.relinks).toEqual([]);
    expect(plan.creates).toHaveLength(1);
    expect(plan.missing).toHaveLength(1);
  });

  it('several records of enrolments that left: the most recently seen takes over; the other is offered for merge', () => {
    const older = mdmDevice({ serialNumber: 'SN-RE4', lastCheckInAt: '2025-01-01T00:00:00Z' });
    const newer = mdmDevice({ serialNumber: 'SN-RE4', lastCheckInAt: '2025-11-01T00:00:00Z' });
    const a = linkedTo(older, { createdAt: new Date(2020, 0, 1) });
    const b = linkedTo(newer);
    const next = reenrolled(newer);
    const plan = reconcile({ settings: bySerial, ledger: [a, b], mdm: [next], serialKey });
    expect(plan.relinks.map((r) => r.assetNumber)).toEqual([b.assetNumber]);
    expect(plan.missing.map((m) => m.assetNumber)).toEqual([a.assetNumber]);
    expect(plan.duplicates).toEqual([
      expect.objectContaining({
        side: 'ledger',
        assetNumbers: [b.assetNumber, a.assetNumber],
        reenrolled: [
          { assetNumber: a.assetNumber, oldMdmId: older.deviceId, newMdmId: next.deviceId },
        ],
      }),
    ]);
  });

  it('the record of the old enrolment is preferred to a ledger-only twin with the serial', () => {
    const old = mdmDevice({ serialNumber: 'SN-RE5' });
    const record = linkedTo(old, { createdAt: new Date(2024, 5, 1) });
    const handTyped = {
      ...linkedTo(old),
      source: 'ledger' as const,
      mdm: null,
      createdAt: new Date(2019, 0, 1),
    };
    const next = reenrolled(old);
    const plan = reconcile({
      settings: bySerial,
      ledger: [handTyped, record],
      mdm: [next],
      serialKey,
    });
    expect(plan.relinks.map((r) => r.assetNumber)).toEqual([record.assetNumber]);
    expect(plan.updates.filter((u) => u.firstLink)).toEqual([]);
  });

  it('both enrolments listed: the new one is not imported; a re-enrolment finding names both', () => {
    const old = mdmDevice({ serialNumber: 'SN-RE6', deviceName: 'OLD-NAME' });
    const record = linkedTo(old);
    const next = reenrolled(old, { deviceName: 'NEW-NAME' });
    const plan = reconcile({ settings: bySerial, ledger: [record], mdm: [old, next], serialKey });
    expect(plan.creates).toEqual([]);
    expect(plan.relinks).toEqual([]);
    expect(plan.duplicates).toEqual([]);
    expect(plan.reenrolments).toEqual([
      {
        ledgerId: record.id,
        assetNumber: record.assetNumber,
        matchKey: 'serial',
        keyValue: 'sn-re6',
        keyText: 'SN-RE6', // as written: cards and the CLI show this one
        oldMdm: expect.objectContaining({ deviceId: old.deviceId, deviceName: 'OLD-NAME' }),
        newMdm: expect.objectContaining({ deviceId: next.deviceId, deviceName: 'NEW-NAME' }),
      },
    ]);
    expect(plannedCounts(plan, 2)).toMatchObject({ created: 0, reenrolments: 1 });
    // The MDM order does not matter.
    const reversed = reconcile({
      settings: bySerial,
      ledger: [record],
      mdm: [next, old],
      serialKey,
    });
    expect(reversed.reenrolments.map((r) => r.newMdm.deviceId)).toEqual([next.deviceId]);
    expect(reversed.creates).toEqual([]);
    // Once the old enrolment has left, the new one takes over the record.
    const later = reconcile({ settings: bySerial, ledger: [record], mdm: [next], serialKey });
    expect(later.relinks.map((r) => r.newMdmId)).toEqual([next.deviceId]);
    expect(later.reenrolments).toEqual([]);
  });

  it('two devices in use with one serial (both check in) stay a plain duplicate, imported new', () => {
    const old = mdmDevice({ serialNumber: 'SN-RE7', lastCheckInAt: '2025-12-22T00:00:00Z' });
    const record = linkedTo(old);
    const other = reenrolled(old); // enrolled 12-20, but the old one checked in after that
    const plan = reconcile({ settings: bySerial, ledger: [record], mdm: [old, other], serialKey });
    expect(plan.reenrolments).toEqual([]);
    expect(plan.creates.map((c) => c.mdm.deviceId)).toEqual([other.deviceId]);
    expect(plan.duplicates).toEqual([expect.objectContaining({ side: 'mdm' })]);
  });

  it('an old-behaviour duplicate (the re-enrolment imported as a second record) is offered for merge', () => {
    const old = mdmDevice({ serialNumber: 'SN-RE8' });
    const record = linkedTo(old, { createdAt: new Date(2020, 0, 1) });
    const next = reenrolled(old);
    const second = linkedTo(next, { assetNumber: 'SYS000009' });
    const plan = reconcile({
      settings: bySerial,
      ledger: [record, second],
      mdm: [next],
      serialKey,
    });
    expect(plan.relinks).toEqual([]);
    expect(plan.creates).toEqual([]);
    expect(plan.missing.map((m) => m.assetNumber)).toEqual([record.assetNumber]);
    expect(plan.duplicates).toEqual([
      {
        side: 'ledger',
        matchKey: 'serial',
        keyValue: 'sn-re8',
        keyText: 'SN-RE8',
        mdmDevices: [expect.objectContaining({ deviceId: next.deviceId })],
        assetNumbers: ['SYS000009', record.assetNumber],
        reenrolled: [
          { assetNumber: record.assetNumber, oldMdmId: old.deviceId, newMdmId: next.deviceId },
        ],
      },
    ]);
    // Flagged already: the same finding, nothing else.
    record.mdm = { ...record.mdm!, missingFromMdm: true };
    const again = reconcile({
      settings: bySerial,
      ledger: [record, second],
      mdm: [next],
      serialKey,
    });
    expect(again.missing).toEqual([]);
    expect(again.duplicates).toHaveLength(1);
  });

  it('a run killed after the old enrolment was imported decides the new one the same way', () => {
    const old = mdmDevice({ deviceId: 'old-9', serialNumber: 'SN-RE9' });
    const next = reenrolled(old);
    const first = reconcile({ settings: bySerial, ledger: [], mdm: [old, next], serialKey });
    expect(first.creates.map((c) => c.mdm.deviceId)).toEqual(['old-9']);
    expect(first.reenrolments).toEqual([
      expect.objectContaining({
        ledgerId: null,
        assetNumber: null,
        newMdm: expect.objectContaining({ deviceId: next.deviceId }),
      }),
    ]);
    const imported = linkedTo(old);
    const rerun = reconcile({
      settings: bySerial,
      ledger: [imported],
      mdm: [old, next],
      serialKey,
    });
    expect(rerun.creates).toEqual([]);
    expect(rerun.reenrolments.map((r) => [r.assetNumber, r.newMdm.deviceId])).toEqual([
      [imported.assetNumber, next.deviceId],
    ]);
  });

  it('two new enrolments of one record: the first takes it over, the second is imported new', () => {
    const old = mdmDevice({ serialNumber: 'SN-RE10' });
    const record = linkedTo(old);
    const a = reenrolled(old);
    const b = reenrolled(old, {
      enrolledAt: '2025-12-19T00:00:00Z',
      lastCheckInAt: '2025-12-25T00:00:00Z',
    });
    const plan = reconcile({ settings: bySerial, ledger: [record], mdm: [a, b], serialKey });
    expect(plan.relinks.map((r) => r.newMdmId)).toEqual([a.deviceId]);
    expect(plan.creates.map((c) => c.mdm.deviceId)).toEqual([b.deviceId]);
  });
});
