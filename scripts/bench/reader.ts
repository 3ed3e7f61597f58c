/**
 * Child process of the benchmark (part 1): reads every managedDevice from the Graph simulator
 * through the real Intune source (MSAL sign-in, Graph client, paging), builds a ledger snapshot
 * of 60% of them in memory, and runs the pure reconcile core on it. Runs in its own process so
 * that its peak RSS is the reader's and the core's, not the simulator's.
 *
 *   node dist/bench/scripts/bench/reader.js --size N   (started by index.js with the simulator's env)
 */
import { loadConfig } from '../../src/config/config';
import { serialMatcher } from '../../src/ledger/serial';
import { createLogger } from '../../src/log';
import type { MdmDevice } from '../../src/sync/mdm-device';
import { readAllDevices } from '../../src/sync/read-all';
import { reconcile, type ReconcileInput } from '../../src/sync/reconcile';
import type { SyncSettings } from '../../src/sync/settings';
import { createIntuneSource } from '../../src/sync/sources/intune';
import { ledgerViews } from './ledger-fixture';
import { arg, childMain, maxRssMb, mb, median, round } from './lib';
import { planSize, type PlanSize } from './plan-size';

const REPEATS = 5;

/** What one reader run reports (index.js adds the simulator's side). */
export interface ReaderResult {
  size: number;
  mdmDevicesRead: number;
  ledgerDevices: number;
  ledgerSerials: { zero: number; blank: number };
  readMs: number;
  snapshotBuildMs: number;
  reconcileMs: number;
  reconcileRepeatMs: number[];
  reconcileMedianMs: number;
  reconcileBestMs: number;
  sourceStats: { tokenRequests: number; pageRequests: number; retries: number };
  rss: {
    atStartMb: number;
    sampledPeakDuringReadMb: number;
    maxAfterReadMb: number;
    maxAfterReconcileMb: number;
    heapUsedAfterMb: number;
  };
  plan: PlanSize;
}

/** Every device through the real Intune source, with the RSS sampled while the read runs. */
async function readDevices() {
  const config = loadConfig({ ...process.env, SYNC_SCHEDULE: 'off' });
  if (!config.intune) throw new Error('no Intune settings in the environment');
  const source = createIntuneSource(
    config.intune,
    config.mdmRequestTimeoutMs,
    createLogger('silent'),
  );
  // RSS sampled while the event loop turns (during the read); maxRSS covers the synchronous parts.
  let sampledPeak = 0;
  const sample = () => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss()));
  const sampler = setInterval(sample, 10);
  const atStartMb = mb(process.memoryUsage.rss());
  const t = performance.now();
  const mdm = await readAllDevices(source);
  const readMs = performance.now() - t;
  sample();
  clearInterval(sampler);
  return {
    mdm,
    readMs,
    serialKey: serialMatcher(config.serialPlaceholders),
    sourceStats: { ...source.stats },
    rss: { atStartMb, sampledPeakDuringReadMb: mb(sampledPeak), maxAfterReadMb: maxRssMb() },
  };
}

/** The reconcile core once cold, then REPEATS - 1 times more. */
function timeReconcile(input: ReconcileInput) {
  let t = performance.now();
  const plan = reconcile(input);
  const reconcileMs = round(performance.now() - t);
  const maxAfterReconcileMb = maxRssMb();
  const repeats: number[] = [];
  for (let i = 1; i < REPEATS; i++) {
    t = performance.now();
    reconcile(input);
    repeats.push(round(performance.now() - t));
  }
  return { plan, reconcileMs, repeats, maxAfterReconcileMb };
}

async function main(): Promise<ReaderResult> {
  const size = Number(arg('size'));
  const settings: SyncSettings = {
    provider: 'intune',
    matchKey: 'serial',
    assetNumberRule: 'serial',
  };
  const read = await readDevices();
  const mdm: MdmDevice[] = read.mdm;

  const t = performance.now();
  const ledger = ledgerViews(mdm);
  const snapshotBuildMs = performance.now() - t;

  const run = timeReconcile({ settings, ledger, mdm, serialKey: read.serialKey });
  return {
    size,
    mdmDevicesRead: mdm.length,
    ledgerDevices: ledger.length,
    ledgerSerials: {
      zero: ledger.filter((d) => d.serialNumber === '0').length,
      blank: ledger.filter((d) => d.serialNumber === null).length,
    },
    readMs: round(read.readMs),
    snapshotBuildMs: round(snapshotBuildMs),
    reconcileMs: run.reconcileMs,
    reconcileRepeatMs: run.repeats,
    reconcileMedianMs: median([run.reconcileMs, ...run.repeats]),
    reconcileBestMs: Math.min(run.reconcileMs, ...run.repeats),
    sourceStats: read.sourceStats,
    rss: {
      ...read.rss,
      maxAfterReconcileMb: run.maxAfterReconcileMb,
      heapUsedAfterMb: mb(process.memoryUsage().heapUsed),
    },
    plan: planSize(run.plan),
  };
}

if (require.main === module) childMain(main);
