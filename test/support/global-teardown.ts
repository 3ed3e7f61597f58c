import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const pidFile = path.join(os.tmpdir(), 'daicho-test-emulator.pid');
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
  } catch {
    // not started by us, or already gone
  }
  rmSync(pidFile, { force: true });
}
