import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src/db/embedded/emulator';

/**
 * Integration tests run against a real wire-protocol server: the one in DAICHO_TEST_MONGODB_URI
 * (e.g. a real mongod), else a fresh emulator started here and stopped in global-teardown.
 * Workers inherit TEST_MONGODB_URI; each test file uses its own database.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DAICHO_TEST_MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.DAICHO_TEST_MONGODB_URI;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-test-db-'));
  const record = await startEmulator(dir);
  process.env.TEST_MONGODB_URI = `mongodb://127.0.0.1:${record.port}/?directConnection=true`;
  writeFileSync(path.join(os.tmpdir(), 'daicho-test-emulator.pid'), String(record.pid));
}
