/**
 * Daicho's benchmarks: `npm run bench -- [options]` (builds first). Prints one JSON object with
 * every measurement and each target's verdict; never asserts, never fails on a missed target.
 *
 *   --sizes 1000,10000,100000   reader + reconcile core (Graph simulator over https)
 *   --db-sizes 1000,5000        full sync runs against the embedded emulator
 *   --mongodb-uri URI           also the full sync runs against that server, at --uri-sizes
 *   --uri-sizes 1000,10000,100000
 *   --only reader|full|bot|notify|commands|stocktake   (comma-separated; default all)
 *   --bot-devices 1000 --bot-connections 50 --bot-seconds 15
 *   --alerts 50 --conversations 20   (each alert goes to every alert channel: 1,000 cards)
 *   --command-sizes 1000,10000,100000   typed-command parsing (part commands), characters
 *   --command-runs 9 --command-before-budget-ms 10000   (the old patterns: skipped past it)
 *   --stocktake-users 2000      stocktake ask cards: users (1–3 devices each), one card each
 *   --out FILE                  also write the JSON there
 *
 * Progress goes to stderr; stdout carries only the JSON. See docs/BENCHMARKS.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib';

export const PARTS = ['reader', 'full', 'bot', 'notify', 'commands', 'stocktake'] as const;
export type Part = (typeof PARTS)[number];

const isPart = (p: string): p is Part => (PARTS as readonly string[]).includes(p);

export interface BenchOptions {
  sizes: number[];
  dbSizes: number[];
  uriSizes: number[];
  mongodbUri: string | null;
  only: Part[];
  out: string | null;
  botDevices: number;
  botConnections: number;
  botSeconds: number;
  alerts: number;
  conversations: number;
  commandSizes: number[];
  commandRuns: number;
  commandBeforeBudgetMs: number;
  stocktakeUsers: number;
}

/** A mistake on the command line: told in one line, exit code 2. */
export class UsageError extends Error {}

const DEFAULTS: BenchOptions = {
  sizes: [1000, 10000, 100000],
  dbSizes: [1000, 5000],
  uriSizes: [1000, 10000, 100000],
  mongodbUri: null,
  only: [...PARTS],
  out: null,
  botDevices: 1000,
  botConnections: 50,
  botSeconds: 15,
  alerts: 50,
  conversations: 20,
  commandSizes: [1000, 10000, 100000],
  commandRuns: 9,
  commandBeforeBudgetMs: 10000,
  stocktakeUsers: 2000,
};

const list = (v: string): number[] =>
  v
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((x) => Number.isInteger(x) && x > 0);

type Setter = (o: BenchOptions, v: string) => void;

/** Every option but --help, and what it sets. */
const SETTERS: Record<string, Setter> = {
  '--sizes': (o, v) => (o.sizes = list(v)),
  '--db-sizes': (o, v) => (o.dbSizes = list(v)),
  '--uri-sizes': (o, v) => (o.uriSizes = list(v)),
  '--mongodb-uri': (o, v) => (o.mongodbUri = v),
  '--only': (o, v) => {
    const parts = v.split(',').map((s) => s.trim());
    for (const p of parts)
      if (!isPart(p)) throw new UsageError(`--only: unknown part ${p} (${PARTS.join(', ')})`);
    o.only = parts.filter(isPart);
  },
  '--out': (o, v) => (o.out = v),
  '--bot-devices': (o, v) => (o.botDevices = Number(v)),
  '--bot-connections': (o, v) => (o.botConnections = Number(v)),
  '--bot-seconds': (o, v) => (o.botSeconds = Number(v)),
  '--alerts': (o, v) => (o.alerts = Number(v)),
  '--conversations': (o, v) => (o.conversations = Number(v)),
  '--command-sizes': (o, v) => (o.commandSizes = list(v)),
  '--command-runs': (o, v) => (o.commandRuns = Number(v)),
  '--command-before-budget-ms': (o, v) => (o.commandBeforeBudgetMs = Number(v)),
  '--stocktake-users': (o, v) => (o.stocktakeUsers = Number(v)),
};

/** The comment at the top of this file, as the sources have it. */
function help(): string {
  const source = readFileSync(path.join(ROOT, 'scripts', 'bench', 'options.ts'), 'utf8');
  return `${source.split('*/')[0]}*/\n`;
}

/** The options, or null after printing --help. `--flag value` and `--flag=value` both work. */
export function parseArgs(argv: readonly string[]): BenchOptions | null {
  const o: BenchOptions = { ...DEFAULTS, only: [...DEFAULTS.only] };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(help());
      return null;
    }
    const set = SETTERS[flag];
    if (!set) throw new UsageError(`unknown option ${argv[i]} (see --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    set(o, value);
  }
  return o;
}
