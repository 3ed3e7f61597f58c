/**
 * The bot benchmark's view of other processes: the product's real server started from its build
 * (dist/index.js), a free port for it, and CPU and memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT, round } from './lib';

export interface RunningServer {
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * `npm run build`'s server (dist/index.js, no BOT_ID: local testing, no token checks) on
 * `database` of `uri`, answering once /healthz does.
 */
export async function startServer(
  uri: string,
  database: string,
  dataDir: string,
): Promise<RunningServer> {
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(ROOT, 'dist', 'index.js')], {
    env: {
      ...process.env,
      MONGODB_URI: uri,
      MONGODB_DB: database,
      PORT: String(port),
      BOT_ID: '',
      BOT_PASSWORD: '',
      SYNC_SCHEDULE: 'off',
      LOG_LEVEL: 'warn',
      DAICHO_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) resolve();
      else server.once('exit', () => resolve());
      setTimeout(resolve, 5000).unref();
    });
  };
  try {
    await waitForHealth(port, server, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, process: server, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no /healthz within 60 s: ${output()}`);
}

/** User + system CPU time of a process so far, in seconds (Linux /proc; 0 elsewhere). */
export function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
  } catch {
    return 0;
  }
}

export function ownCpu(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** VmHWM of a running process (its peak resident set), in MB; null off Linux. */
export function processPeakRss(pid: number | undefined): number | null {
  try {
    const kb = Number(/VmHWM:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return round(kb / 1024, 1);
  } catch {
    return null;
  }
}
