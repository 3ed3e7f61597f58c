import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { processAlive } from '../../process-alive';
import { portOpen, type EmbeddedServerRecord } from './registry';
import { spawnDetached, waitFor } from './spawn-detached';

const RETRY_AFTER_MS = 24 * 3600_000;

/**
 * A real mongod, the binary that mongodb-memory-server downloads (or MONGOMS_SYSTEM_BINARY).
 * Data is kept in the data folder, so restarting keeps the ledger. Returns null when no binary
 * can be had (no internet); that answer is remembered for a day so each start does not wait on it.
 */
export async function startMongod(
  dataDir: string,
  force: boolean,
  pinnedPort?: number,
): Promise<EmbeddedServerRecord | null> {
  const marker = path.join(dataDir, 'mongod-unavailable.json');
  if (!force && existsSync(marker)) {
    const { at } = JSON.parse(readFileSync(marker, 'utf8')) as { at: number };
    if (Date.now() - at < RETRY_AFTER_MS) return null;
  }
  const binary = await findMongodBinary();
  if (!binary) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(marker, JSON.stringify({ at: Date.now() }));
    return null;
  }
  const dbPath = path.join(dataDir, 'mongod');
  mkdirSync(dbPath, { recursive: true });
  const port = pinnedPort ?? (await freePort());
  const pid = spawnDetached(
    binary,
    ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'],
    dataDir,
    'mongod.log',
  );
  await waitFor(
    'mongod',
    async () => {
      if (!processAlive(pid))
        throw new Error(`mongod exited at start; see ${path.join(dataDir, 'mongod.log')}`);
      return (await portOpen(port)) ? true : null;
    },
    60_000,
  );
  return { kind: 'mongod', port, pid, startedAt: new Date().toISOString(), dataPath: dbPath };
}

async function findMongodBinary(): Promise<string | null> {
  try {
    const { MongoBinary } = await import('mongodb-memory-server-core');
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), 30_000).unref());
    return (await Promise.race([MongoBinary.getPath(), timeout])) ?? null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
