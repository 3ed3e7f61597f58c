import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from 'mongodb';
import { runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';

/** Every document of every collection: what "writes nothing" is checked against. */
async function everything(db: Db): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const { name } of await db.listCollections().toArray())
    all[name] = await db.collection(name).find().sort({ _id: 1 }).toArray();
  return all;
}

const FIRST =
  'assetNumber,serialNumber,user,status,model\nPC-1,S1,山田,利用中,X1\nPC-2,S2,佐藤,在庫,X2\n';
/** PC-1: user changes, status and model cells are empty; PC-2 as it is; a new device. */
const AGAIN =
  'assetNumber,serialNumber,user,status,model\nPC-1,S1,鈴木,,\nPC-2,S2,佐藤,在庫,X2\n,S3,,,T14\n';

describe('devices import: --dry-run and --clear-empty, through the real CLI', () => {
  let t: TestDb;
  let env: Record<string, string>;
  let again: string;
  beforeEach(async () => {
    t = await openTestDb();
    env = { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-import-preview-'));
    const first = path.join(dir, 'first.csv');
    again = path.join(dir, 'again.csv');
    writeFileSync(first, FIRST);
    writeFileSync(again, AGAIN);
    expect((await runCli(['devices', 'import', first], env)).code).toBe(0);
  });
  afterEach(async () => {
    await t.close();
  });

  const device = async (assetNumber: string) => t.db.collection('devices').findOne({ assetNumber });
  const history = async (assetNumber: string) =>
    (await t.db.collection('fieldHistory').find({ assetNumber }).toArray()).map((h) => [
      h.field,
      h.old,
      h.new,
    ]);

  it('--dry-run writes nothing and says per row what would be added, changed, kept, or left as is', async () => {
    const before = await everything(t.db);
    const r = await runCli(['devices', 'import', again, '--dry-run'], env);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      'line 2: change PC-1',
      '  user: 山田 → 鈴木',
      '  model: X1 (empty cell: kept; --clear-empty would clear it)',
      '  status: 利用中 (empty cell: kept; --clear-empty would clear it)',
      'line 3: unchanged PC-2',
      'line 4: add (next SYS number)',
      '  serialNumber: (empty) → S3',
      '  model: (empty) → T14',
      'Dry run, nothing written: 1 to add, 1 to change, 1 unchanged, 0 invalid; 0 fields to clear, 2 kept although their cells are empty.',
    ]);
    // Ledger, history, SYS counter: all as they were.
    expect(await everything(t.db)).toEqual(before);

    const cleared = await runCli(['devices', 'import', again, '--dry-run', '--clear-empty'], env);
    expect(cleared.stdout).toContain(
      'line 2: change PC-1\n  user: 山田 → 鈴木\n  model: X1 → (empty)\n  status: 利用中 → (empty)\n',
    );
    expect(cleared.stdout).toContain('1 unchanged, 0 invalid; 2 fields to clear, 0 kept');
    expect(await everything(t.db)).toEqual(before);
  });

  it('--dry-run --json gives the same plan as data', async () => {
    const before = await everything(t.db);
    const r = await runCli(
      ['devices', 'import', again, '--dry-run', '--clear-empty', '--json'],
      env,
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      dryRun: true,
      rows: [
        {
          line: 2,
          action: 'change',
          assetNumber: 'PC-1',
          changes: [{ field: 'user', from: '山田', to: '鈴木' }],
          cleared: [
            { field: 'model', from: 'X1', to: null },
            { field: 'status', from: '利用中', to: null },
          ],
          keptEmpty: [],
        },
        {
          line: 3,
          action: 'unchanged',
          assetNumber: 'PC-2',
          changes: [],
          cleared: [],
          keptEmpty: [],
        },
        {
          line: 4,
          action: 'add',
          assetNumber: null,
          changes: [
            { field: 'serialNumber', from: null, to: 'S3' },
            { field: 'model', from: null, to: 'T14' },
          ],
          cleared: [],
          keptEmpty: [],
        },
      ],
      summary: { add: 1, change: 1, unchanged: 1, invalid: 0, cleared: 2, keptEmpty: 0 },
      problems: [],
    });
    expect(await everything(t.db)).toEqual(before);
  });

  it('an empty cell keeps the field and the import says so; --clear-empty clears it and records the history', async () => {
    const kept = await runCli(['devices', 'import', again], env);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toContain('Imported: 1 added, 1 updated, 1 unchanged, 0 skipped.');
    expect(kept.stdout).toContain('Kept the existing value of 2 fields whose cells were empty');
    expect(kept.stdout).toContain('--clear-empty');
    expect(await device('PC-1')).toMatchObject({ user: '鈴木', status: '利用中', model: 'X1' });
    expect(await history('PC-1')).not.toContainEqual(['status', '利用中', null]);

    const cleared = await runCli(['devices', 'import', again, '--clear-empty', '--json'], env);
    expect(cleared.code).toBe(0);
    // The new device from the first run is found by its serial: no second SYS device.
    expect(JSON.parse(cleared.stdout)).toMatchObject({ created: 0, updated: 1, kept: 0 });
    expect(await device('PC-1')).toMatchObject({ user: '鈴木', status: null, model: null });
    const entries = await t.db.collection('fieldHistory').find({ assetNumber: 'PC-1' }).toArray();
    expect(
      entries.filter((h) => h.new === null).map((h) => [h.field, h.old, h.rule, h.by]),
    ).toEqual([
      ['model', 'X1', 'import', expect.stringMatching(/^cli:/)],
      ['status', '利用中', 'import', expect.stringMatching(/^cli:/)],
    ]);
    expect(await t.db.collection('devices').countDocuments()).toBe(3);
  });

  it('speaks Japanese with Japanese field labels', async () => {
    const r = await runCli(['devices', 'import', again, '--dry-run'], {
      ...env,
      DAICHO_LOCALE: 'ja',
    });
    expect(r.stdout).toContain(
      '2 行目: 変更 PC-1\n  利用者: 山田 → 鈴木\n  型番: X1 (セルが空欄のため残します',
    );
    expect(r.stdout).toContain('4 行目: 追加 (次のSYS番号)\n  シリアル番号: (空欄) → S3');
    expect(r.stdout).toMatch(
      /確認のみ \(何も書き込んでいません\): 追加 1 件、変更 1 件、変更なし 1 件/,
    );
  });

  it('--dry-run lists invalid rows as the import does and still writes nothing', async () => {
    const bad = path.join(path.dirname(again), 'bad.csv');
    writeFileSync(bad, 'assetNumber,procurementDate\nPC-1,2024-13-45\nPC-9,2024-04-01\n');
    const before = await everything(t.db);
    const refused = await runCli(['devices', 'import', bad, '--dry-run'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/line 2: "procurementDate" is not a valid date/);
    const skipped = await runCli(['devices', 'import', bad, '--dry-run', '--skip-invalid'], env);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('line 3: add PC-9\n  procurementDate: (empty) → 2024-04-01');
    expect(skipped.stdout).toContain('1 to add, 0 to change, 0 unchanged, 1 invalid');
    expect(await everything(t.db)).toEqual(before);
  });
});
