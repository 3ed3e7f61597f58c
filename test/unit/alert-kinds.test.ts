import { ObjectId } from 'mongodb';
import {
  alertDocs,
  alertKind,
  duplicateKey,
  heldRunAlert,
  heldRunAlertId,
  isAlertOf,
  runFailureAlert,
  type AlertDoc,
} from '../../src/alerts';
import type {
  DuplicateFinding,
  MissingFinding,
  ReenrolmentFinding,
} from '../../src/sync/reconcile-types';

const runId = new ObjectId('665f1c2e9b1d4a0012345678');
const now = new Date('2026-03-04T05:06:07Z');

function mdm(deviceId: string) {
  return { deviceId, deviceName: null, enrolledAt: null, lastCheckInAt: null, user: null };
}

const mdmSide: DuplicateFinding = {
  side: 'mdm',
  matchKey: 'serial',
  keyValue: 'c02dup',
  mdmDevices: [mdm('m-2'), mdm('m-1')],
  assetNumbers: ['PC-1', 'PC-2'],
};
const ledgerSide: DuplicateFinding = { ...mdmSide, side: 'ledger', mdmDevices: [mdm('m-1')] };
const missing: MissingFinding = {
  ledgerId: 'l-1',
  assetNumber: 'PC-9',
  mdmDeviceId: 'm-9',
  deviceName: 'MBP',
};
const reenrolment: ReenrolmentFinding = {
  ledgerId: 'l-4',
  assetNumber: 'PC-4',
  matchKey: 'serial',
  keyValue: 'sn-4',
  oldMdm: mdm('old-4'),
  newMdm: mdm('new-4'),
};
const conflict = {
  mdmDeviceId: 'm-5',
  deviceName: null,
  wanted: 'PC-5',
  takenBy: 'PC-5',
  assignedAssetNumber: 'SYS000005',
};

describe('findings → alerts', () => {
  const docs = alertDocs(
    'intune',
    runId,
    {
      duplicates: [mdmSide, ledgerSide],
      conflicts: [conflict],
      missing: [missing],
      reenrolments: [reenrolment],
    },
    now,
  );

  it('keys each alert by its finding, so the same finding is raised once', () => {
    expect(docs.map((d) => d._id)).toEqual([
      'duplicate:intune:mdm:serial:c02dup:m-1,m-2',
      'duplicate:intune:ledger:serial:c02dup',
      'asset-number-conflict:intune:m-5',
      'missing-from-mdm:intune:m-9:2026-03-04',
      'reenrolment:intune:old-4:new-4',
    ]);
  });

  it('keys an MDM-side duplicate by its set of MDM devices, whatever their order', () => {
    const reordered = { ...mdmSide, mdmDevices: [mdm('m-1'), mdm('m-2')] };
    expect(duplicateKey('intune', reordered)).toBe(duplicateKey('intune', mdmSide));
    expect(duplicateKey('jamf', mdmSide)).not.toBe(duplicateKey('intune', mdmSide));
  });

  it('keys a ledger-side duplicate by its value alone: devices joining it raise nothing new', () => {
    const grown = { ...ledgerSide, assetNumbers: ['PC-1', 'PC-2', 'PC-3'] };
    expect(duplicateKey('intune', grown)).toBe(duplicateKey('intune', ledgerSide));
  });

  it('raises new alerts as pending, unclaimed, with the finding as payload', () => {
    for (const d of docs)
      expect(d).toMatchObject({
        provider: 'intune',
        runId,
        createdAt: now,
        status: 'pending',
        attempts: 0,
      });
    expect(docs.map((d) => d.type)).toEqual([
      'duplicate',
      'duplicate',
      'asset-number-conflict',
      'missing-from-mdm',
      'reenrolment',
    ]);
    expect(docs[3].payload).toEqual(missing);
    // A copy: the plan's finding is not shared with the outbox document.
    expect(docs[3].payload).not.toBe(missing);
  });

  it('raises a missing device again on another day only', () => {
    const tomorrow = new Date('2026-03-05T00:00:01Z');
    const again = alertDocs(
      'intune',
      runId,
      { duplicates: [], conflicts: [], missing: [missing] },
      tomorrow,
    );
    expect(again[0]._id).toBe('missing-from-mdm:intune:m-9:2026-03-05');
  });
});

describe('run alerts', () => {
  it('one held-run alert per run, found again by the run id alone', () => {
    const held = heldRunAlert('jamf', runId, {
      reason: 'safety-limit',
      changes: 40,
      syncedBefore: 200,
      percent: 20,
    });
    expect(held._id).toBe(heldRunAlertId(runId));
    expect(heldRunAlertId(runId.toHexString())).toBe(`run-held:${runId.toHexString()}`);
    expect(held).toMatchObject({ type: 'run-held', provider: 'jamf', status: 'pending' });
  });

  it('one failed or partial alert per run, with its errors', () => {
    const failed = runFailureAlert('sync-failed', 'intune', runId, {
      errors: ['E'],
      stated: 3,
      read: 2,
    });
    expect(failed._id).toBe(`sync-failed:${runId.toHexString()}`);
    expect(failed.payload).toEqual({ errors: ['E'], stated: 3, read: 2 });
  });
});

describe('the union of alert kinds', () => {
  it('tells a kind apart by its type, its payload typed with it', () => {
    const doc: AlertDoc = {
      ...alertKind('asset-number-conflict', conflict),
      _id: 'x',
      provider: 'intune',
      runId: null,
      createdAt: now,
      status: 'sent',
      attempts: 1,
    };
    expect(isAlertOf(doc, 'asset-number-conflict')).toBe(true);
    expect(isAlertOf(doc, 'duplicate')).toBe(false);
    // Narrowed: the payload's fields are there without a cast.
    const assigned = isAlertOf(doc, 'asset-number-conflict') ? doc.payload.assignedAssetNumber : '';
    expect(assigned).toBe('SYS000005');
  });
});
