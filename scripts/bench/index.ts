#!/usr/bin/env node
/**
 * Daicho's benchmarks: `npm run bench -- [options]` (see options.ts, or --help). Prints one JSON
 * object with every measurement and each target's verdict; never asserts, never fails on a
 * missed target. Progress goes to stderr; stdout carries only the JSON. See docs/BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src/db/embedded/emulator';
import type { EmbeddedServerRecord } from '../../src/db/embedded/registry';
import { ensureSimCertificate } from '../../src/sim/tls';
import type { BotResult } from './bot-load';
import type { CommandsResult } from './commands';
import type { FullRunResult } from './full-run';
import { describeError, isFailure, machine, ROOT, round, runChild, type ChildFailure } from './lib';
import type { NotifyResult } from './notify';
import { PARTS, parseArgs, UsageError, type BenchOptions, type Part } from './options';
import { readerPart } from './reader-part';
import type { StocktakeBenchResult } from './stocktake';
import { targetList, type FullPart, type PartReports } from './targets';

const say = (text: string) => process.stderr.write(`bench: ${text}\n`);

/** The embedded emulator, started on first use and stopped at the end (or on Ctrl-C). */
function emulatorOnDemand(work: string) {
  let emulator: EmbeddedServerRecord | null = null;
  const stop = () => {
    if (!emulator) return;
    try {
      process.kill(emulator.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    emulator = null;
  };
  const uri = async () => {
    if (!emulator) {
      emulator = await startEmulator(path.join(work, 'db'));
      say(`emulator started (pid ${emulator.pid}, port ${emulator.port})`);
    }
    return `mongodb://127.0.0.1:${emulator.port}/?directConnection=true`;
  };
  return { uri, stop, pid: () => emulator?.pid ?? 0 };
}

type Emulator = ReturnType<typeof emulatorOnDemand>;

type Runners = { [K in Part]: () => Promise<NonNullable<PartReports[K]>> };

/** Each part as the options ask for it; a child's answer is its part's report. */
function partRunners(o: BenchOptions, work: string, emulator: Emulator): Runners {
  const simDir = path.join(work, 'sim');
  const database = o.mongodbUri ? 'mongodb-uri' : 'emulator';
  const dbUri = async () => o.mongodbUri ?? (await emulator.uri());
  return {
    reader: () => readerPart(o.sizes, simDir),
    full: async () => {
      const full: FullPart[] = [];
      if (o.dbSizes.length > 0)
        full.push(await fullPart('emulator', await emulator.uri(), o.dbSizes, simDir));
      if (o.mongodbUri) full.push(await fullPart('mongodb-uri', o.mongodbUri, o.uriSizes, simDir));
      return full;
    },
    bot: async () => {
      say(`bot: ${o.botDevices} devices, ${o.botConnections} conversations, ${o.botSeconds} s`);
      const uri = await dbUri();
      return runChild<BotResult>('bot-load.js', [
        ...['--uri', uri, '--database', database, '--devices', String(o.botDevices)],
        ...['--connections', String(o.botConnections), '--seconds', String(o.botSeconds)],
        ...['--work', work, '--emulator-pid', String(o.mongodbUri ? 0 : emulator.pid())],
      ]);
    },
    notify: async () => {
      say(`notify: ${o.alerts} alerts to ${o.conversations} conversations`);
      const uri = await dbUri();
      return runChild<NotifyResult>('notify.js', [
        ...['--uri', uri, '--database', database],
        ...['--alerts', String(o.alerts), '--conversations', String(o.conversations)],
      ]);
    },
    commands: () => {
      say(`commands: parsing ${o.commandSizes.join(', ')}-character messages`);
      return runChild<CommandsResult>('commands.js', [
        ...['--sizes', o.commandSizes.join(','), '--runs', String(o.commandRuns)],
        ...['--before-budget-ms', String(o.commandBeforeBudgetMs)],
      ]);
    },
    stocktake: async () => {
      say(`stocktake: ask cards to ${o.stocktakeUsers} users`);
      const uri = await dbUri();
      return runChild<StocktakeBenchResult>('stocktake.js', [
        ...['--uri', uri, '--database', database, '--users', String(o.stocktakeUsers)],
      ]);
    },
  };
}

/** Part 2: a child per size, each with its own simulator, database and command monitor. */
async function fullPart(
  database: string,
  uri: string,
  sizes: number[],
  simDir: string,
): Promise<FullPart> {
  const runs: FullPart['runs'] = [];
  // NODE_EXTRA_CA_CERTS for a child that starts its own simulator.
  const cert = await ensureSimCertificate(path.join(simDir, 'sim'));
  for (const n of sizes) {
    say(`full run on ${database}: ${n} devices`);
    const args = [
      '--uri',
      uri,
      '--db',
      `daicho_bench_full_${n}`,
      '--size',
      String(n),
      '--sim-dir',
      simDir,
    ];
    const r = await runChild<FullRunResult>('full-run.js', args, {
      NODE_EXTRA_CA_CERTS: cert.certPath,
    });
    runs.push(isFailure(r) ? { size: n, error: r.error } : r);
  }
  return { database, uri: maskUri(uri), runs };
}

/** Runs the parts asked for; a part that fails is reported as such, the others still run. */
async function runParts(o: BenchOptions, work: string, emulator: Emulator): Promise<PartReports> {
  const runners = partRunners(o, work, emulator);
  const reports: PartReports = {};
  const part = async <K extends Part>(name: K) => {
    if (!o.only.includes(name)) return;
    try {
      const run: Runners[K] = runners[name];
      reports[name] = await run();
    } catch (e) {
      say(`${name} failed: ${describeError(e)}`);
      const failure: ChildFailure = { error: String(e instanceof Error ? e.message : e) };
      reports[name] = failure;
    }
  };
  for (const name of PARTS) await part(name);
  return reports;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (!o) return; // --help
  const work = mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-'));
  const emulator = emulatorOnDemand(work);
  process.once('SIGINT', () => {
    emulator.stop();
    process.exit(130);
  });
  const startedAt = new Date();
  const header = {
    benchmark: 'daicho',
    date: startedAt.toISOString(),
    machine: machine(),
    code: codeVersion(),
    options: { ...o, mongodbUri: o.mongodbUri ? maskUri(o.mongodbUri) : null },
    // Other work on the machine skews every figure: the load average says how busy it was.
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
  let parts: PartReports;
  try {
    parts = await runParts(o, work, emulator);
  } finally {
    emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const report = {
    ...header,
    ...parts,
    loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
    totalSeconds: round((Date.now() - startedAt.getTime()) / 1000),
    targets: targetList(parts),
  };
  const json = JSON.stringify(report, null, 2);
  process.stdout.write(`${json}\n`);
  if (o.out) writeFileSync(o.out, `${json}\n`);
}

/** The commit measured, and whether the working tree differed from it (read-only git calls). */
function codeVersion() {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      uncommittedChanges: git('status', '--porcelain', '--untracked-files=no').trim() !== '',
    };
  } catch {
    return { commit: null, uncommittedChanges: null }; // not a git checkout
  }
}

function maskUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

main().catch((e: unknown) => {
  const usage = e instanceof UsageError;
  process.stderr.write(`bench: ${usage ? e.message : describeError(e)}\n`);
  process.exit(usage ? 2 : 1);
});
