import { ObjectId } from 'mongodb';
import { newLedgerDevice } from '../../src/ledger/changes';
import { planUpdate, previewOf, summaryOf } from '../../src/ledger/import-plan';
import type { DeviceDoc } from '../../src/ledger/ledger-service';

const stored: DeviceDoc = {
  _id: new ObjectId(),
  ...newLedgerDevice('PC-1', { user: '山田', status: '利用中', model: 'X1' }),
  serialKey: null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe('the import plan: an empty cell clears only when the admin says so', () => {
  const row = { user: '鈴木', status: null, model: 'X1', os: null };

  it('keeps a field whose cell is empty, and lists it as kept', () => {
    const plan = planUpdate(2, stored, row, false);
    expect(plan.changes).toEqual([{ field: 'user', old: '山田', new: '鈴木' }]);
    expect(plan.kept).toEqual([{ field: 'status', old: '利用中', new: null }]);
  });

  it('clears it with clearEmpty; an empty cell over an empty field is no change either way', () => {
    const plan = planUpdate(2, stored, row, true);
    expect(plan.changes.map((c) => [c.field, c.new])).toEqual([
      ['status', null],
      ['user', '鈴木'],
    ]);
    expect(plan.kept).toEqual([]);
  });

  it('previews rows in file order with their action, and counts them', () => {
    const rows = previewOf([
      planUpdate(2, stored, row, false),
      planUpdate(3, stored, { status: null }, false),
      { kind: 'create', line: 4, input: { serialNumber: 'S3', user: null } },
    ]);
    expect(rows.map((r) => [r.line, r.action, r.assetNumber])).toEqual([
      [2, 'change', 'PC-1'],
      [3, 'unchanged', 'PC-1'],
      [4, 'add', null],
    ]);
    expect(rows[2].changes).toEqual([{ field: 'serialNumber', from: null, to: 'S3' }]);
    expect(summaryOf(rows, 1)).toEqual({
      add: 1,
      change: 1,
      unchanged: 1,
      invalid: 1,
      cleared: 0,
      keptEmpty: 2,
    });
  });
});
