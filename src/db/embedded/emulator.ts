import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../paths';
import { processAlive } from '../../process-alive';
import { portOpen, type EmbeddedServerRecord } from './registry';
import { spawnDetached, waitFor } from './spawn-detached';

/**
 * The MongoDB wire-protocol emulator: MongoDB's own mockupdb test server in front of mongomock,
 * both from Debian (python3-mockupdb, python3-mongomock). Memory only.
 */
export function emulatorScript(): string {
  return path.join(projectRoot(), 'src', 'db', 'embedded', 'wire_emulator.py');
}

/** Debian's python has the apt modules; a pyenv python earlier on PATH does not. */
export function emulatorPython(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['-c', 'import mockupdb, mongomock'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error(
    'the MongoDB emulator needs python3-mockupdb and python3-mongomock (apt-get install -y python3-mockupdb python3-mongomock), or set MONGODB_URI',
  );
}

/** Starts the emulator on `port`, or on any free port. */
export async function startEmulator(dataDir: string, port = 0): Promise<EmbeddedServerRecord> {
  const python = emulatorPython();
  const portFile = path.join(dataDir, 'emulator.port');
  rmSync(portFile, { force: true });
  const pid = spawnDetached(
    python,
    [emulatorScript(), '--host', '127.0.0.1', '--port', String(port), '--port-file', portFile],
    dataDir,
    'emulator.log',
  );
  const listening = await waitFor(
    'the MongoDB emulator',
    async () => {
      if (!processAlive(pid)) {
        throw new Error(
          `the MongoDB emulator exited at start; see ${path.join(dataDir, 'emulator.log')}`,
        );
      }
      if (!existsSync(portFile)) return null;
      const p = Number(readFileSync(portFile, 'utf8'));
      return p > 0 && (await portOpen(p)) ? p : null;
    },
    20_000,
  );
  return {
    kind: 'emulator',
    port: listening,
    pid,
    startedAt: new Date().toISOString(),
    dataPath: null,
  };
}
