/**
 * Issue 11, finding 6: a database that freezes (stopped, not dead) or comes back empty. Each test
 * runs its own emulator process so it can stop, continue, kill and restart it on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { MongoClient } from 'mongodb';
import { loadConfig } from '../../src/config/config';
import { collections } from '../../src/db/collections';
import { openDatabase, type Database } from '../../src/db/database';
import { emulatorPython, emulatorScript } from '../../src/db/embedded/emulator';
import { startStubConnector } from '../support/stub-connector';
import { freePort, startServer, type ServerProcess } from '../support/server-process';

interface Emulator {
  port: number;
  uri: string;
  child: ChildProcess;
}

async function startEmulatorOn(port: number): Promise<Emulator> {
  const child = spawn(
    emulatorPython(),
    [emulatorScript(), '--host', '127.0.0.1', '--port', String(port)],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${out}`)), 20_000);
    child.stdout?.on('data', (d) => {
      out += d;
      if (out.includes('LISTENING')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`emulator exited: ${out}`)));
  });
  return { port, uri: `mongodb://127.0.0.1:${port}/?directConnection=true`, child };
}

function stopEmulator(e: Emulator | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!e || e.child.exitCode !== null || e.child.signalCode !== null) return resolve();
    e.child.once('exit', () => resolve());
    e.child.kill('SIGCONT');
    e.child.kill('SIGKILL');
  });
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = Date.now();
  const value = await work;
  return { value, ms: Date.now() - start };
}

describe('a database that freezes', () => {
  let emulator: Emulator | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    emulator?.child.kill('SIGCONT');
    await server?.stop();
    await stopEmulator(emulator);
    server = emulator = undefined;
  });

  it('fails a turn within ~10 s with "the ledger is not reachable", /healthz answers 503 within 3 s, and both recover', async () => {
    emulator = await startEmulatorOn(await freePort());
    const teams = await startStubConnector();
    try {
      server = await startServer({
        BOT_ID: '',
        BOT_PASSWORD: '',
        MONGODB_URI: emulator.uri,
        MONGODB_DB: 'frozen',
      });
      const base = `http://127.0.0.1:${server.port}`;
      const say = (text: string) =>
        fetch(`${base}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            id: `m-${Date.now()}`,
            text,
            locale: 'en-US',
            channelId: 'msteams',
            serviceUrl: teams.url,
            from: { id: 'u1', aadObjectId: 'aad-u1' },
            recipient: { id: 'bot' },
            conversation: { id: 'conv-frozen', conversationType: 'personal' },
          }),
        });
      expect((await say('device PC-0001')).status).toBe(200);
      teams.reset();

      emulator.child.kill('SIGSTOP');
      const turn = timed(say('device PC-0001'));
      // While the turn waits on the database, the health check answers, and answers 503.
      const health = await timed(fetch(`${base}/healthz`));
      expect(health.value.status).toBe(503);
      expect(health.ms).toBeLessThan(3_000);
      const { value: answer, ms } = await turn;
      expect(answer.status).toBe(200);
      expect(ms).toBeLessThan(13_000);
      const replies = teams
        .delivered()
        .map((r) => r.body.text ?? '')
        .filter((text) => text !== ''); // typing indicators carry no text
      expect(replies).toEqual([expect.stringMatching(/The ledger is not reachable/)]);

      emulator.child.kill('SIGCONT');
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = (await fetch(`${base}/healthz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
      teams.reset();
      expect((await say('device PC-0001')).status).toBe(200);
      expect(
        teams
          .delivered()
          .map((r) => r.body.text ?? '')
          .join(' '),
      ).not.toMatch(/not reachable/);
    } finally {
      await teams.close();
    }
  });
});

describe('a database that comes back empty', () => {
  let emulator: Emulator | undefined;
  let db: Database | undefined;
  afterEach(async () => {
    await db?.close();
    await stopEmulator(emulator);
    db = emulator = undefined;
  });

  it('gets its unique indexes back before the next write: a duplicate asset number is still refused', async () => {
    const port = await freePort();
    emulator = await startEmulatorOn(port);
    const config = loadConfig({ MONGODB_URI: emulator.uri, MONGODB_DB: 'restart' });
    db = await openDatabase(config);
    const devices = collections(db.db).devices;
    await devices.insertOne({ assetNumber: 'PC-0001' } as never);

    // The server restarts with nothing: no data, no indexes.
    await stopEmulator(emulator);
    emulator = await startEmulatorOn(port);
    const probe = await new MongoClient(emulator.uri).connect();
    try {
      const deadline = Date.now() + 15_000;
      let written = false;
      while (!written && Date.now() < deadline) {
        written = await devices.insertOne({ assetNumber: 'PC-0002' } as never).then(
          () => true,
          () => false, // the driver may still be reconnecting
        );
        if (!written) await new Promise((r) => setTimeout(r, 250));
      }
      expect(written).toBe(true);
      const names = (await probe.db('restart').collection('devices').listIndexes().toArray()).map(
        (i) => i.name as string,
      );
      expect(names).toContain('assetNumber_unique');
      await expect(devices.insertOne({ assetNumber: 'PC-0002' } as never)).rejects.toMatchObject({
        code: 11000,
      });
      expect(await probe.db('restart').collection('devices').countDocuments()).toBe(1);
    } finally {
      await probe.close();
    }
  });

  it('does not call itself healthy without its indexes: /healthz re-establishes them first', async () => {
    const port = await freePort();
    emulator = await startEmulatorOn(port);
    const server = await startServer({
      BOT_ID: '',
      BOT_PASSWORD: '',
      MONGODB_URI: emulator.uri,
      MONGODB_DB: 'health',
    });
    try {
      await stopEmulator(emulator);
      emulator = await startEmulatorOn(port);
      const deadline = Date.now() + 15_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = (await fetch(`http://127.0.0.1:${server.port}/healthz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(status).toBe(200);
      const probe = await new MongoClient(emulator.uri).connect();
      try {
        const names = (await probe.db('health').collection('devices').listIndexes().toArray()).map(
          (i) => i.name as string,
        );
        expect(names).toContain('assetNumber_unique');
      } finally {
        await probe.close();
      }
    } finally {
      await server.stop();
    }
  });
});
