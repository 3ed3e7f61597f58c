import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { t } from '../../src/i18n/messages';
import { ROOT } from '../support/cli';
import { freePort, serverExit } from '../support/server-process';

/** Something listening on a port, as npm start (127.0.0.1) or a Playground (every interface) does. */
async function occupy(host?: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Whether any process of a process group is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm run playground` (scripts/playground.js) in a process group of its own, so whatever it
 * started can be found afterwards. Resolves when it exits.
 */
function runPlayground(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'playground.js'), ...args], {
    env: { ...process.env, DAICHO_LOCALE: 'en', TEAMSAPPTESTER_BROWSER: 'none', ...env },
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string; pgid: number }>(
    (resolve) =>
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr, pgid: child.pid! });
      }),
  );
}

describe('a port that is already taken', () => {
  it('stops the server with one line naming the port and what to do, exit code 1', async () => {
    const taken = await occupy('127.0.0.1');
    try {
      const { code, output } = await serverExit({ PORT: String(taken.port) });
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0])).toMatchObject({
        level: 60,
        port: taken.port,
        msg: t('en', 'server.portInUse', { port: taken.port, next: taken.port + 1 }),
      });
    } finally {
      await taken.close();
    }
  });

  it("stops npm run playground before it starts anything when the bot's port is taken", async () => {
    const taken = await occupy('127.0.0.1'); // npm start, in local mode
    try {
      const started = Date.now();
      const run = await runPlayground(['--playground-port', String(await freePort())], {
        PORT: String(taken.port),
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const next = Number(/PORT=(\d+)/.exec(lines[0])?.[1]);
      expect(next).toBeGreaterThan(taken.port);
      expect(lines[0]).toBe(t('en', 'playground.botPortInUse', { port: taken.port, next }));
      expect(groupAlive(run.pgid)).toBe(false); // no bot, Playground or simulator left behind
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await taken.close();
    }
  });

  it("stops npm run playground when the Playground's port is taken", async () => {
    const taken = await occupy(); // every interface, as a running Playground listens
    try {
      const run = await runPlayground(['--playground-port', String(taken.port)], {
        PORT: String(await freePort()),
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      const next = Number(/--playground-port (\d+)/.exec(lines[0])?.[1]);
      expect(lines[0]).toBe(t('en', 'playground.playgroundPortInUse', { port: taken.port, next }));
      expect(groupAlive(run.pgid)).toBe(false);
    } finally {
      await taken.close();
    }
  });
});

describe('npm run playground when its bot stops', () => {
  it('stops everything it started, saying so in one line, exit code 1', async () => {
    // A bot that refuses to start: production settings without bot credentials.
    const run = await runPlayground(['--playground-port', String(await freePort())], {
      PORT: String(await freePort()),
      NODE_ENV: 'production',
      BOT_ID: '',
      DAICHO_DATA_DIR: process.env.TEST_SIM_DATA_DIR!,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BOT_ID and BOT_PASSWORD/); // the bot's own reason, first
    expect(run.stderr.trim().split('\n').at(-1)).toBe(t('en', 'playground.botExited', { code: 1 }));
    expect(run.stdout).not.toMatch(/Agents Playground:/);
    expect(groupAlive(run.pgid)).toBe(false);
  });
});
