#!/usr/bin/env node
/**
 * Daicho's benchmarks: `npm run bench -- [options]` (builds first). Prints one JSON object with
 * every measurement and each target's verdict; never asserts, never fails on a missed target.
 *
 *   --sizes 1000,10000,100000   reader + reconcile core (Graph simulator over https)
 *   --db-sizes 1000,5000        full sync runs against the embedded emulator
 *   --mongodb-uri URI           also the full sync runs against that server, at --uri-sizes
 *   --uri-sizes 1000,10000,100000
 *   --only reader|full|bot|notify|commands   (comma-separated; default all)
 *   --bot-devices 1000 --bot-connections 50 --bot-seconds 15
 *   --alerts 50 --conversations 20   (each alert goes to every alert channel: 1,000 cards)
 *   --command-sizes 1000,10000,100000   typed-command parsing (part commands), characters
 *   --command-runs 9 --command-before-budget-ms 10000   (the old patterns: skipped past it)
 *   --out FILE                  also write the JSON there
 *
 * Progress goes to stderr; stdout carries only the JSON. See docs/BENCHMARKS.md.
 */
const { execFileSync } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { dist, machine, ROOT, round, runChild } = require('./lib');

const PARTS = ['reader', 'full', 'bot', 'notify', 'commands'];
const SEED = 7;

function parseArgs(argv) {
  const o = {
    sizes: [1000, 10000, 100000],
    dbSizes: [1000, 5000],
    uriSizes: [1000, 10000, 100000],
    mongodbUri: null,
    only: PARTS,
    out: null,
    botDevices: 1000,
    botConnections: 50,
    botSeconds: 15,
    alerts: 50,
    conversations: 20,
    commandSizes: [1000, 10000, 100000],
    commandRuns: 9,
    commandBeforeBudgetMs: 10000,
  };
  const list = (v) =>
    v
      .split(',')
      .map((x) => Number(x.trim()))
      .filter((x) => Number.isInteger(x) && x > 0);
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--sizes':
        o.sizes = list(value());
        break;
      case '--db-sizes':
        o.dbSizes = list(value());
        break;
      case '--uri-sizes':
        o.uriSizes = list(value());
        break;
      case '--mongodb-uri':
        o.mongodbUri = value();
        break;
      case '--only':
        o.only = value()
          .split(',')
          .map((s) => s.trim());
        break;
      case '--out':
        o.out = value();
        break;
      case '--bot-devices':
        o.botDevices = Number(value());
        break;
      case '--bot-connections':
        o.botConnections = Number(value());
        break;
      case '--bot-seconds':
        o.botSeconds = Number(value());
        break;
      case '--alerts':
        o.alerts = Number(value());
        break;
      case '--conversations':
        o.conversations = Number(value());
        break;
      case '--command-sizes':
        o.commandSizes = list(value());
        break;
      case '--command-runs':
        o.commandRuns = Number(value());
        break;
      case '--command-before-budget-ms':
        o.commandBeforeBudgetMs = Number(value());
        break;
      case '--help':
      case '-h':
        process.stdout.write(require('node:fs').readFileSync(__filename, 'utf8').split('*/')[0]);
        process.exit(0);
        break;
      default:
        throw usage(`unknown option ${argv[i]} (see --help)`);
    }
  }
  for (const p of o.only)
    if (!PARTS.includes(p)) throw usage(`--only: unknown part ${p} (${PARTS.join(', ')})`);
  return o;
}

function usage(message) {
  return Object.assign(new Error(message), { usage: true });
}

const say = (text) => process.stderr.write(`bench: ${text}\n`);

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-'));
  const simDir = path.join(work, 'sim');
  let emulator = null;
  const stopEmulator = () => {
    if (!emulator) return;
    try {
      process.kill(emulator.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    emulator = null;
  };
  process.once('SIGINT', () => {
    stopEmulator();
    process.exit(130);
  });
  const emulatorUri = async () => {
    if (!emulator) {
      const { startEmulator } = dist('db/embedded/emulator');
      emulator = await startEmulator(path.join(work, 'db'));
      say(`emulator started (pid ${emulator.pid}, port ${emulator.port})`);
    }
    return `mongodb://127.0.0.1:${emulator.port}/?directConnection=true`;
  };

  const startedAt = new Date();
  const report = {
    benchmark: 'daicho',
    date: startedAt.toISOString(),
    machine: machine(),
    code: codeVersion(),
    options: { ...o, mongodbUri: o.mongodbUri ? maskUri(o.mongodbUri) : null },
    // Other work on the machine skews every figure: the load average says how busy it was.
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
  try {
    // A part that fails is reported as such; the others still run.
    const part = async (name, run) => {
      if (!o.only.includes(name)) return;
      try {
        report[name] = await run();
      } catch (e) {
        say(`${name} failed: ${e && e.stack ? e.stack : e}`);
        report[name] = { error: String(e && e.message ? e.message : e) };
      }
    };
    await part('reader', () => readerPart(o.sizes, simDir));
    await part('full', async () => {
      const full = [];
      if (o.dbSizes.length > 0)
        full.push(
          await fullPart('emulator', await emulatorUri(), o.dbSizes, simDir, 'daicho_bench_full'),
        );
      if (o.mongodbUri)
        full.push(
          await fullPart('mongodb-uri', o.mongodbUri, o.uriSizes, simDir, 'daicho_bench_full'),
        );
      return full;
    });
    await part('bot', async () => {
      say(`bot: ${o.botDevices} devices, ${o.botConnections} conversations, ${o.botSeconds} s`);
      return runChild('bot-load.js', [
        '--uri',
        o.mongodbUri ?? (await emulatorUri()),
        '--database',
        o.mongodbUri ? 'mongodb-uri' : 'emulator',
        '--devices',
        String(o.botDevices),
        '--connections',
        String(o.botConnections),
        '--seconds',
        String(o.botSeconds),
        '--work',
        work,
        '--emulator-pid',
        String(o.mongodbUri || !emulator ? 0 : emulator.pid),
      ]);
    });
    await part('notify', async () => {
      say(`notify: ${o.alerts} alerts to ${o.conversations} conversations`);
      return runChild('notify.js', [
        '--uri',
        o.mongodbUri ?? (await emulatorUri()),
        '--database',
        o.mongodbUri ? 'mongodb-uri' : 'emulator',
        '--alerts',
        String(o.alerts),
        '--conversations',
        String(o.conversations),
      ]);
    });
    await part('commands', async () => {
      say(`commands: parsing ${o.commandSizes.join(', ')}-character messages`);
      return runChild('commands.js', [
        '--sizes',
        o.commandSizes.join(','),
        '--runs',
        String(o.commandRuns),
        '--before-budget-ms',
        String(o.commandBeforeBudgetMs),
      ]);
    });
  } finally {
    stopEmulator();
    rmSync(work, { recursive: true, force: true });
  }
  report.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  report.totalSeconds = round((Date.now() - startedAt.getTime()) / 1000);
  report.targets = targetList(report);
  const json = JSON.stringify(report, null, 2);
  process.stdout.write(`${json}\n`);
  if (o.out) writeFileSync(o.out, `${json}\n`);
}

/** Part 1: Graph simulator in this process, reader + reconcile in a child per size. */
async function readerPart(sizes, simDir) {
  const { startSimulators } = dist('sim/sim-server');
  const { generateIntuneDevices } = dist('sim/fixtures-intune');
  const runs = [];
  for (const n of sizes) {
    say(`reader: ${n} devices`);
    let t = performance.now();
    const devices = generateIntuneDevices(n, SEED);
    const generateMs = performance.now() - t;
    const sims = await startSimulators({
      dataDir: simDir,
      graph: { devices, maxPageSize: 1000 },
      jamf: false,
    });
    try {
      t = performance.now();
      const r = await runChild('reader.js', ['--size', String(n)], sims.env);
      const childMs = performance.now() - t;
      if (r.error) {
        runs.push({ size: n, error: r.error });
        continue;
      }
      const log = sims.graph.state.log;
      const byRoute = {};
      for (const e of log) byRoute[e.route] = (byRoute[e.route] ?? 0) + 1;
      const pages = byRoute.managedDevices ?? 0;
      const signIn = (byRoute.token ?? 0) + (byRoute.discovery ?? 0);
      const expectedPages = Math.ceil(n / 1000);
      r.graphRequests = {
        total: log.length,
        byRoute,
        expectedPages,
        expectedTotal: expectedPages + signIn,
        failed: log.filter((e) => e.status < 200 || e.status >= 300).length,
        maxInFlight: sims.graph.state.maxInFlight,
      };
      r.simulator = { generateMs: round(generateMs), childProcessMs: round(childMs) };
      runs.push(r);
    } finally {
      await sims.close();
    }
  }
  return { seed: SEED, runs, comparisons: compareSizes(runs), targets: readerTargets(runs) };
}

/** time(b)/time(a) against b/a for each pair of consecutive sizes measured in this run. */
function compareSizes(runs) {
  const ok = runs.filter((r) => !r.error).sort((a, b) => a.size - b.size);
  const out = [];
  for (let i = 1; i < ok.length; i++) {
    const [a, b] = [ok[i - 1], ok[i]];
    out.push({
      from: a.size,
      to: b.size,
      sizeRatio: round(b.size / a.size, 2),
      readRatio: round(b.readMs / a.readMs, 2),
      reconcileRatio: round(b.reconcileMs / a.reconcileMs, 2),
      reconcileMedianRatio: round(b.reconcileMedianMs / a.reconcileMedianMs, 2),
      reconcileBestRatio: round(b.reconcileBestMs / a.reconcileBestMs, 2),
      peakRssRatio: round(b.rss.maxAfterReconcileMb / a.rss.maxAfterReconcileMb, 2),
    });
  }
  return out;
}

function readerTargets(runs) {
  const targets = [];
  for (const r of runs) {
    if (r.error) continue;
    const g = r.graphRequests;
    targets.push({
      size: r.size,
      graphRequests: {
        target: `= pages (${g.expectedPages}) + sign-in calls (token + discovery)`,
        value: g.total,
        expected: g.expectedTotal,
        met: g.total === g.expectedTotal && g.byRoute.managedDevices === g.expectedPages,
      },
    });
    if (r.size === 100000) {
      targets.push({
        size: r.size,
        reconcile: { target: '< 1000 ms', value: r.reconcileMs, met: r.reconcileMs < 1000 },
        peakRss: {
          target: '< 400 MB',
          value: r.rss.maxAfterReconcileMb,
          met: r.rss.maxAfterReconcileMb < 400,
        },
      });
    }
  }
  const c = compareSizes(runs).find((x) => x.from === 10000 && x.to === 100000);
  if (c)
    targets.push({
      linear10kTo100k: {
        target: 'time(100k)/time(10k) <= 10',
        read: { value: c.readRatio, met: c.readRatio <= 10 },
        reconcile: { value: c.reconcileRatio, met: c.reconcileRatio <= 10 },
      },
    });
  return targets;
}

/** Part 2: a child per size, each with its own simulator, database and command monitor. */
async function fullPart(database, uri, sizes, simDir, dbName) {
  const runs = [];
  for (const n of sizes) {
    say(`full run on ${database}: ${n} devices`);
    const { env } = await simEnv(simDir);
    runs.push(
      await runChild(
        'full-run.js',
        ['--uri', uri, '--db', `${dbName}_${n}`, '--size', String(n), '--sim-dir', simDir],
        env,
      ),
    );
  }
  return { database, uri: maskUri(uri), runs };
}

/** NODE_EXTRA_CA_CERTS for a child that starts its own simulator. */
async function simEnv(simDir) {
  const { ensureSimCertificate } = dist('sim/tls');
  const cert = await ensureSimCertificate(path.join(simDir, 'sim'));
  return { env: { NODE_EXTRA_CA_CERTS: cert.certPath } };
}

/** Every target of every part, flat: what, target, measured value, met. */
function targetList(report) {
  const out = [];
  const add = (part, what, t) => {
    if (t) out.push({ part, what, target: t.target, value: t.value, met: t.met });
  };
  for (const t of report.reader?.targets ?? []) {
    if (t.graphRequests) add('reader', `Graph requests at ${t.size}`, t.graphRequests);
    if (t.reconcile) add('reader', `reconcile at ${t.size} (cold)`, t.reconcile);
    if (t.peakRss) add('reader', `peak RSS at ${t.size}`, t.peakRss);
    if (t.linear10kTo100k) {
      const l = t.linear10kTo100k;
      add('reader', 'read time 10k → 100k', { target: l.target, ...l.read });
      add('reader', 'reconcile time 10k → 100k', { target: l.target, ...l.reconcile });
    }
  }
  for (const f of report.full ?? [])
    for (const r of f.runs) {
      if (r.error) {
        out.push({ part: 'full', what: `${f.database} ${r.size}`, error: r.error, met: false });
        continue;
      }
      for (const p of r.phases) {
        add('full', `${f.database} ${r.size} ${p.phase}: commands`, p.targets.commands);
        add('full', `${f.database} ${r.size} ${p.phase}: writes`, p.targets.noopWritesNothing);
      }
    }
  if (report.bot?.targets) {
    add('bot', 'p99 latency', report.bot.targets.p99);
    add('bot', 'errors', report.bot.targets.errors);
  } else if (report.bot?.error) out.push({ part: 'bot', error: report.bot.error, met: false });
  if (report.notify?.targets) {
    add('notify', 'exactly once', report.notify.targets.exactlyOnce);
    add('notify', 'time vs floor', report.notify.targets.withinFloor);
  } else if (report.notify?.error)
    out.push({ part: 'notify', error: report.notify.error, met: false });
  if (report.commands?.targets) {
    add('commands', 'slowest message parse', report.commands.targets.slowest);
    add('commands', 'parse time ×10 characters', report.commands.targets.linear);
  } else if (report.commands?.error)
    out.push({ part: 'commands', error: report.commands.error, met: false });
  return out;
}

/** The commit measured, and whether the working tree differed from it (read-only git calls). */
function codeVersion() {
  const git = (...args) =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    return {
      commit: git('rev-parse', '--short', 'HEAD').trim(),
      uncommittedChanges: git('status', '--porcelain', '--untracked-files=no').trim() !== '',
    };
  } catch {
    return { commit: null, uncommittedChanges: null }; // not a git checkout
  }
}

function maskUri(uri) {
  return uri.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@');
}

main().catch((e) => {
  process.stderr.write(`bench: ${e && e.usage ? e.message : e && e.stack ? e.stack : e}\n`);
  process.exit(e && e.usage ? 2 : 1);
});
