/**
 * Child process of the benchmark (part 2): the whole sync against a database — the real
 * SyncService and LinkService, the real Intune source against the Graph simulator (started in
 * this process), a MongoClient with command monitoring — for (a) a first link + sync onto a
 * ledger holding 60% of the devices, (b) a re-sync with nothing changed, (c) a re-sync after 1%
 * of the devices changed in Intune.
 *
 *   node dist/bench/scripts/bench/full-run.js --uri URI --db NAME --size N --sim-dir DIR
 */
import { MongoClient } from 'mongodb';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { generateIntuneDevices, type RawManagedDevice } from '../../src/sim/fixtures-intune';
import type { GraphSim } from '../../src/sim/graph-sim';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { mapManagedDevice } from '../../src/sync/sources/intune-mapping';
import type { SyncSettings } from '../../src/sync/settings';
import type { SyncResult } from '../../src/sync/sync-service';
import { storedDevices } from './ledger-fixture';
import { arg, childMain, maxRssMb, round } from './lib';
import { commandMonitor, type CommandMonitor } from './mongo-monitor';
import { benchCollections, syncServices } from './services';

const SEED = 7;
type Kind = 'ledger' | 'alerts' | 'bookkeeping';
/**
 * What the written documents are: the ledger's own (devices, their history, usage, SYS numbers),
 * the alerts outbox, and the run's bookkeeping (its record, the lease, the integration).
 */
const KIND: Record<string, Kind> = {
  syncRuns: 'bookkeeping',
  leases: 'bookkeeping',
  integrations: 'bookkeeping',
  syncJournal: 'bookkeeping', // a run's journal of pending writes, where the code has one
  alerts: 'alerts',
};

export interface Target {
  target: string;
  value: number | string;
  met: boolean | null;
}

/** One phase's figures from the command monitor, the sync's result and the simulator's log. */
function phaseReport(name: string, ms: number, result: SyncResult, monitor: CommandMonitor) {
  const m = monitor.snapshot();
  const byCollection = m.documentsWrittenByCollection;
  const docs: Record<Kind, number> = { ledger: 0, alerts: 0, bookkeeping: 0 };
  for (const [coll, n] of Object.entries(byCollection)) docs[KIND[coll] ?? 'ledger'] += n;
  const k = result.counts;
  const changed = k.created + k.linked + k.updated + k.missing;
  const commandTarget = changed / 500 + 20;
  const targets: { commands: Target; noopWritesNothing?: Target } = {
    commands: {
      target: `<= changed/500 + 20 = ${round(commandTarget, 1)}`,
      value: m.commands,
      met: m.commands <= commandTarget,
    },
  };
  if (name.startsWith('noopResync'))
    targets.noopWritesNothing = {
      target: '0 ledger documents written',
      value: docs.ledger,
      met: docs.ledger === 0,
    };
  return {
    phase: name,
    ms: round(ms),
    status: result.status,
    counts: k,
    changedDevices: changed,
    documentsWritten: { ...docs, byCollection, reportedBySyncService: result.documentsWritten },
    commands: m.commands,
    writeCommands: m.writeCommands,
    commandsByName: m.byName,
    commandsByCollection: m.byNameAndCollection,
    failedCommands: m.failedCommands,
    graphRequests: 0,
    targets,
  };
}

export type Phase = ReturnType<typeof phaseReport> & { devicesChangedInIntune?: number };

/** 1% of the devices change in Intune: a new OS build and a check-in. */
function changeOnePercent(raw: RawManagedDevice[]): number {
  let changed = 0;
  for (let i = 50; i < raw.length; i += 100) {
    const device = raw[i];
    if (!device) continue;
    device.osVersion = `${String(device.osVersion)}.1`;
    device.lastSyncDateTime = new Date(Date.parse('2024-11-02T09:00:00Z') + i).toISOString();
    changed++;
  }
  return changed;
}

function graphOf(sims: Simulators): GraphSim {
  if (!sims.graph) throw new Error('the Graph simulator did not start');
  return sims.graph;
}

interface RunContext {
  client: MongoClient;
  monitor: CommandMonitor;
  sims: Simulators;
  raw: RawManagedDevice[];
  uri: string;
  dbName: string;
  size: number;
}

/** Seeds the ledger, then the four phases, each measured from a reset monitor. */
async function runPhases(x: RunContext) {
  const db = x.client.db(x.dbName);
  await db.dropDatabase();
  const c = await benchCollections(db);
  const config = loadConfig({
    ...process.env,
    ...x.sims.env,
    MONGODB_URI: x.uri,
    MONGODB_DB: x.dbName,
    SYNC_SCHEDULE: 'off',
  });
  const { ledger, sync, links } = await syncServices(db, config, createLogger('silent'));

  // The ledger before the link: 60% of the devices, typed in by the IT team.
  const t = performance.now();
  const docs = storedDevices(x.raw.map(mapManagedDevice), ledger.serialKey);
  for (let i = 0; i < docs.length; i += 1000)
    await c.devices.insertMany(docs.slice(i, i + 1000), { ordered: false });
  const seedMs = performance.now() - t;

  const graph = graphOf(x.sims);
  const actor = { by: 'bench' };
  const settings: SyncSettings = {
    provider: 'intune',
    matchKey: 'serial',
    assetNumberRule: 'serial',
  };
  const phase = async (name: string, run: () => Promise<SyncResult>): Promise<Phase> => {
    x.monitor.reset();
    const graphBefore = graph.state.log.length;
    const started = performance.now();
    const result = await run();
    const report = phaseReport(name, performance.now() - started, result, x.monitor);
    return { ...report, graphRequests: graph.state.log.length - graphBefore };
  };
  const resync = () => sync.sync({ trigger: 'manual', actor });
  const phases = [
    await phase('firstLink', () => links.link(settings, { dryRun: false, actor })),
    await phase('noopResync', resync),
    await phase('noopResync2', resync),
  ];
  const changedInSim = changeOnePercent(x.raw);
  phases.push({
    ...(await phase('onePercentChange', resync)),
    devicesChangedInIntune: changedInSim,
  });
  const totals = {
    devices: await c.devices.countDocuments({}),
    fieldHistory: await c.fieldHistory.countDocuments({}),
    alerts: await c.alerts.countDocuments({}),
  };
  await db.dropDatabase().catch(() => undefined);
  return {
    size: x.size,
    ledgerBeforeLink: docs.length,
    seedLedgerMs: round(seedMs),
    phases,
    collectionsAfter: totals,
    maxRssMb: maxRssMb(),
  };
}

export type FullRunResult = Awaited<ReturnType<typeof runPhases>>;

async function main(): Promise<FullRunResult> {
  const uri = arg('uri');
  const size = Number(arg('size'));
  const client = new MongoClient(uri, { monitorCommands: true, serverSelectionTimeoutMS: 10_000 });
  const monitor = commandMonitor(client);
  await client.connect();
  const raw = generateIntuneDevices(size, SEED);
  const sims = await startSimulators({
    dataDir: arg('sim-dir'),
    graph: { devices: raw, maxPageSize: 1000 },
    jamf: false,
  });
  try {
    return await runPhases({ client, monitor, sims, raw, uri, dbName: arg('db'), size });
  } finally {
    await sims.close();
    await client.close();
  }
}

if (require.main === module) childMain(main);
