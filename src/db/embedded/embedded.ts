import { DaichoError } from '../../errors';
import { processAlive } from '../../process-alive';
import { startEmulator } from './emulator';
import { startMongod } from './mongod';
import {
  liveRecord,
  portUsable,
  withStartLock,
  writeRecord,
  type EmbeddedServerRecord,
} from './registry';

export type EmbeddedChoice = 'auto' | 'mongod' | 'emulator';

/**
 * Finds the embedded server already running for this data folder, or starts one: a real mongod
 * where one can be had, else the emulator. The server keeps running after this process exits,
 * so the next CLI command (or the bot) finds the same ledger; `daicho db stop` stops it.
 * `port` (DAICHO_EMBEDDED_PORT) pins the port of a server started here; a running one is used
 * on the port it has, so pinning never stops a server (the emulator would lose its data).
 */
export async function ensureEmbeddedServer(
  dataDir: string,
  choice: EmbeddedChoice,
  port?: number,
): Promise<{ record: EmbeddedServerRecord; started: boolean }> {
  const running = await liveRecord(dataDir);
  if (running && (choice === 'auto' || running.kind === choice))
    return { record: running, started: false };

  return withStartLock(dataDir, async () => {
    // Someone may have started it while we waited for the lock.
    const again = await liveRecord(dataDir);
    if (again && (choice === 'auto' || again.kind === choice))
      return { record: again, started: false };
    if (again) await stopServer(again);

    if (port !== undefined) await pinnedPortFree(port);
    let record: EmbeddedServerRecord | null = null;
    if (choice !== 'emulator') record = await startMongod(dataDir, choice === 'mongod', port);
    if (!record && choice === 'mongod') {
      throw new Error(
        'DAICHO_EMBEDDED_DB=mongod, but no mongod binary could be obtained (no internet?)',
      );
    }
    record ??= await startEmulator(dataDir, port);
    writeRecord(dataDir, record);
    return { record, started: true };
  });
}

/**
 * Refuses a pinned port that another program holds, in one sentence naming the variable. A
 * server stopped a moment ago (`daicho db stop`, then a command) may still hold it: wait a little.
 */
async function pinnedPortFree(port: number): Promise<void> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    const refused = await portUsable(port);
    if (!refused) return;
    if (refused !== 'EADDRINUSE' || Date.now() > deadline)
      throw new DaichoError('DB_UNAVAILABLE', 'db.embeddedPortTaken', { port, reason: refused });
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Stops the server and waits until its process is gone (at most ~6 s, the last one after a
 * SIGKILL): `daicho db stop` says "stopped" only when it is, so a start right after it (on a
 * pinned port) does not find the old server still holding the port or its files.
 */
export async function stopServer(record: EmbeddedServerRecord): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(record.pid, name);
    } catch {
      // already gone
    }
  };
  const gone = async (ms: number) => {
    for (const until = Date.now() + ms; Date.now() < until;) {
      if (!processAlive(record.pid)) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return !processAlive(record.pid);
  };
  signal('SIGTERM');
  if (await gone(5_000)) return;
  signal('SIGKILL');
  await gone(1_000);
}
