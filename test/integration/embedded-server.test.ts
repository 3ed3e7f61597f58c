import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readRecord } from '../../src/db/embedded/registry';
import { processAlive } from '../../src/process-alive';
import { ROOT, runCli } from '../support/cli';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealth(
  port: number,
  child: ChildProcess,
  output: () => string,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) return (await res.json()) as Record<string, unknown>;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no /healthz on ${port}: ${output()}`);
}

/** `npm start`'s program, on the embedded default: no MONGODB_URI. */
function startServer(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('MONGODB_URI' in env)) delete childEnv.MONGODB_URI;
  const child = spawn('node', [path.join(ROOT, 'dist', 'index.js')], { env: childEnv });
  let text = '';
  child.stdout?.on('data', (d) => (text += d));
  child.stderr?.on('data', (d) => (text += d));
  return { child, output: () => text };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

describe('the embedded default, shared by the server and the CLI', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daicho-embedded-'));
  const base = {
    DAICHO_DATA_DIR: dataDir,
    DAICHO_EMBEDDED_DB: 'emulator',
    DAICHO_LOCALE: 'en',
    MONGODB_DB: 'daicho',
  };

  afterAll(async () => {
    await runCli(['db', 'stop'], { ...base, MONGODB_URI: undefined });
  });

  it('serves /healthz naming the database, and the CLI uses the same server; a restart keeps the ledger', async () => {
    const port = await freePort();
    const first = startServer({ ...base, PORT: String(port) });
    try {
      const health = await waitForHealth(port, first.child, first.output);
      expect(health).toMatchObject({
        status: 'ok',
        database: { kind: 'emulator', name: 'daicho', persistent: false },
      });
      expect(first.output()).toMatch(/database: emulator mongodb:\/\/127\.0\.0\.1:\d+/);
      expect(first.output()).toMatch(/in memory only/);

      const added = await runCli(['devices', 'add', '--asset-number', 'PC-1', '--user', '山田'], {
        ...base,
        MONGODB_URI: undefined,
      });
      expect(added.code).toBe(0);
      expect(added.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^Warning: .*emulator.*memory only/),
      ]);
      const status = JSON.parse(
        (await runCli(['db', 'status', '--json'], { ...base, MONGODB_URI: undefined })).stdout,
      );
      expect(status).toMatchObject({
        kind: 'emulator',
        uri: (health.database as { uri: string }).uri,
        devices: 1,
      });
    } finally {
      await stop(first.child);
    }

    const second = startServer({ ...base, PORT: String(port) });
    try {
      await waitForHealth(port, second.child, second.output);
      const shown = await runCli(['devices', 'show', 'PC-1', '--json'], {
        ...base,
        MONGODB_URI: undefined,
      });
      expect(JSON.parse(shown.stdout)).toMatchObject({ assetNumber: 'PC-1', user: '山田' });
    } finally {
      await stop(second.child);
    }

    const record = readRecord(dataDir);
    expect(record && processAlive(record.pid)).toBe(true);
    const stopped = await runCli(['db', 'stop'], { ...base, MONGODB_URI: undefined });
    expect(stopped.stdout).toMatch(/Stopped the embedded database \(emulator/);
    await new Promise((r) => setTimeout(r, 500));
    expect(processAlive(record!.pid)).toBe(false);
  });

  it('stops at start with the variable to fix and where, when the configuration is bad', async () => {
    const server = startServer({ ...base, PORT: 'abc', MONGODB_URI: 'localhost' });
    const code = await new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    expect(code).toBe(1);
    expect(server.output()).toMatch(/PORT .*"abc".*the process environment/);
    expect(server.output()).toMatch(/MONGODB_URI must start with mongodb:\/\//);
  });
});
