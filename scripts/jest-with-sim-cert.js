#!/usr/bin/env node
/**
 * Starts jest with the simulators' certificate trusted. NODE_EXTRA_CA_CERTS is read once when a
 * Node process starts, and jest runs a single test file in its own process, so the certificate
 * must exist (and the variable be set) before jest starts. Needs `npm run build` (pretest).
 */
const { spawn } = require('node:child_process');
const os = require('node:os');
const path = require('node:path');
const { ensureSimCertificate } = require('../dist/sim/tls');

const dataDir = path.join(os.tmpdir(), 'daicho-test-sim');
ensureSimCertificate(path.join(dataDir, 'sim')).then((cert) => {
  const jest = spawn(
    process.execPath,
    [require.resolve('jest/bin/jest'), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_EXTRA_CA_CERTS: cert.certPath, TEST_SIM_DATA_DIR: dataDir },
    },
  );
  jest.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
});
