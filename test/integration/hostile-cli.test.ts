import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { t as say } from '../../src/i18n/messages';
import { runCli, type CliResult } from '../support/cli';
import {
  CaseCounts,
  changedCollections,
  crashTrace,
  fcParams,
  hugeString,
  NASTY_STRINGS,
  restore,
  runs,
  snapshot,
  type Snapshot,
} from '../support/hostile';
import { rawIntuneDevice, syncHarness, type SyncHarness } from '../support/sync-harness';
import { openTestDb, type TestDb } from '../support/test-db';

/**
 * Arbitrary command lines for every `daicho` command that works on the ledger (src/cli/commands):
 * unknown options, options without their value, huge values (100 KB), unicode, numbers where
 * text is expected, `--` and `-` tricks, prototype words (`constructor`, `__proto__`) where a
 * choice is expected. Each run is the built CLI as a user starts it, against the real database
 * and the Graph simulator.
 *
 * Every run must end with exit 0, 1 or 2; a failure with a reason on stderr (its first line), no
 * stack trace and never the "unexpected error" sentence (that is a crash with a correlation id);
 * and a failed run must leave the database exactly as it was (compared document by document).
 * After a successful run that wrote, the database is put back for the next case.
 *
 * Left out: `sim` (runs until Ctrl-C) and `db stop` (stops a database server). Spawning costs
 * about 0.3 s, so the number of runs is small (HOSTILE_RUNS scales it).
 */

const counts = new CaseCounts('hostile-cli');
const UNEXPECTED = say('en', 'cli.unexpected', { correlationId: '§' }).split('§')[0];

/** Words a user (or a script gone wrong) may put anywhere on the line. */
const stray = fc.constantFrom(
  '--',
  '-',
  '--evil',
  '-x',
  '--=x',
  '---json',
  '--json=yes',
  '--format=',
  '--help=no',
  '-h1',
  '--no-json',
  '--__proto__',
  '--constructor',
);

const text = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => !s.includes('\u0000'))), weight: 4 },
  { arbitrary: fc.string({ maxLength: 12 }).filter((s) => !s.includes('\u0000')), weight: 3 },
  {
    arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty'),
    weight: 2,
  },
  { arbitrary: fc.integer().map(String), weight: 1 },
  { arbitrary: fc.constantFrom('1e309', '-0', 'NaN', '0x10', '１２'), weight: 1 },
  // The kernel caps one argument at 128 KiB of bytes (MAX_ARG_STRLEN), so a huge value is cut
  // to 100 KB of UTF-8, whole characters only: '日' is 3 bytes and '𠮷' 4.
  {
    arbitrary: hugeString(100_000).map((s) => utf8Prefix(s.replace(/\u0000/g, 'x'), 100_000)),
    weight: 1,
  },
);

/** The longest prefix of `s`, in whole code points, that is at most `maxBytes` in UTF-8. */
function utf8Prefix(s: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > maxBytes) break;
    end += ch.length;
  }
  return s.slice(0, end);
}

interface CommandSpec {
  path: string[];
  /** Positional arguments (each one or more words: a likely value or any text). */
  args?: fc.Arbitrary<string[]>[];
  /** Options: name → its likely values (null: a flag). */
  options: Record<string, fc.Arbitrary<string> | null>;
  /** Options the command requires: present in most runs. */
  required?: string[];
}

let dir: string;
const file = (name: string) => path.join(dir, name);

function commands(ids: { runId: string }): CommandSpec[] {
  const id = fc.oneof(fc.constantFrom('PC-1', 'PC-2', 'SN-1', 'NOPE'), text);
  const one = (a: fc.Arbitrary<string>) => a.map((v) => [v]);
  const anyFile = fc.constantFrom(
    file('good.csv'),
    file('bad.csv'),
    file('usage.csv'),
    dir,
    file('missing.csv'),
    '/dev/null',
    '',
  );
  const out = fc.constantFrom(file('out.txt'), path.join(dir, 'no-such-dir', 'x.csv'), dir, '');
  const field = fc.constantFrom(
    '--user',
    '--serial-number',
    '--status',
    '--asset-number',
    '--procurement-date',
    '--利用者',
    '--mdm.deviceName',
    '--source',
    '--colour',
    '--__proto__',
    '--constructor',
    '--json',
    '--user=',
    '--status=利用中',
  );
  const fields = fc.array(fc.oneof(field, text), { maxLength: 6 });
  const run = fc.constantFrom(ids.runId, '000000000000000000000000', 'zz', '');
  const stocktake = fc.oneof(fc.constantFrom('ST-20261206-1', 'NOPE', '__proto__'), text);
  return [
    {
      path: ['devices', 'import'],
      args: [one(anyFile)],
      options: { '--skip-invalid': null, '--json': null, '--dry-run': null, '--clear-empty': null },
    },
    {
      path: ['devices', 'export'],
      options: {
        '--format': fc.constantFrom('json', 'csv', 'CSV', 'xml', ''),
        '--out': out,
        '--excel': null,
      },
    },
    {
      path: ['devices', 'list'],
      options: {
        '--source': fc.constantFrom('ledger', 'intune', 'jamf', 'constructor', ''),
        '--registration-state': fc.constantFrom('registered', 'toString', 'x'),
        '--stale-days': fc.constantFrom('30', '-1', '1.5', '36501', 'abc', '1e3'),
        '--status': text,
        '--user': text,
        '--text': text,
        '--duplicates': null,
        '--missing': null,
        '--format': fc.constantFrom('table', 'json', 'csv', 'constructor'),
        '--out': out,
      },
    },
    { path: ['devices', 'show'], args: [one(id)], options: { '--json': null } },
    { path: ['devices', 'history'], args: [one(id)], options: { '--json': null } },
    { path: ['devices', 'delete'], args: [one(id)], options: { '--json': null } },
    { path: ['devices', 'add'], args: [fields], options: {} },
    { path: ['devices', 'edit'], args: [one(id), fields], options: {} },
    ...(['intune', 'jamf'] as const).map((provider): CommandSpec => ({
      path: ['link', provider],
      options: {
        '--match': fc.constantFrom(
          'serial',
          'uuid',
          'udid',
          'constructor',
          '__proto__',
          'toString',
        ),
        '--asset-number': fc.constantFrom(
          'serial',
          'uuid',
          'device-name',
          'name',
          'constructor',
          '__proto__',
          'hasOwnProperty',
        ),
        '--dry-run': null,
        '--json': null,
      },
      required: ['--match', '--asset-number'],
    })),
    { path: ['unlink'], options: { '--dry-run': null, '--json': null } },
    {
      path: ['disconnect'],
      args: [one(fc.constantFrom('intune', 'jamf', 'constructor', 'INTUNE'))],
      options: {},
    },
    { path: ['sync'], options: { '--dry-run': null, '--json': null } },
    { path: ['sync', 'status'], options: { '--json': null } },
    { path: ['sync', 'approve'], args: [one(run)], options: { '--json': null } },
    { path: ['sync', 'reject'], args: [one(run)], options: {} },
    {
      path: ['usage', 'export'],
      options: { '--device': id, '--out': out, '--json': null },
    },
    {
      path: ['usage', 'import'],
      args: [one(anyFile)],
      options: { '--skip-invalid': null, '--json': null, '--dry-run': null, '--clear-empty': null },
    },
    { path: ['db', 'status'], options: { '--json': null } },
    {
      path: ['stocktake', 'start'],
      options: {
        '--deadline': fc.constantFrom('2099-12-31', '2026-02-30', '2001-01-01', 'tomorrow', ''),
        '--status': text,
        '--source': fc.constantFrom('ledger', 'intune', 'constructor', ''),
        '--type': text,
        '--user': text,
        '--dry-run': null,
        '--json': null,
      },
      required: ['--deadline'],
    },
    { path: ['stocktake', 'status'], args: [one(stocktake)], options: { '--json': null } },
    {
      path: ['stocktake', 'report'],
      args: [one(stocktake)],
      options: { '--out': out, '--excel': null },
    },
    { path: ['stocktake', 'close'], args: [one(stocktake)], options: { '--json': null } },
  ];
}

/** One command line: the command, its arguments and options in any order, some broken. */
function argv(spec: CommandSpec): fc.Arbitrary<string[]> {
  const option = Object.entries(spec.options).map(([name, values]) =>
    fc.oneof(
      { arbitrary: values ? values.map((v) => [name, v]) : fc.constant([name]), weight: 12 },
      // The value left out, or given with `=`, or something else entirely.
      { arbitrary: fc.constant(values ? [name] : [`${name}=x`]), weight: 1 },
      { arbitrary: (values ?? text).map((v) => [`${name}=${v}`]), weight: 1 },
      { arbitrary: text.map((v) => [name, v]), weight: 1 },
    ),
  );
  const args = (spec.args ?? []).map((a) =>
    fc.oneof(
      { arbitrary: a, weight: 8 },
      { arbitrary: text.map((v) => [v]), weight: 2 },
      { arbitrary: fc.constant([] as string[]), weight: 1 },
    ),
  );
  const names = Object.keys(spec.options);
  const picked = fc
    .tuple(
      ...option.map((o, i) =>
        fc.option(o, { freq: spec.required?.includes(names[i]) ? 8 : 2, nil: undefined }),
      ),
    )
    .map((all) => all.filter((o): o is string[] => o !== undefined));
  return fc
    .tuple(
      fc.tuple(...args),
      picked,
      fc.oneof(
        { arbitrary: fc.constant([] as string[][]), weight: 3 },
        {
          arbitrary: fc.array(
            stray.map((s) => [s]),
            { minLength: 1, maxLength: 2 },
          ),
          weight: 1,
        },
      ),
    )
    .chain(([a, o, s]) =>
      fc.oneof(
        // In order, as the help shows it (the stray words last) …
        { arbitrary: fc.constant([...a, ...o, ...s].flat()), weight: 3 },
        // … or any of it, in any order.
        {
          arbitrary: fc.shuffledSubarray([...a, ...o, ...s]).map((parts) => parts.flat()),
          weight: 1,
        },
      ),
    )
    .map((rest) => [...spec.path, ...rest]);
}

/** A `link` choice that is none of the listed words (it must be refused, exit 2). */
function badChoice(args: string[]): string | undefined {
  if (args[0] !== 'link' || args.includes('--help') || args.includes('-h')) return undefined;
  const words: Record<string, Record<string, string[]>> = {
    intune: { '--match': ['serial', 'uuid'], '--asset-number': ['uuid', 'device-name', 'serial'] },
    jamf: { '--match': ['serial', 'udid'], '--asset-number': ['udid', 'name', 'serial'] },
  };
  const allowed = words[args[1]];
  if (!allowed) return undefined;
  for (const [option, choices] of Object.entries(allowed)) {
    const at = args.lastIndexOf(option);
    const value = at >= 0 ? args[at + 1] : undefined;
    if (value !== undefined && !value.startsWith('-') && !choices.includes(value))
      return `${option} ${value}`;
  }
  return undefined;
}

function problems(r: CliResult, args: string[], argsShown: string): string[] {
  const out: string[] = [];
  if (![0, 1, 2].includes(r.code)) out.push(`exit ${r.code}`);
  const crash = crashTrace(r.stderr, args);
  if (crash) out.push(`stderr ${crash}`);
  if (r.stderr.includes(UNEXPECTED)) out.push(`unexpected error: ${r.stderr.trim().slice(0, 300)}`);
  if (r.code !== 0) {
    const first = r.stderr.split('\n').find((l) => l.trim() !== '');
    if (!first) out.push('failed without a reason on stderr');
  }
  return out.map((p) => `${argsShown}: ${p}`);
}

describe('hostile command lines: every daicho command, any words', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'daicho-hostile-cwd-'));
  let t: TestDb;
  let h: SyncHarness;
  let env: Record<string, string>;
  let base: Snapshot;
  let specs: CommandSpec[];

  beforeAll(async () => {
    t = await openTestDb();
    h = await syncHarness(t, {
      graph: { devices: [rawIntuneDevice({ id: 'c-1', serialNumber: 'SN-1' })] as never },
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-hostile-cli-'));
    env = {
      ...h.sims.env,
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      DAICHO_LOCALE: 'en',
      DAICHO_DATA_DIR: path.join(dir, 'data'),
      SYNC_SCHEDULE: 'off',
    };
    writeFileSync(file('good.csv'), 'assetNumber,user\nPC-9,山田\n');
    writeFileSync(file('bad.csv'), 'assetNumber,user\nPC-9,a,b\n');
    writeFileSync(file('usage.csv'), 'assetNumber,user,from,to,note\nPC-1,alice,2024-01-01,,x\n');
    const by = { by: 'test' };
    await t.ledger.create({ assetNumber: 'PC-1', serialNumber: 'SN-1', user: 'alice' }, by);
    await t.ledger.create({ assetNumber: 'PC-2', serialNumber: 'SN-2' }, by);
    specs = commands({ runId: '0123456789abcdef01234567' });
    base = await snapshot(t.db);
  });
  afterAll(async () => {
    counts.write();
    await h?.close();
    await t?.close();
  });

  it('ends with exit 0/1/2, a reason on stderr, no crash, and writes nothing when it fails', async () => {
    const name = 'cli: any argv for any command';
    const exits: Record<number, number> = {};
    const numRuns = runs(60);
    counts.expect(name, numRuns);
    // Always tried, whatever the random ones are: choices that are Object.prototype's keys.
    const examples: [string[]][] = [
      [['link', 'intune', '--match', 'constructor', '--asset-number', 'serial']],
      [['link', 'jamf', '--match', 'serial', '--asset-number', '__proto__']],
      [['link', 'intune', '--match', 'toString', '--asset-number', 'hasOwnProperty', '--dry-run']],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(specs.length - 1).chain((i) => argv(specs[i])),
        async (args) => {
          counts.count(name);
          // In a scratch folder: random arguments may name output files (`--out -1`).
          const r = await runCli(args, env, scratch);
          exits[r.code] = (exits[r.code] ?? 0) + 1;
          if (process.env.HOSTILE_DEBUG)
            process.stdout.write(
              `${r.code} ${JSON.stringify(args).slice(0, 160)}\n    ${r.stderr.split('\n')[0].slice(0, 200)}\n`,
            );
          const shown = JSON.stringify(
            args.map((a) => (a.length > 60 ? `${a.slice(0, 20)}…(${a.length})` : a)),
          );
          const found = problems(r, args, shown);
          const master = await t.c.integrations.findOne({ _id: 'master' });
          if (
            master &&
            (!['serial', 'uuid'].includes(master.matchKey as string) ||
              !['uuid', 'deviceName', 'serial'].includes(master.assetNumberRule as string))
          )
            found.push(`${shown}: linked with ${JSON.stringify(master)}`);
          const refused = badChoice(args);
          if (refused && r.code !== 2)
            found.push(`${shown}: ${refused} was not refused (exit ${r.code})`);
          const changed = changedCollections(base, await snapshot(t.db));
          if (changed.length > 0) {
            if (r.code !== 0)
              found.push(`${shown}: exit ${r.code} but changed ${changed.join(', ')}`);
            await restore(t.db, base, changed);
          }
          if (found.length > 0) throw new Error(found.join('\n'));
        },
      ),
      { ...fcParams<[string[]]>(numRuns), examples },
    );
    expect(counts.get(name)?.ran).toBe(numRuns);
    counts.note('exit codes', exits);
    // Each case is a CLI process (about a second on a quiet machine); room for a loaded one.
  }, 240_000);
});
