import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';

/**
 * Starts a server process that outlives whoever started it (the CLI exits after each command;
 * the ledger must still be there for the next one). Its output goes to a log file in the data dir.
 */
export function spawnDetached(
  command: string,
  args: string[],
  dataDir: string,
  logName: string,
): number {
  mkdirSync(dataDir, { recursive: true });
  const log = openSync(path.join(dataDir, logName), 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', log, log] });
    if (child.pid === undefined) throw new Error(`could not start ${command}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null> | T | null,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline)
      throw new Error(`${what} did not become ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
