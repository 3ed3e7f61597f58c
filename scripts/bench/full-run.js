/**
 * Child process of the benchmark (part 2): the whole sync against a database — the real
 * SyncService and LinkService, the real Intune source against the Graph simulator (started in
 * this process), a MongoClient with command monitoring — for (a) a first link + sync onto a
 * ledger holding 60% of the devices, (b) a re-sync with nothing changed, (c) a re-sync after 1%
 * of the devices changed in Intune.
 *
 *   node scripts/bench/full-run.js --uri URI --db NAME --size N --sim-dir DIR
 */
const { MongoClient } = require('mongodb');
const { childMain, dist, maxRssMb, round } = require('./lib');
const { storedDevices } = require('./ledger-fixture');
const { commandMonitor } = require('./mongo-monitor');

const SEED = 7;
/**
 * What the written documents are: the ledger's own (devices, their history, usage, SYS numbers),
 * the alerts outbox, and the run's bookkeeping (its record, the lease, the integration).
 */
const KIND = {
  syncRuns: 'bookkeeping',
  leases: 'bookkeeping',
  integrations: 'bookkeeping',
  syncJournal: 'bookkeeping', // a run's journal of pending writes, where the code has one
  alerts: 'alerts',
};

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

childMain(async () => {
  const uri = arg('uri');
  const dbName = arg('db');
  const size = Number(arg('size'));
  const simDir = arg('sim-dir');
  const { collections, ensureIndexes } = dist('db/collections');
  const { LedgerService } = dist('ledger/ledger-service');
  const { serialMatcher } = dist('ledger/serial');
  const { loadConfig } = dist('config/config');
  const { createLogger } = dist('log');
  const { startSimulators } = dist('sim/sim-server');
  const { generateIntuneDevices } = dist('sim/fixtures-intune');
  const { mapManagedDevice } = dist('sync/sources/intune-mapping');
  const { createIntuneSource } = dist('sync/sources/intune');
  const { SyncService } = dist('sync/sync-service');
  const { syncStores } = dist('sync/sync-stores');
  const { LinkService } = dist('sync/link-service');

  const client = new MongoClient(uri, { monitorCommands: true, serverSelectionTimeoutMS: 10_000 });
  const monitor = commandMonitor(client);
  await client.connect();
  const db = client.db(dbName);
  const raw = generateIntuneDevices(size, SEED);
  const sims = await startSimulators({
    dataDir: simDir,
    graph: { devices: raw, maxPageSize: 1000 },
    jamf: false,
  });
  try {
    await db.dropDatabase();
    await ensureIndexes(db);
    const c = collections(db);
    const ledger = new LedgerService(c, serialMatcher());
    const config = loadConfig({
      ...process.env,
      ...sims.env,
      MONGODB_URI: uri,
      MONGODB_DB: dbName,
      SYNC_SCHEDULE: 'off',
    });
    const log = createLogger('silent');

    // The ledger before the link: 60% of the devices, typed in by the IT team.
    let t = performance.now();
    const docs = storedDevices(raw.map(mapManagedDevice), ledger.serialKey);
    for (let i = 0; i < docs.length; i += 1000)
      await c.devices.insertMany(docs.slice(i, i + 1000), { ordered: false });
    const seedMs = performance.now() - t;

    const sources = () => createIntuneSource(config.intune, config.mdmRequestTimeoutMs, log);
    const sync = new SyncService(
      syncStores(c, ledger),
      sources,
      config.syncSafetyLimitPercent,
      log,
    );
    const links = new LinkService(ledger, sync, () => true);
    const actor = { by: 'bench' };
    const settings = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'serial' };

    const phase = async (name, run) => {
      monitor.reset();
      const graphBefore = sims.graph.state.log.length;
      const started = performance.now();
      const result = await run();
      const ms = performance.now() - started;
      const m = monitor.snapshot();
      const byCollection = m.documentsWrittenByCollection;
      const docs = { ledger: 0, alerts: 0, bookkeeping: 0 };
      for (const [coll, n] of Object.entries(byCollection)) docs[KIND[coll] ?? 'ledger'] += n;
      const ledgerDocs = docs.ledger;
      const k = result.counts;
      const changed = k.created + k.linked + k.updated + k.missing;
      const commandTarget = changed / 500 + 20;
      return {
        phase: name,
        ms: round(ms),
        status: result.status,
        counts: k,
        changedDevices: changed,
        documentsWritten: {
          ...docs,
          byCollection,
          reportedBySyncService: result.documentsWritten,
        },
        commands: m.commands,
        writeCommands: m.writeCommands,
        commandsByName: m.byName,
        commandsByCollection: m.byNameAndCollection,
        failedCommands: m.failedCommands,
        graphRequests: sims.graph.state.log.length - graphBefore,
        targets: {
          commands: {
            target: `<= changed/500 + 20 = ${round(commandTarget, 1)}`,
            value: m.commands,
            met: m.commands <= commandTarget,
          },
          ...(name.startsWith('noopResync')
            ? {
                noopWritesNothing: {
                  target: '0 ledger documents written',
                  value: ledgerDocs,
                  met: ledgerDocs === 0,
                },
              }
            : {}),
        },
      };
    };

    const phases = [];
    phases.push(await phase('firstLink', () => links.link(settings, { dryRun: false, actor })));
    phases.push(await phase('noopResync', () => sync.sync({ trigger: 'manual', actor })));
    phases.push(await phase('noopResync2', () => sync.sync({ trigger: 'manual', actor })));
    // 1% of the devices change in Intune: a new OS build and a check-in.
    let changedInSim = 0;
    for (let i = 50; i < raw.length; i += 100) {
      raw[i].osVersion = `${String(raw[i].osVersion)}.1`;
      raw[i].lastSyncDateTime = new Date(Date.parse('2024-11-02T09:00:00Z') + i).toISOString();
      changedInSim++;
    }
    phases.push(
      Object.assign(
        await phase('onePercentChange', () => sync.sync({ trigger: 'manual', actor })),
        {
          devicesChangedInIntune: changedInSim,
        },
      ),
    );
    const totals = {
      devices: await c.devices.countDocuments({}),
      fieldHistory: await c.fieldHistory.countDocuments({}),
      alerts: await c.alerts.countDocuments({}),
    };
    await db.dropDatabase().catch(() => undefined);
    return {
      size,
      ledgerBeforeLink: docs.length,
      seedLedgerMs: round(seedMs),
      phases,
      collectionsAfter: totals,
      maxRssMb: maxRssMb(),
    };
  } finally {
    await sims.close();
    await client.close();
  }
});
