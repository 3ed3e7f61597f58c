import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './cli';
import { testUri } from './test-db';

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stdout(): string;
  stop(): Promise<void>;
}

/**
 * The built server (`dist/index.js`) as its own process, on the test database server unless the
 * environment says otherwise; resolves once /healthz answers on 127.0.0.1.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn('node', [path.join(ROOT, 'dist', 'index.js')], {
    env: {
      ...process.env,
      MONGODB_URI: testUri(),
      MONGODB_DB: `daicho_server_${port}`,
      PORT: String(port),
      SYNC_SCHEDULE: 'off',
      ...env,
    },
  });
  let out = '';
  let stdout = '';
  child.stdout?.on('data', (d) => ((out += d), (stdout += d)));
  child.stderr?.on('data', (d) => (out += d));
  const server: ServerProcess = {
    child,
    port,
    output: () => out,
    stdout: () => stdout,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${out}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status > 0,
      () => false,
    );
    if (up) return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`no /healthz: ${out}`);
}

/**
 * Runs the server expecting it to refuse to start: its exit code and what it printed. It gets a
 * free port unless `env` names one: a taken port (a developer's npm start on 3978) is refused
 * before anything else, and would hide the refusal a test is after.
 */
export async function serverExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const port = String(await freePort());
  return new Promise((resolve) => {
    const child = spawn('node', [path.join(ROOT, 'dist', 'index.js')], {
      env: { ...process.env, MONGODB_URI: testUri(), SYNC_SCHEDULE: 'off', PORT: port, ...env },
    });
    let out = '';
    child.stdout?.on('data', (d) => (out += d));
    child.stderr?.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output: out });
    });
  });
}

/** The addresses a TCP port is listening on, as `ss -ltn` shows them (from /proc/net/tcp*). */
export function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const [file, v6] of [
    ['/proc/net/tcp', false],
    ['/proc/net/tcp6', true],
  ] as const) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue; // 0A: LISTEN
      const [hex, portHex] = cols[1].split(':');
      if (parseInt(portHex, 16) !== port) continue;
      found.push(v6 ? ipv6(hex) : ipv4(hex));
    }
  }
  return found;
}

function ipv4(hex: string): string {
  return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
}

function ipv6(hex: string): string {
  if (/^0+$/.test(hex)) return '::';
  if (hex === '00000000000000000000000001000000') return '::1';
  return hex;
}
