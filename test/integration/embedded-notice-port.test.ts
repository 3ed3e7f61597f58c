import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readRecord } from '../../src/db/embedded/registry';
import { runCli } from '../support/cli';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const WARNING = /^Warning: .*emulator.*memory only/;

describe('the embedded database: the memory-only warning once per start, DAICHO_EMBEDDED_PORT', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daicho-embedded-port-'));
  const base = {
    DAICHO_DATA_DIR: dataDir,
    DAICHO_EMBEDDED_DB: 'emulator',
    DAICHO_LOCALE: 'en',
    MONGODB_DB: 'daicho',
    MONGODB_URI: undefined,
  };

  afterAll(async () => {
    await runCli(['db', 'stop'], base);
  });

  it('starts on the pinned port and warns on the first command of each start only', async () => {
    const port = await freePort();
    const env = { ...base, DAICHO_EMBEDDED_PORT: String(port) };

    const added = await runCli(['devices', 'add', '--asset-number', 'PC-1'], env);
    expect(added.code).toBe(0);
    expect(added.stderr.trim().split('\n')).toEqual([expect.stringMatching(WARNING)]);
    expect(readRecord(dataDir)).toMatchObject({ kind: 'emulator', port });

    const status = await runCli(['db', 'status', '--json'], env);
    expect(status.stderr).toBe('');
    expect(JSON.parse(status.stdout)).toMatchObject({
      uri: `mongodb://127.0.0.1:${port}/?directConnection=true`,
      devices: 1,
    });
    // Another language, same start: still not repeated.
    const shown = await runCli(['devices', 'show', 'PC-1'], { ...env, DAICHO_LOCALE: 'ja' });
    expect(shown.code).toBe(0);
    expect(shown.stderr).toBe('');

    // A new start (the emulator lost its data): the warning is due again, on the same port at once.
    expect((await runCli(['db', 'stop'], env)).code).toBe(0);
    const restarted = await runCli(['db', 'status', '--json'], env);
    expect(restarted.stderr.trim().split('\n')).toEqual([expect.stringMatching(WARNING)]);
    expect(JSON.parse(restarted.stdout)).toMatchObject({ devices: 0 });
    expect(readRecord(dataDir)).toMatchObject({ port });
    expect((await runCli(['devices', 'list'], env)).stderr).toBe('');
    await runCli(['db', 'stop'], env);
  });

  it('stops with one line naming DAICHO_EMBEDDED_PORT when the port is taken, and starts nothing', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const { port } = taken.address() as net.AddressInfo;
    try {
      const r = await runCli(['devices', 'list'], { ...base, DAICHO_EMBEDDED_PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port}`);
      expect(lines[0]).toContain('DAICHO_EMBEDDED_PORT');
      expect(readRecord(dataDir)).toBeNull();
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });

  it('refuses a DAICHO_EMBEDDED_PORT that is not a port', async () => {
    const r = await runCli(['db', 'status'], { ...base, DAICHO_EMBEDDED_PORT: '70000' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/DAICHO_EMBEDDED_PORT.*between 1 and 65535/);
  });
});
