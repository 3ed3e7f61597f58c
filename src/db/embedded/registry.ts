import {
  existsSync,
  mkdirSync,
  readdirSync,
  openSync,
  closeSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { processAlive } from '../../process-alive';

/**
 * The record of the embedded database server that is running for a data folder. The bot and the
 * CLI read it so that both use the same server; whoever finds none starts one.
 */
export interface EmbeddedServerRecord {
  kind: 'mongod' | 'emulator';
  port: number;
  pid: number;
  startedAt: string;
  dataPath: string | null;
}

export const recordPath = (dataDir: string) => path.join(dataDir, 'embedded-db.json');

export function readRecord(dataDir: string): EmbeddedServerRecord | null {
  try {
    return JSON.parse(readFileSync(recordPath(dataDir), 'utf8')) as EmbeddedServerRecord;
  } catch {
    return null;
  }
}

export function writeRecord(dataDir: string, record: EmbeddedServerRecord): void {
  mkdirSync(dataDir, { recursive: true });
  // A new server: the notices shown for an earlier one are due again.
  for (const name of readdirSync(dataDir))
    if (name.startsWith(NOTICE_PREFIX)) rmSync(path.join(dataDir, name), { force: true });
  const tmp = `${recordPath(dataDir)}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(record, null, 2));
  renameSync(tmp, recordPath(dataDir));
}

const NOTICE_PREFIX = 'embedded-db.notice-';

/**
 * True exactly once per start of the server in `record` (its pid and start time), across every
 * process that asks: the first to create the marker file wins. For a notice that a user needs to
 * read once, not on every command (the emulator's "memory only" warning).
 */
export function firstNoticeOfStart(
  dataDir: string,
  record: EmbeddedServerRecord,
  notice: string,
): boolean {
  const marker = path.join(
    dataDir,
    `${NOTICE_PREFIX}${notice}-${record.pid}-${Date.parse(record.startedAt) || 0}`,
  );
  try {
    closeSync(openSync(marker, 'wx'));
    return true;
  } catch (e) {
    // Already shown; or the folder cannot be written, where repeating beats never showing.
    return (e as NodeJS.ErrnoException).code !== 'EEXIST';
  }
}

export function removeRecord(dataDir: string): void {
  rmSync(recordPath(dataDir), { force: true });
}

export function portOpen(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Whether this process could listen on 127.0.0.1:`port`: null when it can, else the reason
 * (EADDRINUSE: another program has it).
 */
export function portUsable(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(null)));
  });
}

export async function liveRecord(dataDir: string): Promise<EmbeddedServerRecord | null> {
  const record = readRecord(dataDir);
  if (!record || !processAlive(record.pid)) return null;
  return (await portOpen(record.port)) ? record : null;
}

/**
 * A start lock, so that a bot and a CLI starting together do not both start a server. A lock
 * left by a process that died (or older than `staleMs`) is taken over.
 */
export async function withStartLock<T>(
  dataDir: string,
  fn: () => Promise<T>,
  staleMs = 90_000,
): Promise<T> {
  mkdirSync(dataDir, { recursive: true });
  const lock = path.join(dataDir, 'embedded-db.lock');
  const deadline = Date.now() + staleMs + 5_000;
  for (;;) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (lockIsStale(lock, staleMs) || Date.now() > deadline) rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

function lockIsStale(lock: string, staleMs: number): boolean {
  try {
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder && !processAlive(holder)) return true;
    return Date.now() - statSync(lock).mtimeMs > staleMs;
  } catch {
    return !existsSync(lock);
  }
}
