import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { BSON, MongoClient, type Db, type Document } from 'mongodb';
import { collections, ensureIndexes } from '../../src/db/collections';
import { LedgerService } from '../../src/ledger/ledger-service';
import { serialMatcher } from '../../src/ledger/serial';
import { testUri, type TestDb } from './test-db';

/**
 * Shared pieces of the hostile-input property tests (test/integration/hostile-*.test.ts):
 * hostile values, the wire (JSON) they travel as, a database snapshot / write watch, and the
 * record of how many cases each property ran.
 */

/** Multiplies every property's number of runs (HOSTILE_RUNS=5 for a longer soak). */
export const RUN_FACTOR = Math.max(0.1, Number(process.env.HOSTILE_RUNS ?? 1) || 1);
export const runs = (n: number) => Math.max(1, Math.round(n * RUN_FACTOR));
/**
 * The cases come from a seed: HOSTILE_SEED=<n> replays a failure (fast-check prints the seed it
 * used), HOSTILE_SEED=random draws new ones. By default the seed is taken from the commit under
 * test, so CI on a clean clone generates exactly the cases a run of the same commit generated
 * here (a red CI is then reproducible, and a green local run says CI will be green too), while
 * every new commit still explores new cases.
 */
export const SEED = seedOf(process.env.HOSTILE_SEED);

function seedOf(given: string | undefined): number | undefined {
  if (given === 'random') return undefined;
  if (given) return Number(given);
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: path.join(__dirname, '..', '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^[0-9a-f]{8}/.test(head) ? parseInt(head.slice(0, 8), 16) | 0 : undefined;
  } catch {
    return undefined; // not a git checkout: a random seed, printed on failure
  }
}

/**
 * Text the products never produce themselves, so finding it in an answer means the code, not the
 * input, put it there.
 */
export const TELLTALES = ['undefined', '[object Object]', 'NaN', 'TypeError', 'ReferenceError'];
const STACK_LINE = /\n\s+at .+(?:\.[jt]s:\d+:\d+|<anonymous>)/;

/** A reason the text looks like a leaked crash, or null. `echoed`: the input (may show up again). */
export function crashTrace(text: string, echoed: readonly string[] = []): string | null {
  for (const word of TELLTALES)
    if (text.includes(word) && !echoed.some((e) => e.includes(word))) return `contains "${word}"`;
  if (STACK_LINE.test(text)) return 'contains a stack trace';
  return null;
}

const withoutTelltales = (s: string) => !TELLTALES.some((w) => s.includes(w)) && !/\bat\s/.test(s);

/** Keys that poke at prototypes, operators and our own field names. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '$where',
  '$gt',
  '$ne',
  '$set',
  'verb',
  'msteams',
  'id',
  '',
  ' ',
  'a.b',
  '資産番号',
];

/** Strings that mean something to a spreadsheet, a regex, a template, a shell or MongoDB. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u3000',
  '0',
  '-1',
  '1e309',
  'null',
  'true',
  '[]',
  '{}',
  '{"$gt":""}',
  '.*',
  '(',
  '\\',
  '^$',
  '${$root}',
  '${assetNumber}',
  '{id}',
  "=cmd|' /C calc'!A0",
  '@SUM(1+1)*cmd|"/C calc"!A0',
  '+1+1',
  '-2+3',
  '\t=1+1',
  '\r=1+1',
  '<script>alert(1)</script>',
  '**bold** [x](javascript:alert(1))',
  '../../etc/passwd',
  '\u0000',
  '\u202e\u0644\u0627',
  '👩‍👩‍👧‍👦',
  '𠮷野家',
  'ｱｲｳ',
  '山田 太郎',
  '\ud800',
  'a\nb\r\nc',
  '000000000000000000000000',
  'ffffffffffffffffffffffff',
];

/** Up to ~100 KB of one character (or a short pattern) repeated. */
export const hugeString = (max = 100_000): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom('A', '=', '日', '\u0000', '"', ',', '\n', '𠮷', 'ab,"c"\n'),
      fc.integer({ min: 1_000, max }),
    )
    .map(([c, n]) => c.repeat(Math.ceil(n / c.length)).slice(0, n));

/** Any text a hostile client could send: short unicode, control characters, the nasty list, huge. */
export const hostileString = (options: { huge?: boolean } = {}): fc.Arbitrary<string> =>
  fc
    .oneof(
      { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
      { arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
      {
        arbitrary: fc.string({
          unit: fc.constantFrom('\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u007f', 'x', '='),
          maxLength: 8,
        }),
        weight: 1,
      },
      { arbitrary: options.huge === false ? fc.constant('x') : hugeString(), weight: 1 },
    )
    .filter(withoutTelltales);

/** An object with exactly these own keys, `__proto__` included (as JSON.parse makes them). */
export function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries)
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/**
 * Objects that break code which converts or looks things up carelessly: `String(v)` and
 * `Number(v)` throw on `{"toString": 1}`; `__proto__` / `constructor` keys aim at prototypes;
 * `$` keys at MongoDB queries.
 */
export const poisoned: fc.Arbitrary<unknown> = fc.constantFrom(
  ...(
    [
      [['toString', 1]],
      [
        ['toString', 'x'],
        ['valueOf', 'y'],
      ],
      [['valueOf', 1]],
      [
        [
          '__proto__',
          objectOf([
            ['polluted', true],
            ['isAdmin', true],
          ]),
        ],
      ],
      [['constructor', objectOf([['prototype', objectOf([['polluted', true]])]])]],
      [['$gt', '']],
      [['$ne', null]],
      [['$where', 'sleep(1000)']],
      [['length', 1e9]],
    ] as [string, unknown][][]
  ).map(objectOf),
  [objectOf([['toString', 1]])],
);

/** Any JSON value, nested, with hostile keys and strings. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, -0, 1, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, -1e-308),
    fc.integer(),
    hostileString(),
    poisoned,
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(
        fc.tuple(
          fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 })),
          tie('value'),
        ),
        { maxLength: 4 },
      )
      .map(objectOf),
  ),
})).value;

/** What a value looks like after the HTTP hop: JSON text parsed again (undefined = absent). */
export function wire<T = unknown>(value: unknown): T {
  const text = JSON.stringify(value);
  return (text === undefined ? undefined : JSON.parse(text)) as T;
}

// ---------------------------------------------------------------------------------------------
// The database: what was written, and what it holds.

const WRITE_COMMANDS = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'bulkWrite',
  'createIndexes',
  'drop',
  'dropDatabase',
  'renameCollection',
]);

/**
 * Every write command the client sends, by collection. The client must be opened with
 * `monitorCommands: true`. Cheaper than a snapshot: a case that sent no write changed nothing.
 */
export class WriteWatch {
  private written = new Map<string, number>();
  constructor(client: MongoClient, dbName: string) {
    client.on('commandStarted', (e) => {
      if (e.databaseName !== dbName || !WRITE_COMMANDS.has(e.commandName)) return;
      const collection = String((e.command as Document)[e.commandName]);
      this.written.set(collection, (this.written.get(collection) ?? 0) + 1);
    });
  }
  reset(): void {
    this.written.clear();
  }
  /** Collections written since the last reset, except the ones named. */
  collections(except: readonly string[] = []): string[] {
    return [...this.written.keys()].filter((c) => !except.includes(c)).sort();
  }
}

/** openTestDb with command monitoring on, and the watch of its writes. */
export async function openWatchedDb(): Promise<TestDb & { watch: WriteWatch }> {
  const uri = testUri();
  const client = await new MongoClient(uri, { monitorCommands: true }).connect();
  const name = `daicho_hostile_${randomBytes(4).toString('hex')}`;
  const db = client.db(name);
  await ensureIndexes(db);
  const c = collections(db);
  return {
    uri,
    client,
    db,
    name,
    c,
    ledger: new LedgerService(c, serialMatcher()),
    watch: new WriteWatch(client, name),
    close: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

export interface Snapshot {
  /** Canonical EJSON of every document, by collection, in _id order. */
  text: Map<string, string[]>;
  /** The documents themselves, to put back. */
  docs: Map<string, Document[]>;
}

/** Every document of every collection except `exclude` (volatile ones, see each test). */
export async function snapshot(db: Db, exclude: readonly string[] = []): Promise<Snapshot> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !exclude.includes(n) && !n.startsWith('system.'))
    .sort();
  const text = new Map<string, string[]>();
  const docs = new Map<string, Document[]>();
  for (const name of names) {
    const all = await db.collection(name).find({}).toArray();
    const keyed = all
      .map((d) => ({ d, key: BSON.EJSON.stringify(d._id, { relaxed: false }) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    if (keyed.length === 0) continue; // an empty collection equals a missing one
    docs.set(
      name,
      keyed.map((k) => k.d),
    );
    text.set(
      name,
      keyed.map((k) => BSON.EJSON.stringify(k.d, { relaxed: false })),
    );
  }
  return { text, docs };
}

/** The collections whose documents differ between two snapshots. */
export function changedCollections(a: Snapshot, b: Snapshot): string[] {
  const names = new Set([...a.text.keys(), ...b.text.keys()]);
  return [...names]
    .filter((n) => {
      const x = a.text.get(n) ?? [];
      const y = b.text.get(n) ?? [];
      return x.length !== y.length || x.some((s, i) => s !== y[i]);
    })
    .sort();
}

/** Puts the named collections back as they were in `base`. */
export async function restore(db: Db, base: Snapshot, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await db.collection(name).deleteMany({});
    const docs = base.docs.get(name) ?? [];
    if (docs.length > 0) await db.collection(name).insertMany(docs.map((d) => ({ ...d })));
  }
}

// ---------------------------------------------------------------------------------------------
// How many cases ran.

export interface PropertyCount {
  property: string;
  numRuns: number;
  ran: number;
}

/**
 * Counts the cases of each property of one test file. `count(name)` goes inside the property's
 * predicate; `write()` (afterAll) stores them as JSON under the OS temp dir and prints one line.
 */
export class CaseCounts {
  private readonly counts = new Map<string, PropertyCount>();
  constructor(private readonly suite: string) {}

  expect(property: string, numRuns: number): void {
    this.counts.set(property, { property, numRuns, ran: this.counts.get(property)?.ran ?? 0 });
  }
  count(property: string): void {
    const c = this.counts.get(property) ?? { property, numRuns: 0, ran: 0 };
    c.ran++;
    this.counts.set(property, c);
  }
  private readonly notes: Record<string, unknown> = {};
  /** Something worth keeping next to the counts (e.g. what a property could not check). */
  note(key: string, value: unknown): void {
    this.notes[key] = value;
  }
  get(property: string): PropertyCount | undefined {
    return this.counts.get(property);
  }
  total(): number {
    return [...this.counts.values()].reduce((n, c) => n + c.ran, 0);
  }
  /** The file the counts of this suite go to. */
  static file(suite: string): string {
    return path.join(os.tmpdir(), 'daicho-hostile', `${suite}.json`);
  }
  write(): string {
    const file = CaseCounts.file(this.suite);
    mkdirSync(path.dirname(file), { recursive: true });
    const properties = [...this.counts.values()];
    writeFileSync(
      file,
      `${JSON.stringify({ suite: this.suite, at: new Date().toISOString(), seed: SEED ?? null, total: this.total(), properties, notes: this.notes }, null, 2)}\n`,
    );
    process.stdout.write(
      `[hostile] ${this.suite}: ${this.total()} cases in ${properties.length} properties, seed ${SEED ?? 'random'} → ${file}\n`,
    );
    return file;
  }
}

/** fast-check parameters shared by the hostile tests. */
export function fcParams<T>(numRuns: number): fc.Parameters<T> {
  return {
    numRuns,
    ...(SEED === undefined ? {} : { seed: SEED }),
    // Shrinking replays a failure many times against the database; HOSTILE_SHRINK=1 turns it on.
    endOnFailure: process.env.HOSTILE_SHRINK !== '1',
    // fast-check's own report prints the whole counterexample: 100 KB strings included.
    reporter: (details) => {
      if (!details.failed) return;
      const example = shorten(details.counterexample);
      const error = String(details.errorInstance ?? '');
      throw new Error(
        `Property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}")\n` +
          `Counterexample: ${example}\n${error.slice(0, 2000)}`,
      );
    },
  };
}

/** JSON of a counterexample with long strings cut (what matters is where they are). */
export function shorten(value: unknown, max = 1500): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v,
    );
  } catch {
    text = String(value);
  }
  return (text ?? String(value)).slice(0, max);
}
