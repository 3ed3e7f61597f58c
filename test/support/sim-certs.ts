import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { ensureSimCertificate } from '../../src/sim/tls';

/** dataDir for startSimulators in tests: the certificate is made once, in global-setup. */
export const SIM_TEST_DATA_DIR =
  process.env.TEST_SIM_DATA_DIR ?? path.join(os.tmpdir(), 'daicho-test-sim');

/**
 * For test/support/global-setup.ts: makes the simulators' certificate and points
 * NODE_EXTRA_CA_CERTS at it, which the jest workers (child processes) read as they start.
 * A CA file the developer already had (a company proxy's) is kept by bundling both.
 */
export async function prepareSimCertificate(): Promise<void> {
  const { certPath, cert } = await ensureSimCertificate(path.join(SIM_TEST_DATA_DIR, 'sim'));
  const earlier = process.env.DAICHO_TEST_ORIGINAL_EXTRA_CA ?? process.env.NODE_EXTRA_CA_CERTS;
  let bundle = certPath;
  if (earlier && earlier !== certPath) {
    bundle = path.join(SIM_TEST_DATA_DIR, 'extra-ca-bundle.pem');
    writeFileSync(bundle, `${readFileSync(earlier, 'utf8').trim()}\n${cert}`);
    process.env.DAICHO_TEST_ORIGINAL_EXTRA_CA = earlier;
  }
  process.env.NODE_EXTRA_CA_CERTS = bundle;
  process.env.TEST_SIM_DATA_DIR = SIM_TEST_DATA_DIR;
}

let patched = false;

/**
 * Makes this process trust the simulators' certificate when NODE_EXTRA_CA_CERTS could not:
 * jest runs a lone test file (or --runInBand) in its own process, which started before
 * global-setup set the variable. A bare TLS handshake with a running simulator (no HTTP
 * request, so nothing in its log) tells which case this is. Only then is the certificate
 * added where every TLS client (fetch, MSAL's https) builds its context: in
 * tls.createSecureContext. In jest's workers the handshake succeeds and nothing is patched.
 */
export async function ensureSimCertificateTrusted(port: number): Promise<'trusted' | 'patched'> {
  if (patched) return 'patched';
  const problem = await handshake(port);
  if (!problem) return 'trusted';
  if (!/self[- ]signed|unable to verify/i.test(problem))
    throw new Error(`TLS handshake with the simulator failed: ${problem}`);
  const pem = readFileSync(path.join(SIM_TEST_DATA_DIR, 'sim', 'sim-cert.pem'), 'utf8');
  const original = tls.createSecureContext;
  tls.createSecureContext = (options) => {
    const context = original(options);
    // `context.context` is Node's native SecureContext; addCACert adds to its trust store.
    if (!options?.ca)
      (context as unknown as { context: { addCACert(pem: string): void } }).context.addCACert(pem);
    return context;
  };
  patched = true;
  return 'patched';
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
