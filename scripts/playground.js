#!/usr/bin/env node
/**
 * `npm run playground`: the bot on its embedded defaults, a simulator tenant (Graph + Jamf with the
 * demo fixture) and the Microsoft 365 Agents Playground in front of it. Open the Playground's
 * address in a browser (or set TEAMSAPPTESTER_BROWSER=none to drive it over HTTP). Ctrl-C stops
 * all three. Needs `npm run build` (the npm script runs it).
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { startSimulators } = require('../dist/sim/sim-server');
const { demoFixturePath, loadFixture } = require('../dist/sim/fixtures');
const { loadConfig } = require('../dist/config/config');

async function main() {
  const config = loadConfig();
  const fixture = loadFixture(demoFixturePath());
  const sims = await startSimulators({
    dataDir: config.dataDir,
    graph: { devices: fixture.intune.devices },
    jamf: { computers: fixture.jamf.computers, mobileDevices: fixture.jamf.mobileDevices },
  });
  const children = [];
  const stop = async () => {
    for (const c of children) c.kill('SIGTERM');
    await sims.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // The simulators' certificate is trusted by the bot through NODE_EXTRA_CA_CERTS, as in tests.
  const bot = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'index.js')], {
    stdio: 'inherit',
    env: { ...process.env, ...sims.env, PORT: String(config.port) },
  });
  children.push(bot);
  const playground = spawn(
    path.join(__dirname, '..', 'node_modules', '.bin', 'agentsplayground'),
    ['-e', `http://127.0.0.1:${config.port}/api/messages`, '-c', 'msteams', '--disable-telemetry'],
    { stdio: 'inherit', env: process.env },
  );
  children.push(playground);
  process.stdout.write(
    `Simulators: Graph ${sims.graph.url}, Jamf ${sims.jamf.url}. Try: link, sync, devices, ヘルプ.\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});
