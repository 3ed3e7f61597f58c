/**
 * Helpers shared by the benchmark scripts: child processes that answer with one JSON object,
 * percentiles, and the machine description. Nothing here asserts: benchmarks measure and report.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/paths';

/** The checkout (package.json), wherever this file was compiled to. */
export const ROOT = projectRoot();

/** What a child reports when its work threw: the part records it instead of crashing. */
export interface ChildFailure {
  error: string;
}

interface ResultMessage {
  type: 'result';
  value: unknown;
}

function isResultMessage(m: unknown): m is ResultMessage {
  return typeof m === 'object' && m !== null && 'type' in m && m.type === 'result';
}

export function isFailure(value: object): value is ChildFailure {
  return 'error' in value && typeof value.error === 'string';
}

export function describeError(e: unknown): string {
  return String(e instanceof Error && e.stack ? e.stack : e);
}

/**
 * Runs `script` (a compiled file next to this one) in a fresh Node process (its own heap, so its
 * peak RSS is its own) and resolves with the object it sends back with `process.send`. `env` is
 * added to this process's env: the simulators' certificate must be in NODE_EXTRA_CA_CERTS when
 * the child starts. The child's answer is trusted to be a `T` (it is our own script).
 */
export function runChild<T extends object>(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<T | ChildFailure> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: [],
    });
    let result: T | ChildFailure | undefined;
    child.on('message', (m) => {
      if (isResultMessage(m)) result = m.value as T | ChildFailure;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result !== undefined) resolve(result);
      else
        reject(
          new Error(`${script} ${args.join(' ')} exited (${code ?? signal}) without a result`),
        );
    });
  });
}

/** In a child: send the result and exit once it is flushed. */
function finishChild(value: unknown): void {
  if (!process.send) throw new Error('a benchmark child must be started by the benchmark (no IPC)');
  process.send({ type: 'result', value }, undefined, undefined, () => process.exit(0));
}

/** Runs `main` in a child, reporting a failure as a result rather than a crash. */
export function childMain(main: () => Promise<object>): void {
  main().then(finishChild, (e: unknown) => finishChild({ error: describeError(e) }));
}

/** In a child: the value after `--name` on the command line, or `fallback`. */
export function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? null;
}

/** `x` to `digits` decimals; non-finite values pass through as they are (JSON shows null). */
export function round(x: number, digits = 1): number {
  return Number.isFinite(x) ? Number(x.toFixed(digits)) : x;
}

export const mb = (bytes: number): number => round(bytes / 1048576, 1);

/** Peak resident set size of this process so far, in MB (Linux reports maxRSS in KiB). */
export function maxRssMb(): number {
  return round(process.resourceUsage().maxRSS / 1024, 1);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
}

/** CPU, cores, memory, OS and Node, read from /proc and `os`. */
export function machine(): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux: os.cpus() it is
  }
  let memTotalKb: number | null = null;
  try {
    memTotalKb = Number(/MemTotal:\s*(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1]);
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores: os.cpus().length,
    memoryGiB: round((memTotalKb ? memTotalKb * 1024 : os.totalmem()) / 1073741824, 1),
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    node: process.version,
  };
}
