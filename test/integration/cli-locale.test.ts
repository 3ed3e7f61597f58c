/**
 * The CLI in Japanese, as an admin with LANG=ja_JP / DAICHO_LOCALE=ja sees it: the help of every
 * command, the device list, a device, its history, sync status, usage export, db status, doctor
 * and the usual mistakes, run as the built `daicho` against the wire-protocol test database. No
 * English sentence may be left (three English words in a row, once command names, option names,
 * placeholders and product names are set aside). One English run checks the same commands speak
 * English. Help of every command is rendered by one process (the built program, its real
 * environment) to keep the run short; a few commands also run `--help` as a user would.
 */
import { execFile } from 'node:child_process';
import { ObjectId } from 'mongodb';
import stringWidth from 'string-width';
import { ROOT, runCli, type CliResult } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';

const PRODUCT_WORDS = ['Microsoft', 'Intune', 'Jamf', 'Pro', 'Graph', 'MongoDB', 'Daicho', 'Excel'];

/** Lines holding three English words in a row, once identifiers and names are removed. */
function englishSentences(text: string, commandPaths: string[]): string[] {
  const found: string[] = [];
  const paths = [...commandPaths].sort((a, b) => b.length - a.length);
  for (const line of text.split('\n')) {
    let rest = line;
    for (const p of paths) rest = rest.split(p).join(' ');
    rest = rest
      .replace(/--?[a-z][\w-]*/gi, ' ') // option names
      .replace(/[<[][\w.| -]*[>\]]/g, ' '); // placeholders: <id>, [options], [fields...]
    let run = 0;
    for (const token of rest.split(/\s+/)) {
      const word = token.replace(/^[("'「]+|[)"'」.,:;!?]+$/g, '');
      // Acronyms (ID, CSV, MDM) are names, not English: Japanese text uses them as they are.
      const english =
        /^[A-Za-z]+$/.test(word) && !/^[A-Z]{2,}$/.test(word) && !PRODUCT_WORDS.includes(word);
      run = english ? run + 1 : 0;
      if (run >= 3) {
        found.push(line);
        break;
      }
    }
  }
  return found;
}

/** Every command path of the built program and its help text, from one process. */
function helpOfEveryCommand(env: Record<string, string>): Promise<Record<string, string>> {
  const script = `
    const { buildProgram } = require(${JSON.stringify(`${ROOT}/dist/cli/program.js`)});
    const out = {};
    const walk = (cmd, path) => {
      out[path] = cmd.helpInformation();
      for (const sub of cmd.commands) walk(sub, path + ' ' + sub.name());
    };
    walk(buildProgram(), 'daicho');
    process.stdout.write(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    execFile(
      'node',
      ['-e', script],
      { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))),
    );
  });
}

let t: TestDb;
let base: Record<string, string>;

beforeAll(async () => {
  t = await openTestDb();
  base = { MONGODB_URI: t.uri, MONGODB_DB: t.name, TZ: 'Asia/Tokyo' };
  await t.ledger.create(
    { assetNumber: 'PC-0001', serialNumber: 'SN-0001', user: '山田 太郎', status: '利用中' },
    { by: 'cli:admin' },
  );
  await t.ledger.edit('PC-0001', { status: '在庫' }, { by: 'cli:admin' });
  await t.ledger.create({ assetNumber: 'PC-0002', user: '佐藤 花子' }, { by: 'cli:admin' });
  await t.c.devices.updateOne(
    { assetNumber: 'PC-0002' },
    {
      $set: {
        source: 'intune',
        mdm: {
          provider: 'intune',
          deviceId: 'aaaa-0002',
          deviceName: 'PC0002',
          enrolledAt: '2026-11-01T00:00:00Z',
          lastCheckInAt: '2026-12-01T03:04:05Z',
          primaryUser: 'hanako@contoso.example',
          diskCapacityGb: 256,
          registrationState: 'registered',
        },
      },
    },
  );
  await t.c.integrations.insertOne({
    _id: 'master',
    provider: 'intune',
    matchKey: 'serial',
    assetNumberRule: 'deviceName',
    at: new Date('2026-11-01T00:00:00Z'),
    by: 'cli:admin',
  });
  await t.c.syncRuns.insertOne({
    _id: new ObjectId(),
    provider: 'intune',
    trigger: 'schedule',
    status: 'success',
    startedAt: new Date('2026-12-01T03:00:00Z'),
    endedAt: new Date('2026-12-01T03:00:05Z'),
    by: 'sync:intune',
    holder: 'test',
    counts: { created: 1, updated: 2, duplicates: 0, conflicts: 0, missing: 0 },
    errors: [],
    held: null,
  });
});
afterAll(async () => {
  await t.close();
});

/** The commands a Japanese-speaking admin runs, and the mistakes they make. */
const RUNS: { args: string[]; code: number }[] = [
  { args: ['--help'], code: 0 },
  { args: ['devices', 'list', '--help'], code: 0 },
  { args: ['devices', 'add', '--help'], code: 0 },
  { args: ['devices', 'list'], code: 0 },
  { args: ['devices', 'show', 'PC-0002'], code: 0 },
  { args: ['devices', 'history', 'PC-0001'], code: 0 },
  { args: ['sync', 'status'], code: 0 },
  { args: ['usage', 'export'], code: 0 },
  { args: ['db', 'status'], code: 0 },
  { args: ['doctor'], code: 0 },
  { args: ['devices', 'show', 'PC-9999'], code: 1 },
  { args: ['devices', 'show'], code: 2 },
  { args: ['devices', 'show', 'PC-0001', '--jsn'], code: 2 },
  { args: ['devices', 'list', '--format', 'xml'], code: 1 },
  { args: ['devices', 'frobnicate'], code: 2 },
  { args: ['devices', 'edit', 'PC-0001', '--colour', 'red'], code: 2 },
  { args: ['link', 'intune', '--match', 'serial'], code: 2 },
  { args: ['stocktake', 'start', '--deadline', '2099-12-31', '--dry-run'], code: 0 },
  { args: ['stocktake', 'start', '--deadline', '2001-01-01', '--dry-run'], code: 2 },
  { args: ['stocktake', 'status'], code: 1 },
  { args: ['devices', 'list', '--format', 'json'], code: 0 },
  { args: ['devices', 'list', '--format', 'csv'], code: 0 },
  { args: ['sync', 'status', '--json'], code: 0 },
];

/** Runs each command as a process of its own, a few at a time (the machine has few cores). */
async function runAll(
  runs: { args: string[] }[],
  env: Record<string, string>,
): Promise<Map<string, CliResult>> {
  const results = new Map<string, CliResult>();
  const queue = [...runs];
  const worker = async () => {
    for (let run = queue.shift(); run; run = queue.shift())
      results.set(run.args.join(' '), await runCli(run.args, env));
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

describe('the CLI in Japanese', () => {
  let results: Map<string, CliResult>;
  let help: Record<string, string>;
  beforeAll(async () => {
    const env = { ...base, DAICHO_LOCALE: 'ja' };
    [results, help] = await Promise.all([runAll(RUNS, env), helpOfEveryCommand(env)]);
  });

  it('exits as expected and leaves no English sentence in any output', () => {
    const paths = Object.keys(help);
    const problems: string[] = [];
    for (const run of RUNS) {
      const r = results.get(run.args.join(' '))!;
      if (r.code !== run.code) problems.push(`${run.args.join(' ')}: exit ${r.code}\n${r.stderr}`);
      for (const line of englishSentences(`${r.stdout}\n${r.stderr}`, paths))
        problems.push(`${run.args.join(' ')}: ${line}`);
    }
    expect(problems).toEqual([]);
  });

  it('has Japanese help for the program and every command', () => {
    const paths = Object.keys(help);
    // Every command the program defines, sub-commands included.
    expect(paths.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const [path, text] of Object.entries(help)) {
      if (!text.includes('使い方:')) problems.push(`${path}: no 使い方:`);
      for (const line of englishSentences(text, paths)) problems.push(`${path}: ${line}`);
    }
    expect(problems).toEqual([]);
  });

  it('lines up the device list by display width, with Japanese headers and a Japanese footer', () => {
    const lines = results.get('devices list')!.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual([
      '資産番号',
      'シリアル番号',
      'ソース',
      '利用者',
      'ステータス',
      '登録ステータス',
      '最終チェックイン',
    ]);
    expect(lines.at(-1)).toBe('2 台');
    // The ステータス column starts at the same display column under 利用者's Japanese names.
    const header = lines[0];
    const row1 = lines.find((l) => l.startsWith('PC-0001'))!;
    expect(stringWidth(row1.slice(0, row1.indexOf('在庫')))).toBe(
      stringWidth(header.slice(0, header.indexOf('ステータス'))),
    );
    const row2 = lines.find((l) => l.startsWith('PC-0002'))!;
    expect(row2).toContain('Microsoft Intune');
    expect(row2).toContain('2026-12-01 12:04:05 +09:00');
  });

  it('shows a device with Japanese labels, aligned, and times with their zone', () => {
    const lines = results.get('devices show PC-0002')!.stdout.trimEnd().split('\n');
    const valueColumn = (label: string) => {
      const line = lines.find((l) => l.startsWith(label))!;
      return stringWidth(line.slice(0, line.length - line.slice(label.length).trimStart().length));
    };
    expect(valueColumn('資産番号')).toBe(valueColumn('最終チェックイン'));
    expect(lines.find((l) => l.startsWith('資産番号'))).toMatch(/^資産番号\s+PC-0002$/);
    expect(lines.find((l) => l.startsWith('ソース'))).toMatch(/Microsoft Intune$/);
    expect(lines.find((l) => l.startsWith('最終チェックイン'))).toMatch(
      /2026-12-01 12:04:05 \+09:00$/,
    );
  });

  it('says sync status in Japanese', () => {
    const out = results.get('sync status')!.stdout;
    expect(out).toMatch(
      /^マスター連携:\s+Microsoft Intune \(照合キー serial、資産番号 deviceName\)、2026-11-01 09:00:00 \+09:00 から/m,
    );
    expect(out).toMatch(/^実行中の同期:\s+-$/m);
    expect(out).toMatch(/^未解決のアラート:\s+0$/m);
    expect(out).toMatch(/2026-12-01 12:00:00 \+09:00\s+定期\s+完了\s+新規 1・更新 2/);
  });

  it('keeps JSON and CSV as they were: field names, ISO times', () => {
    const json = results.get('devices list --format json')!;
    expect(JSON.parse(json.stdout)[1]).toMatchObject({
      assetNumber: 'PC-0002',
      source: 'intune',
      mdm: { lastCheckInAt: '2026-12-01T03:04:05Z' },
    });
    const csv = results.get('devices list --format csv')!;
    expect(csv.stdout.split('\n')[0]).toMatch(/^assetNumber,serialNumber,/);
    const status = results.get('sync status --json')!;
    expect(JSON.parse(status.stdout)).toMatchObject({
      master: { provider: 'intune', linkedAt: '2026-11-01T00:00:00.000Z' },
      openAlerts: 0,
    });
  });
});

describe('the CLI in English', () => {
  it('prints the same commands in English', async () => {
    const env = { ...base, DAICHO_LOCALE: 'en' };
    const runs = [
      ['--help'],
      ['devices', 'list'],
      ['devices', 'show', 'PC-0002'],
      ['sync', 'status'],
      ['db', 'status'],
      ['devices', 'show'],
      ['devices', 'show', 'PC-0001', '--jsn'],
    ];
    const results = await runAll(
      runs.map((args) => ({ args })),
      env,
    );
    const [root, list, show, status, db, missing, unknown] = runs.map((args) =>
      results.get(args.join(' '))!,
    );
    expect(root.stdout).toMatch(/^Usage: daicho/);
    expect(root.stdout).toContain('the IT device ledger, synced with Intune / Jamf Pro');
    expect(root.stdout).toContain('display help for command');
    expect(list.stdout.split('\n')[0]).toMatch(/^Asset number\s+Serial number\s+Source\s+User/);
    expect(list.stdout.trimEnd().split('\n').at(-1)).toBe('2 devices');
    expect(show.stdout).toMatch(/^Last check-in\s+2026-12-01 12:04:05 \+09:00$/m);
    expect(status.stdout).toMatch(
      /^master:\s+Microsoft Intune \(match serial, asset number deviceName\) since/m,
    );
    expect(status.stdout).toMatch(/^open alerts:\s+0$/m);
    expect(db.stdout).toMatch(/2 devices/);
    expect(missing.stderr.trim()).toBe(
      'Error: Missing argument id. (see daicho devices show --help)',
    );
    expect(unknown.stderr).toMatch(/^Error: Unknown option --jsn\. \(Did you mean --json\?\)/);
  });
});
