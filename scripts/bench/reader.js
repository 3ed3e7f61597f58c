/**
 * Child process of the benchmark (part 1): reads every managedDevice from the Graph simulator
 * through the real Intune source (MSAL sign-in, Graph client, paging), builds a ledger snapshot
 * of 60% of them in memory, and runs the pure reconcile core on it. Runs in its own process so
 * that its peak RSS is the reader's and the core's, not the simulator's.
 *
 *   node scripts/bench/reader.js --size N   (started by index.js with the simulator's env)
 */
const { childMain, dist, maxRssMb, mb, round } = require('./lib');
const { ledgerViews } = require('./ledger-fixture');
const { planSize } = require('./plan-size');

const REPEATS = 5;

childMain(async () => {
  const size = Number(process.argv[process.argv.indexOf('--size') + 1]);
  const { loadConfig } = dist('config/config');
  const { createLogger } = dist('log');
  const { createIntuneSource } = dist('sync/sources/intune');
  const { readAllDevices } = dist('sync/read-all');
  const { reconcile } = dist('sync/reconcile');
  const { serialMatcher } = dist('ledger/serial');

  const config = loadConfig({ ...process.env, SYNC_SCHEDULE: 'off' });
  if (!config.intune) throw new Error('no Intune settings in the environment');
  const log = createLogger('silent');
  const serialKey = serialMatcher(config.serialPlaceholders);
  const settings = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'serial' };

  // RSS sampled while the event loop turns (during the read); maxRSS covers the synchronous parts.
  let sampledPeak = 0;
  const sample = () => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss()));
  const sampler = setInterval(sample, 10);
  const rssAtStartMb = mb(process.memoryUsage.rss());

  const source = createIntuneSource(config.intune, config.mdmRequestTimeoutMs, log);
  let t = performance.now();
  const mdm = await readAllDevices(source);
  const readMs = performance.now() - t;
  sample();
  clearInterval(sampler);
  const maxRssAfterReadMb = maxRssMb();

  t = performance.now();
  const ledger = ledgerViews(mdm);
  const snapshotBuildMs = performance.now() - t;

  const input = { settings, ledger, mdm, serialKey };
  t = performance.now();
  const plan = reconcile(input);
  const reconcileMs = performance.now() - t;
  const maxRssAfterReconcileMb = maxRssMb();

  const repeats = [];
  for (let i = 1; i < REPEATS; i++) {
    t = performance.now();
    reconcile(input);
    repeats.push(round(performance.now() - t));
  }

  return {
    size,
    mdmDevicesRead: mdm.length,
    ledgerDevices: ledger.length,
    ledgerSerials: {
      zero: ledger.filter((d) => d.serialNumber === '0').length,
      blank: ledger.filter((d) => d.serialNumber === null).length,
    },
    readMs: round(readMs),
    snapshotBuildMs: round(snapshotBuildMs),
    reconcileMs: round(reconcileMs),
    reconcileRepeatMs: repeats,
    reconcileMedianMs: median([round(reconcileMs), ...repeats]),
    reconcileBestMs: Math.min(round(reconcileMs), ...repeats),
    sourceStats: { ...source.stats },
    rss: {
      atStartMb: rssAtStartMb,
      sampledPeakDuringReadMb: mb(sampledPeak),
      maxAfterReadMb: maxRssAfterReadMb,
      maxAfterReconcileMb: maxRssAfterReconcileMb,
      heapUsedAfterMb: mb(process.memoryUsage().heapUsed),
    },
    plan: planSize(plan),
  };
});

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
