import { ObjectId } from 'mongodb';
import {
  alertKind,
  type AlertDoc,
  type AlertEnvelope,
  type AlertOf,
  type AlertPayloads,
  type AlertType,
} from '../../src/alerts';
import type { FieldHistoryDoc, SyncRunDoc } from '../../src/db/collections';
import type { Device } from '../../src/ledger/device';
import type { DuplicateFinding } from '../../src/sync/reconcile-types';
import type { SyncCounts, SyncPreview } from '../../src/sync/summary';
import type { SyncResult } from '../../src/sync/sync-service';

/** Realistic sample data for the card tests, and the largest a user can produce. */

/** Longer than any field allows: cards must clip, not grow. */
export const LONG = '長'.repeat(600) + 'x'.repeat(400);

export const RUN_ID = new ObjectId('665f1c2e9b1d4a0012345678');
const AT = new Date('2025-04-01T00:30:00Z');

export function device(over: Partial<Device> = {}): Device {
  return {
    assetNumber: 'PC-0001',
    serialNumber: 'C02XK1ABJGH5',
    os: 'macOS 14.4',
    manufacturer: 'Apple',
    model: 'MacBook Pro 14"',
    deviceType: 'ノートPC',
    status: '利用中',
    user: '山田 太郎',
    procurementDate: '2024-04-01',
    disposalDate: null,
    uuid: '8F2C1E6A-4B3D-4E55-9A1B-3C2D1E0F9A8B',
    source: 'intune',
    mdm: {
      provider: 'intune',
      deviceId: '2b1e6c7d-90ab-4cde-8f01-23456789abcd',
      deviceName: 'TARO-MBP',
      enrolledAt: '2024-04-02T01:00:00Z',
      lastCheckInAt: '2025-03-31T23:10:00Z',
      primaryUser: 'taro.yamada@contoso.co.jp',
      diskCapacityGb: 512,
      registrationState: 'registered',
    },
    ...over,
  };
}

export function ledgerDevice(i: number, name = `社員 ${i}`): Device {
  return device({
    assetNumber: `PC-${String(i).padStart(5, '0')}`,
    user: name,
    model: name,
    status: name,
    source: 'ledger',
    mdm: null,
  });
}

export function history(n: number, value = '佐藤 花子'): FieldHistoryDoc[] {
  const rules = ['mdm-wins', 'manual-edit', 'link', 'created', 'ledger-wins-empty', 'mdm-only'];
  const by = ['sync:intune', 'teams:29:1AbC', 'cli:taro', 'sync:jamf'];
  return Array.from({ length: n }, (_, i) => ({
    deviceId: new ObjectId(),
    assetNumber: 'PC-0001',
    field: i % 3 === 2 ? 'mdm.lastCheckInAt' : 'user',
    old: i === 0 ? null : `${value} ${i}`,
    new: `${value} ${i + 1}`,
    source: 'intune' as const,
    rule: rules[i % rules.length],
    at: new Date(AT.getTime() - i * 3600_000),
    by: by[i % by.length],
  }));
}

export const COUNTS: SyncCounts = {
  mdmDevices: 1240,
  linked: 1180,
  created: 52,
  updated: 31,
  unchanged: 1149,
  duplicates: 3,
  conflicts: 2,
  missing: 5,
};

export function duplicate(i: number, mdmCount = 2, name = `MBP-${i}`): DuplicateFinding {
  return {
    side: i % 4 === 3 ? 'ledger' : 'mdm',
    matchKey: 'serial',
    keyValue: `C02DUP${i}`,
    mdmDevices: Array.from({ length: mdmCount }, (_, j) => ({
      deviceId: `dev-${i}-${j}`,
      deviceName: `${name}-${j}`,
      enrolledAt: '2024-05-01T02:00:00Z',
      lastCheckInAt: j === 0 ? '2025-03-30T00:00:00Z' : null,
      user: j === 0 ? 'hanako.sato@contoso.co.jp' : null,
    })),
    assetNumbers: [`PC-${i}`, `SYS-${i}`],
  };
}

export function preview(n: number, name = 'MBP'): SyncPreview {
  return {
    links: Array.from({ length: n }, (_, i) => ({
      assetNumber: `PC-L${i}`,
      mdmDeviceId: `linked-${i}`,
    })),
    relinks: Array.from({ length: n }, (_, i) => ({
      assetNumber: `PC-R${i}`,
      serialNumber: `C02RE${i}`,
      oldMdmId: `old-${i}`,
      newMdmId: `re-${i}`,
      deviceName: `${name}-R${i}`,
    })),
    creates: Array.from({ length: n }, (_, i) => ({
      mdmDeviceId: `new-${i}`,
      deviceName: `${name}-${i}`,
      serialNumber: i % 3 === 0 ? null : `ｃ０２new${i}`,
      assetNumber: `SYS${String(i).padStart(6, '0')}`,
      sysNumber: i % 2 === 0,
    })),
    conflicts: Array.from({ length: n }, (_, i) => ({
      mdmDeviceId: `c-${i}`,
      deviceName: `${name}-c${i}`,
      wanted: `PC-${i}`,
      takenBy: `PC-${i}`,
    })),
    duplicates: Array.from({ length: n }, (_, i) => duplicate(i, 2, name)),
    missing: [],
    // A first link carries the MDM device's name among its changes.
    changes: Array.from({ length: n }, (_, i) => ({
      assetNumber: `PC-L${i}`,
      field: 'mdm.deviceName',
      old: null,
      new: `${name}-L${i}`,
      rule: 'mdm-only',
    })),
  };
}

/** What the ledger says about the duplicate alerts of `alerts()` (as the notifier looks it up). */
export function withView(a: AlertDoc): AlertDoc {
  if (a.type !== 'duplicate') return a;
  const d = a.payload;
  return {
    ...a,
    payload: {
      ...a.payload,
      ledgerView: {
        keyText: `c02-${d.keyValue}`,
        byMdmDevice: Object.fromEntries(d.mdmDevices.map((m, j) => [m.deviceId, `SYS-${j}`])),
        present: d.assetNumbers,
        deletable: d.assetNumbers.slice(1),
      },
    },
  };
}

export function syncResult(over: Partial<SyncResult> = {}): SyncResult {
  return {
    runId: RUN_ID.toHexString(),
    provider: 'intune',
    dryRun: false,
    status: 'success',
    counts: COUNTS,
    errors: [],
    documentsWritten: 120,
    requests: {},
    ...over,
  };
}

export function run(status: SyncRunDoc['status'], minutesAgo: number): SyncRunDoc {
  return {
    _id: new ObjectId(),
    provider: 'intune',
    trigger: 'schedule',
    status,
    startedAt: new Date(AT.getTime() - minutesAgo * 60_000),
    endedAt: AT,
    by: 'scheduler',
    holder: 'host:1',
    counts: status === 'failed' ? {} : { ...COUNTS },
    errors: [],
    held: null,
  };
}

export function alert<T extends AlertType>(
  type: T,
  payload: AlertPayloads[T],
  over: Partial<AlertEnvelope> = {},
): AlertOf<T> & AlertEnvelope {
  return {
    ...alertKind(type, payload),
    _id: `${type}:intune:${JSON.stringify(payload).length}`,
    provider: 'intune',
    runId: RUN_ID,
    createdAt: AT,
    status: 'sent',
    attempts: 1,
    ...over,
  };
}

/** One alert of every type, with the given name in every name-like field. */
export function alerts(name = 'MBP-A', errors = 3): AlertDoc[] {
  return [
    alert('duplicate', { ...duplicate(0, 5, name) }),
    alert('duplicate', { ...duplicate(3, 1, name) }),
    alert('asset-number-conflict', {
      mdmDeviceId: 'c-1',
      deviceName: name,
      wanted: 'PC-0100',
      takenBy: 'PC-0100',
      assignedAssetNumber: 'SYS000123',
    }),
    alert('missing-from-mdm', {
      ledgerId: 'x',
      assetNumber: 'PC-0042',
      mdmDeviceId: 'm-42',
      deviceName: name,
    }),
    alert('sync-failed', { errors: [`MDM_READ_FAILED: ${name}`] }),
    alert('sync-partial', {
      errors: Array.from({ length: errors }, (_, i) => `E${i} ${name}`),
    }),
    alert('run-held', {
      reason: 'safety-limit',
      changes: 40,
      syncedBefore: 200,
      percent: 20,
      counts: COUNTS,
    }),
    // A stocktake answer: the ledger's own alert, no MDM.
    alert(
      'stocktake-answer',
      {
        stocktakeId: 'ST-20261206-1',
        assetNumber: 'PC-0042',
        result: 'lost',
        user: name,
        answeredBy: 'teams:aad-1',
        note: name,
        nextSteps: ['markLost', 'replace', 'reassign'],
      },
      { provider: null, runId: null },
    ),
    // Not mine, with a serial number proposal: reassign, mark lost, accept the serial.
    alert(
      'stocktake-answer',
      {
        stocktakeId: 'ST-20261206-1',
        assetNumber: 'PC-0043',
        result: 'notMine',
        user: name,
        answeredBy: 'teams:aad-1',
        note: null,
        nextSteps: ['reassign', 'markLost'],
        proposedSerial: name,
      },
      { provider: null, runId: null },
    ),
  ];
}
