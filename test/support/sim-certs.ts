import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

/** dataDir for startSimulators in tests: the certificate is made once, in global-setup. */
export const SIM_TEST_DATA_DIR =
  process.env.TEST_SIM_DATA_DIR ?? path.join(os.tmpdir(), 'daicho-test-sim');

/**
 * Checks that this process trusts the simulators' certificate the way production trusts a
 * private CA: through NODE_EXTRA_CA_CERTS, read when the process starts. `npm test`
 * (scripts/jest-with-sim-cert.js) sets it before jest starts; a bare `npx jest` on one file
 * runs in a process that started without it, and gets this explanation instead of a TLS error.
 */
export async function ensureSimCertificateTrusted(port: number): Promise<'trusted'> {
  const problem = await handshake(port);
  if (!problem) return 'trusted';
  throw new Error(
    `TLS handshake with the simulator failed (${problem}): run the tests with npm test, which sets NODE_EXTRA_CA_CERTS before jest starts`,
  );
}

function handshake(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(undefined);
    });
    socket.on('error', (e) => resolve(e.message));
  });
}
