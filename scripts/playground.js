#!/usr/bin/env node
/**
 * `npm run playground`: the bot on its embedded defaults, a simulator tenant (Graph + Jamf with the
 * demo fixture) and the Microsoft 365 Agents Playground in front of it. Prints the Playground's
 * address once both are up; open it in a browser (or set TEAMSAPPTESTER_BROWSER=none and drive it
 * over HTTP). Ctrl-C stops all three. Needs `npm run build` (the npm script runs it).
 *
 * The bot answers in Japanese unless DAICHO_BOT_LOCALE is set (in the environment or the env
 * files): the Playground always sends en-US, so `auto` would always be English.
 *
 * Both ports are checked before anything starts: a port that is taken (npm start already running,
 * another npm run playground) stops it with one line saying what to do, exit code 1, and nothing
 * left running. If the bot stops, everything stops. `--playground-port N` moves the Playground
 * (default 56150); PORT moves the bot, as it does for npm start.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { startSimulators } = require('../dist/sim/sim-server');
const { demoFixturePath, loadFixture } = require('../dist/sim/fixtures');
const { loadConfig, configuredValue, ConfigError } = require('../dist/config/config');
const { portState } = require('../dist/port-probe');
const { t } = require('../dist/i18n/messages');

const ROOT = path.join(__dirname, '..');
const PLAYGROUND_PORT = 56150;

/** Thrown to stop with one line on stderr and exit code 1. */
class Stop extends Error {}

function playgroundPort(argv) {
  const i = argv.indexOf('--playground-port');
  if (i < 0) return PLAYGROUND_PORT;
  const port = Number(argv[i + 1]);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Stop(`--playground-port must be a port number (1-65535), got "${argv[i + 1] ?? ''}"`);
  return port;
}

/** The next port above `port` that is free, to suggest. */
async function nextFreePort(port) {
  for (let p = port + 1; p < Math.min(port + 50, 65536); p++)
    if ((await portState(p)) === 'free') return p;
  return port + 1;
}

async function checkPort(port, inUseKey, locale) {
  const state = await portState(port);
  if (state === 'in-use')
    throw new Stop(t(locale, inUseKey, { port, next: await nextFreePort(port) }));
  if (state === 'denied') throw new Stop(t(locale, 'playground.portDenied', { port }));
}

/** SIGTERM, and SIGKILL if it is still there after 10 s; resolves once it has exited. */
function stopChild(child) {
  const gone = child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
  if (gone) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

/** Resolves once the bot answers /healthz; rejects if it exits first. */
function botReady(bot, port) {
  return new Promise((resolve, reject) => {
    const exited = (code) => reject(new Error(`exit ${code}`));
    bot.once('exit', exited);
    const poll = () =>
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => (bot.off('exit', exited), resolve()),
        () => bot.exitCode === null && setTimeout(poll, 300),
      );
    poll();
  });
}

/** Resolves with the port the Playground listens on; its other output is passed through. */
function playgroundListening(child) {
  return new Promise((resolve, reject) => {
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const m = /^Listening on (\d+)$/.exec(line.trim());
        if (m) resolve(Number(m[1]));
        else if (line.trim() && !/being launched/.test(line)) process.stdout.write(`${line}\n`);
      }
    });
    child.once('error', reject); // not started at all (e.code: ENOENT…)
    child.once('exit', (code, signal) =>
      reject(Object.assign(new Error('exited'), { code: code ?? signal })),
    );
  });
}

async function main() {
  const pgPort = playgroundPort(process.argv.slice(2));
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) throw new Stop(e.message);
    throw e;
  }
  const locale = config.cliLocale;
  // Nothing is started before both ports are known to be free.
  await checkPort(config.port, 'playground.botPortInUse', locale);
  await checkPort(pgPort, 'playground.playgroundPortInUse', locale);
  const botLocale = configuredValue('DAICHO_BOT_LOCALE') ?? 'ja';

  const fixture = loadFixture(demoFixturePath());
  const sims = await startSimulators({
    dataDir: config.dataDir,
    graph: { devices: fixture.intune.devices },
    jamf: { computers: fixture.jamf.computers, mobileDevices: fixture.jamf.mobileDevices },
  });
  const children = [];
  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    // Each child is waited for (the bot closes its database), so none outlives this process.
    await Promise.all([...children.map(stopChild), sims.close()]);
    process.exit(code);
  };
  // If this process dies some other way, its children go with it.
  process.once('exit', () => children.forEach((c) => c.exitCode === null && c.kill('SIGTERM')));
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  // The simulators' certificate is trusted by the bot through NODE_EXTRA_CA_CERTS, as in tests.
  const bot = spawn(process.execPath, [path.join(ROOT, 'dist', 'index.js'), '--under-playground'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      ...sims.env,
      PORT: String(config.port),
      DAICHO_BOT_LOCALE: botLocale,
    },
  });
  children.push(bot);
  bot.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${t(locale, 'playground.botExited', { code: code ?? signal })}\n`);
    void stop(1);
  });
  await botReady(bot, config.port).catch(() => new Promise(() => undefined)); // exit handler stops

  const playground = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'agentsplayground'),
    [
      '-e',
      `http://127.0.0.1:${config.port}/api/messages`,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      String(pgPort),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  children.push(playground);
  let listening;
  try {
    listening = await playgroundListening(playground);
  } catch (e) {
    process.stderr.write(`${t(locale, 'playground.playgroundExited', { code: e.code })}\n`);
    return stop(1);
  }
  playground.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${t(locale, 'playground.playgroundExited', { code: code ?? signal })}\n`);
    void stop(1);
  });
  process.stdout.write(
    `Simulators: Graph ${sims.graph.url}, Jamf ${sims.jamf.url} (demo tenant). Try: link, sync, devices.\n`,
  );
  process.stdout.write(
    `${t(locale, 'playground.ready', {
      url: `http://localhost:${listening}`,
      first: botLocale === 'ja' ? 'ヘルプ' : 'help',
    })}\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Stop ? e.message : (e.stack ?? e.message)}\n`);
  process.exit(1);
});
