import { closeSync, ftruncateSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { runCli, type CliResult } from '../support/cli';
import { crashTrace, snapshot } from '../support/hostile';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * Issue 11, finding 7 ("imports garble or exhaust"), through the built CLI against the database:
 * a file in an encoding that cannot be told, a file over the size limit, a header that names a
 * field twice are refused whole (exit 1, nothing written); problem reports stay short however
 * wide the header or long the value; `--encoding` reads EUC-JP and the rest.
 */

/** MAX_IMPORT_BYTES, written out so that this file also runs against code without it. */
const LIMIT = 50 * 1024 * 1024;
const IMPORTS = [
  ['devices', 'import'],
  ['usage', 'import'],
  ['people', 'import'],
] as const;
type Import = (typeof IMPORTS)[number];

describe('imports refuse what they would garble or choke on, and write nothing', () => {
  let t: TestDb;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    t = await openTestDb();
    dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-import-limits-'));
    env = { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
    await t.ledger.create({ assetNumber: 'PC-1', user: 'alice' }, { by: 'test' });
  });
  afterAll(async () => {
    await t.close();
  });

  const write = (name: string, body: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, body);
    return file;
  };

  /** Runs the command; it must fail with `code`, one reason and no trace, and change nothing. */
  async function refused(args: string[], code = 1, extraEnv = {}): Promise<CliResult> {
    const before = await snapshot(t.db);
    const r = await runCli(args, { ...env, ...extraEnv });
    expect({ args: args.slice(0, 2), code: r.code }).toEqual({ args: args.slice(0, 2), code });
    expect(crashTrace(r.stderr)).toBeNull();
    expect((await snapshot(t.db)).text).toEqual(before.text);
    return r;
  }

  /** A CSV each import command would take, with `cell` in a text column. */
  const csvFor = (cmd: Import, cell: string) =>
    cmd[0] === 'devices'
      ? `assetNumber,user\nPC-9,${cell}\n`
      : cmd[0] === 'usage'
        ? `assetNumber,user,from,to,note\nPC-1,bob,2024-01-01,,${cell}\n`
        : `personId,displayName\nE-9,${cell}\n`;

  describe('encodings', () => {
    it.each(IMPORTS)(
      '%s %s: a Latin-1 file is refused, naming the encodings tried and --encoding',
      async (group, action) => {
        const cmd = [group, action] as const;
        for (const cell of ['café', 'Mädchen Jäger']) {
          const file = write(`latin1-${cmd[0]}.csv`, Buffer.from(csvFor(cmd, cell), 'latin1'));
          const r = await refused([...cmd, file]);
          expect(r.stderr).toMatch(/UTF-8, UTF-16, Shift_JIS, EUC-JP/);
          expect(r.stderr).toMatch(/--encoding/);
          expect(r.stderr).toMatch(/UTF-8/);
        }
      },
    );

    it('an EUC-JP file is refused without --encoding (suggesting euc-jp) and imports with it', async () => {
      const text = '資産番号,利用者,ステータス,型番\nEUC-1,山田太郎,利用中,ノートＰＣ\n';
      const file = write('euc.csv', iconv.encode(text, 'EUC-JP'));
      const r = await refused(['devices', 'import', file]);
      expect(r.stderr).toMatch(/EUC-JP/);
      expect(r.stderr).toMatch(/--encoding euc-jp/);
      const ja = await refused(['devices', 'import', file], 1, { DAICHO_LOCALE: 'ja' });
      expect(ja.stderr).toMatch(/文字コードを判別できません.*--encoding euc-jp/);

      const ok = await runCli(['devices', 'import', file, '--encoding', 'euc-jp'], env);
      expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: 0, stderr: '' });
      expect(await t.c.devices.findOne({ assetNumber: 'EUC-1' })).toMatchObject({
        user: '山田太郎',
        status: '利用中',
        model: 'ノートＰＣ',
      });

      const people = write(
        'people-euc.csv',
        iconv.encode('社員番号,表示名,部署\nE-EUC,佐藤 花子,情報システム部\n', 'EUC-JP'),
      );
      await refused(['people', 'import', people]);
      const imported = await runCli(['people', 'import', people, '--encoding=EUC-JP'], env);
      expect(imported.code).toBe(0);
      expect(await t.c.people.findOne({ personId: 'E-EUC' })).toMatchObject({
        displayName: '佐藤 花子',
        department: '情報システム部',
      });
    });

    it('--encoding takes the Shift_JIS aliases and UTF-16 without BOM; a wrong one is refused with the line; an unknown one is exit 2', async () => {
      const text = 'assetNumber,user\nSJ-1,ﾔﾏﾀﾞ ﾀﾛｳ\nSJ-2,佐藤\n';
      const file = write('sjis.csv', iconv.encode(text, 'Shift_JIS'));
      for (const name of ['shift_jis', 'Shift-JIS', 'cp932', 'sjis', 'windows-31j', 'CP932']) {
        const r = await runCli(['devices', 'import', file, '--encoding', name], env);
        expect({ name, code: r.code, stderr: r.stderr }).toEqual({ name, code: 0, stderr: '' });
      }
      // Detected as before (half-width katakana and kanji are Japanese Shift_JIS).
      expect((await runCli(['devices', 'import', file], env)).code).toBe(0);
      expect(await t.c.devices.findOne({ assetNumber: 'SJ-1' })).toMatchObject({
        user: 'ﾔﾏﾀﾞ ﾀﾛｳ',
      });

      const wrong = await refused(['devices', 'import', file, '--encoding', 'utf-8']);
      expect(wrong.stderr).toMatch(/as UTF-8: line 2 /);

      for (const name of ['latin1', 'constructor', 'x'.repeat(5000)]) {
        const r = await refused(['devices', 'import', file, '--encoding', name], 2);
        expect(r.stderr).toMatch(/--encoding cannot be .*utf-8, utf-16, shift_jis.*euc-jp/);
        expect(r.stderr.length).toBeLessThan(400);
      }

      const utf16 = write('utf16.csv', iconv.encode('assetNumber,user\nU16-1,山田\n', 'utf16le'));
      expect((await refused(['devices', 'import', utf16])).stderr).toMatch(/--encoding utf-16/);
      const r16 = await runCli(['devices', 'import', utf16, '--encoding', 'utf-16'], env);
      expect(r16.code).toBe(0);
      expect(await t.c.devices.findOne({ assetNumber: 'U16-1' })).toMatchObject({ user: '山田' });
    });
  });

  describe('size', () => {
    it.each(IMPORTS)(
      '%s %s: a file over 50 MB is refused by its size, quickly, naming the limit',
      async (group, action) => {
        const cmd = [group, action] as const;
        const file = path.join(dir, `big-${cmd[0]}.csv`);
        writeFileSync(file, csvFor(cmd, 'x'));
        // Sparse: LIMIT + 1 bytes that take no disk (zeros after a valid first row).
        const fd = openSync(file, 'r+');
        ftruncateSync(fd, LIMIT + 1);
        closeSync(fd);
        const started = Date.now();
        const r = await refused([...cmd, file]);
        expect(r.stderr).toMatch(/at most 50 MB/);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(Date.now() - started).toBeLessThan(10_000);
      },
    );
  });

  describe('short reports', () => {
    it('a 50,000-column header is refused in one short line', async () => {
      const header = ['assetNumber', ...Array.from({ length: 49_999 }, (_, i) => `column${i}`)];
      const file = write('wide.csv', `${header.join(',')}\nPC-9${',x'.repeat(49_999)}\n`);
      for (const args of [[], ['--json'], ['--skip-invalid']]) {
        const r = await refused(['devices', 'import', file, ...args]);
        expect(r.stderr).toMatch(/the header has 50,000 columns/);
        expect(r.stderr.length).toBeLessThan(500);
        expect(r.stdout.length).toBeLessThan(500);
      }
    });

    it('many unknown columns: ten are named, then how many more; --json has each, cut short', async () => {
      const names = Array.from(
        { length: 300 },
        (_, i) => `colour${i}${'z'.repeat(i === 5 ? 10_000 : 0)}`,
      );
      const file = write(
        'unknown.csv',
        `assetNumber,${names.join(',')}\nPC-9${',x'.repeat(300)}\n`,
      );
      const r = await refused(['devices', 'import', file]);
      const line = r.stderr.split('\n').find((l) => l.startsWith('line 2:'))!;
      expect(line.match(/unknown field "/g)).toHaveLength(10);
      expect(line).toMatch(/and 290 more unknown fields$/);
      expect(line.length).toBeLessThan(1000);
      const json = await refused(['devices', 'import', file, '--json']);
      const report = JSON.parse(json.stdout) as {
        problems: { line: number; reasons: { field: string }[]; message: string }[];
      };
      expect(report.problems[0].reasons).toHaveLength(300);
      expect(
        Math.max(...report.problems[0].reasons.map((x) => x.field.length)),
      ).toBeLessThanOrEqual(80);
      expect(report.problems[0].reasons[5].field).toMatch(/^colour5z+…$/);
      expect(json.stdout.length).toBeLessThan(100_000);
    });

    it('a 1 MB bad value is quoted cut short, on stderr and in --json', async () => {
      const junk = `2024-${'9'.repeat(1_000_000)}`;
      const file = write('huge-value.csv', `assetNumber,procurementDate\nPC-9,${junk}\n`);
      const r = await refused(['devices', 'import', file]);
      expect(r.stderr).toMatch(/line 2: "procurementDate" is not a valid date: "2024-9+…"/);
      expect(r.stderr.length).toBeLessThan(500);
      const json = await refused(['devices', 'import', file, '--json']);
      expect(json.stdout.length).toBeLessThan(2000);
      const usage = write(
        'huge-usage.csv',
        `assetNumber,user,from,to,note\n${'Q'.repeat(1_000_000)},a,2024-01-01,,\n`,
      );
      const u = await refused(['usage', 'import', usage]);
      expect(u.stderr).toMatch(/no device with asset number "Q+…"/);
      expect(u.stderr.length).toBeLessThan(500);
    });

    it('many bad rows: the first 20 on stderr, then how many more; --json lists them all', async () => {
      const rows = Array.from({ length: 120 }, (_, i) => `BAD-${i},2024-02-30`);
      const file = write('many-bad.csv', `assetNumber,procurementDate\n${rows.join('\n')}\n`);
      const r = await refused(['devices', 'import', file]);
      const lines = r.stderr.trim().split('\n');
      expect(lines.filter((l) => /^line \d+:/.test(l))).toHaveLength(20);
      expect(r.stderr).toContain('… and 100 more problems; --json lists them all.');
      expect(lines.at(-1)).toMatch(/120 rows are invalid, so nothing was written/);
      const json = await refused(['devices', 'import', file, '--json']);
      expect((JSON.parse(json.stdout) as { problems: unknown[] }).problems).toHaveLength(120);
      const ja = await refused(['devices', 'import', file], 1, { DAICHO_LOCALE: 'ja' });
      expect(ja.stderr).toContain('…ほか 100 件の問題があります');
    });
  });

  describe('the same field twice', () => {
    it.each([
      [
        'devices',
        'assetNumber,user,assetNumber\nPC-9,a,PC-8\n',
        /column 1 "assetNumber" and column 3 "assetNumber"/,
      ],
      [
        'devices',
        'assetNumber,資産番号\nPC-9,PC-8\n',
        /column 1 "assetNumber" and column 2 "資産番号" are the same field \(assetNumber\)/,
      ],
      [
        'devices',
        'user,serial-number,シリアル番号\na,S1,S2\n',
        /column 2 "serial-number" and column 3 "シリアル番号"/,
      ],
      ['devices', 'assetNumber,利用者,User\nPC-9,a,b\n', /column 2 "利用者" and column 3 "User"/],
      [
        'usage',
        'assetNumber,user,from,user\nPC-1,a,2024-01-01,b\n',
        /column 2 "user" and column 4 "user"/,
      ],
      [
        'people',
        '社員番号,表示名,personId\nE-1,a,E-2\n',
        /column 1 "社員番号" and column 3 "personId"/,
      ],
    ])('%s import refuses %j', async (command, csv, message) => {
      const file = write(`dup-${command}.csv`, csv);
      for (const args of [[], ['--skip-invalid']].filter(
        (a) => command !== 'people' || a.length === 0,
      )) {
        const r = await refused([command, 'import', file, ...args]);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).toMatch(/Nothing was written/);
      }
    });

    it('refuses two spellings of one field in a JSON record, and says so in Japanese', async () => {
      const file = write(
        'dup.json',
        JSON.stringify([{ assetNumber: 'PC-9' }, { assetNumber: 'PC-8', 資産番号: 'PC-7' }]),
      );
      const r = await refused(['devices', 'import', file]);
      expect(r.stderr).toMatch(/record 2: "assetNumber" and "資産番号" are the same field/);
      const csv = write('dup-ja.csv', 'assetNumber,資産番号\nPC-9,PC-8\n');
      const ja = await refused(['devices', 'import', csv], 1, { DAICHO_LOCALE: 'ja' });
      expect(ja.stderr).toMatch(/1 列目「assetNumber」と 2 列目「資産番号」は同じ項目/);
    });
  });
});
