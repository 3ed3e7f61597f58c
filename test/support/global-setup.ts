import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src/db/embedded/emulator';
import { ensureSimCertificate } from '../../src/sim/tls';

/**
 * Integration tests run against a real wire-protocol server: the one in DAICHO_TEST_MONGODB_URI
 * (e.g. a real mongod), else a fresh emulator started here and stopped in global-teardown.
 * Workers inherit TEST_MONGODB_URI; each test file uses its own database.
 */
export default async function globalSetup(): Promise<void> {
  // The simulators' certificate must be trusted before the workers (and the CLIs they start)
  // begin: NODE_EXTRA_CA_CERTS is read once at process start. `npm test` sets both already
  // (scripts/jest-with-sim-cert.js); this covers workers of a plain `npx jest`.
  if (!process.env.TEST_SIM_DATA_DIR) {
    const simDir = path.join(os.tmpdir(), 'daicho-test-sim');
    const cert = await ensureSimCertificate(path.join(simDir, 'sim'));
    process.env.NODE_EXTRA_CA_CERTS = cert.certPath;
    process.env.TEST_SIM_DATA_DIR = simDir;
  }

  if (process.env.DAICHO_TEST_MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.DAICHO_TEST_MONGODB_URI;
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-test-db-'));
  const record = await startEmulator(dir);
  process.env.TEST_MONGODB_URI = `mongodb://127.0.0.1:${record.port}/?directConnection=true`;
  // Teardown runs in this same process: the pid travels in the environment, so two jest runs
  // at once never stop each other's server.
  process.env.TEST_EMULATOR_PID = String(record.pid);
}
