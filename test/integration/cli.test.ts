import { accessSync, constants, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { toCsv } from '../../src/csv/table-file';
import { EDITABLE_FIELDS } from '../../src/ledger/device';
import { CLI, runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';

const FIELDS = EDITABLE_FIELDS;
const NAMES = ['山田 太郎', '佐藤, 花子', 'O\'Brien "Bob"', '=HYPERLINK("x")', '鈴木\n一郎', ''];

/** 1,000 devices with what real spreadsheets hold: Japanese, commas, quotes, newlines, blanks, formulas. */
function sampleDevices(n: number): Record<string, string | null>[] {
  return Array.from({ length: n }, (_, i) => ({
    assetNumber: `PC-${String(i + 1).padStart(5, '0')}`,
    serialNumber: i % 50 === 0 ? null : `SN${(i * 7919).toString(36).toUpperCase()}`,
    os: i % 3 === 0 ? 'Windows (10.0.22631.4460)' : i % 3 === 1 ? 'macOS (14.5)' : null,
    manufacturer: ['Lenovo', 'Apple', 'Dell', '富士通'][i % 4],
    model: i % 4 === 1 ? 'MacBook Air (M2, 2022)' : `ThinkPad X1 Gen ${i % 12}`,
    deviceType: ['PC', 'スマートフォン', 'タブレット'][i % 3],
    status: ['利用中', '在庫', '廃棄'][i % 3],
    user: NAMES[i % NAMES.length] || null,
    procurementDate: `20${10 + (i % 14)}-0${1 + (i % 9)}-1${i % 10}`,
    disposalDate: i % 3 === 2 ? '2025-12-31' : null,
    uuid: i % 5 === 0 ? `0000${i}-aaaa-bbbb-cccc-${String(i).padStart(12, '0')}` : null,
  }));
}

describe('the daicho CLI against the real wire-protocol server', () => {
  let t: TestDb;
  let env: Record<string, string>;
  let dir: string;
  beforeEach(async () => {
    t = await openTestDb();
    env = { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
    dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-cli-'));
  });
  afterEach(async () => {
    await t.close();
  });

  it('prints help and exits 0', async () => {
    // npx daicho runs the bin file itself: it must stay executable after every build.
    expect(() => accessSync(CLI, constants.X_OK)).not.toThrow();
    const r = await runCli(['--help'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('devices');
    const d = await runCli(['devices', '--help'], env);
    for (const cmd of ['import', 'export', 'show', 'edit', 'delete', 'history'])
      expect(d.stdout).toContain(cmd);
  });

  it('round-trips 1,000 devices through CSV import and CSV / JSON export with no loss', async () => {
    const devices = sampleDevices(1000);
    const file = path.join(dir, 'devices.csv');
    writeFileSync(file, toCsv(FIELDS, devices));

    const imported = await runCli(['devices', 'import', file, '--json'], env);
    expect(imported.stderr).not.toMatch(/error/i);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      created: 1000,
      updated: 0,
      skipped: 0,
      problems: [],
    });

    const csvOut = await runCli(['devices', 'export', '--format', 'csv'], env);
    expect(csvOut.code).toBe(0);
    const rows = parse(csvOut.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1000);
    const unescape = (s: string) => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);
    expect(
      rows.map((r) => Object.fromEntries(FIELDS.map((f) => [f, unescape(r[f]) || null]))),
    ).toEqual(devices);
    expect(rows.every((r) => r.source === 'ledger' && r['mdm.deviceId'] === '')).toBe(true);

    const jsonOut = await runCli(['devices', 'export', '--format', 'json'], env);
    const list = JSON.parse(jsonOut.stdout) as Record<string, unknown>[];
    expect(list).toEqual(devices.map((d) => ({ ...d, source: 'ledger', mdm: null })));

    // The export imports back as a no-op: same file in, nothing changes, nothing duplicates.
    const exportFile = path.join(dir, 'export.csv');
    writeFileSync(exportFile, csvOut.stdout);
    const again = await runCli(['devices', 'import', exportFile, '--json'], env);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 1000 });
    expect(await t.c.devices.countDocuments()).toBe(1000);
  });

  it('rejects a file with bad rows, naming each line and reason, and writes nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    writeFileSync(
      file,
      'assetNumber,serialNumber,procurementDate\nPC-1,S1,2024-04-01\nPC-2,S2,2024-02-30\nPC-3,S3\nPC-1,S4,2024-01-01\nPC-5,S5,2024/5/1\n',
    );
    const r = await runCli(['devices', 'import', file], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/line 3: .*procurementDate.*2024-02-30/);
    expect(r.stderr).toMatch(/line 4: .*2 cells.*3/);
    expect(r.stderr).toMatch(/line 5: .*PC-1.*line 2/);
    expect(r.stderr.trim().split('\n').pop()).toMatch(/3 rows are invalid, so nothing was written/);
    expect(await t.c.devices.countDocuments()).toBe(0);

    const skip = await runCli(['devices', 'import', file, '--skip-invalid', '--json'], env);
    expect(skip.code).toBe(0);
    expect(JSON.parse(skip.stdout)).toMatchObject({ created: 2, skipped: 3 });
    expect(
      (await t.c.devices.find().sort({ assetNumber: 1 }).toArray()).map((d) => [
        d.assetNumber,
        d.procurementDate,
      ]),
    ).toEqual([
      ['PC-1', '2024-04-01'],
      ['PC-5', '2024-05-01'],
    ]);
  });

  it('imports a JSON array and Shift_JIS CSV, gives blank asset numbers SYS numbers and updates existing ones', async () => {
    const json = path.join(dir, 'devices.json');
    writeFileSync(
      json,
      JSON.stringify([
        { assetNumber: 'PC-1', user: '山田' },
        { serialNumber: 'NEW-1' },
        { assetNumber: '', serialNumber: 'NEW-2' },
      ]),
    );
    expect((await runCli(['devices', 'import', json], env)).code).toBe(0);
    const iconv = await import('iconv-lite');
    const sjis = path.join(dir, 'sjis.csv');
    writeFileSync(
      sjis,
      iconv.encode('資産番号,利用者,ステータス\nPC-1,佐藤,利用中\n,,在庫\n', 'Shift_JIS'),
    );
    // The second row has no asset number and no serial: a new device.
    const r = await runCli(['devices', 'import', sjis, '--json'], env);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 1, updated: 1 });
    const list = JSON.parse((await runCli(['devices', 'export'], env)).stdout) as {
      assetNumber: string;
      user: string;
      status: string;
      serialNumber: string;
    }[];
    expect(list.map((d) => [d.assetNumber, d.serialNumber, d.user, d.status])).toEqual([
      ['PC-1', null, '佐藤', '利用中'],
      ['SYS000001', 'NEW-1', null, null],
      ['SYS000002', 'NEW-2', null, null],
      ['SYS000003', null, null, '在庫'],
    ]);
    // Re-importing by serial updates instead of duplicating.
    writeFileSync(json, JSON.stringify([{ serialNumber: 'new-1 ', model: 'M1' }]));
    expect(
      JSON.parse((await runCli(['devices', 'import', json, '--json'], env)).stdout),
    ).toMatchObject({ created: 0, updated: 1 });
  });

  it('shows, edits, shows the history of and deletes a device; exit codes and one-line reasons', async () => {
    const file = path.join(dir, 'one.csv');
    writeFileSync(file, 'assetNumber,serialNumber,user\nPC-0012,ABC123,山田\n');
    await runCli(['devices', 'import', file], env);

    const shown = await runCli(['devices', 'show', 'abc123', '--json'], env);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({
      assetNumber: 'PC-0012',
      serialNumber: 'ABC123',
      user: '山田',
      source: 'ledger',
      mdm: null,
    });

    const edited = await runCli(
      ['devices', 'edit', 'PC-0012', '--user', '佐藤', '--status=利用中', '--serial-number', ''],
      env,
    );
    expect(edited.code).toBe(0);
    expect(edited.stdout).toMatch(/Updated device "PC-0012" \(3 fields\)/);
    const after = JSON.parse((await runCli(['devices', 'show', 'PC-0012', '--json'], env)).stdout);
    expect(after).toMatchObject({ user: '佐藤', status: '利用中', serialNumber: null });

    const history = JSON.parse(
      (await runCli(['devices', 'history', 'PC-0012', '--json'], env)).stdout,
    ) as { field: string; old: unknown; new: unknown; rule: string; by: string }[];
    expect(
      history.filter((h) => h.rule === 'manual-edit').map((h) => [h.field, h.old, h.new]),
    ).toEqual([
      ['serialNumber', 'ABC123', null],
      ['status', null, '利用中'],
      ['user', '山田', '佐藤'],
    ]);
    expect(history.every((h) => h.by.startsWith('cli:'))).toBe(true);

    const badDate = await runCli(
      ['devices', 'edit', 'PC-0012', '--procurement-date', '2024-99-01'],
      env,
    );
    expect(badDate.code).not.toBe(0);
    expect(badDate.stderr.trim().split('\n')).toHaveLength(1);
    expect(badDate.stderr).toMatch(/procurementDate.*2024-99-01/);

    const unknownField = await runCli(['devices', 'edit', 'PC-0012', '--colour', 'red'], env);
    expect(unknownField.code).toBe(2);
    expect(unknownField.stderr).toMatch(/Unknown field "colour"/);

    const missing = await runCli(['devices', 'show', 'PC-9999'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(
      'Error: No device "PC-9999" (give an asset number, serial number or UUID).',
    );

    const deleted = await runCli(['devices', 'delete', 'PC-0012'], env);
    expect(deleted.code).toBe(0);
    expect((await runCli(['devices', 'show', 'PC-0012'], env)).code).toBe(1);

    const unknownCmd = await runCli(['devices', 'frobnicate'], env);
    expect(unknownCmd.code).toBe(2);
  });

  it('refuses to delete a synced device from the CLI, in Japanese by default', async () => {
    await t.ledger.create({ assetNumber: 'MAC-1' }, { by: 'test' });
    await t.c.devices.updateOne(
      { assetNumber: 'MAC-1' },
      {
        $set: {
          source: 'jamf',
          mdm: {
            provider: 'jamf',
            deviceId: '42',
            deviceName: 'mac',
            enrolledAt: null,
            lastCheckInAt: null,
            primaryUser: null,
            diskCapacityGb: 256,
            registrationState: null,
          },
        },
      },
    );
    const r = await runCli(['devices', 'delete', 'MAC-1'], {
      ...env,
      DAICHO_LOCALE: undefined,
      LANG: 'ja_JP.UTF-8',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Jamf Pro と同期中のため削除できません');
    expect(await t.c.devices.countDocuments({ assetNumber: 'MAC-1' })).toBe(1);
  });

  it('exports and imports usage history as CSV to move it to another device', async () => {
    await t.ledger.create({ assetNumber: 'OLD-1', user: 'alice' }, { by: 'test' });
    await t.ledger.create({ assetNumber: 'NEW-1' }, { by: 'test' });
    const out = path.join(dir, 'usage.csv');
    expect((await runCli(['usage', 'export', '--device', 'OLD-1', '--out', out], env)).code).toBe(
      0,
    );
    writeFileSync(out, readFileSync(out, 'utf8').replace(/OLD-1/g, 'NEW-1'));
    const r = await runCli(['usage', 'import', out], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 added/);
    const usage = parse((await runCli(['usage', 'export', '--device', 'NEW-1'], env)).stdout, {
      columns: true,
    });
    expect(usage).toEqual([
      {
        assetNumber: 'NEW-1',
        user: 'alice',
        from: expect.stringMatching(/^\d{4}-\d\d-\d\d$/),
        to: '',
        note: '',
      },
    ]);
  });
});
