/**
 * Fault drill: the MongoDB connection dropped in the middle of a sync's writes. The sync runs
 * in-process with the official driver, connected through a TCP proxy that the drill cuts (the
 * shared emulator itself is never touched), at a seeded-random write command of the run:
 *
 * A. The database stays unreachable until the run has given up: it cannot even record that it
 *    failed, so its record stays `running` and its lease stays taken; a sync at once is refused
 *    (the holder named). Once the lease has expired, the next run marks the stale run failed.
 * B. The connection drops for a moment: the command in flight fails, the run is marked failed
 *    and the lease released once the database is back.
 * C. A normal run: the ledger (devices, SYS numbers, field and usage history, findings) equals
 *    the one an uninterrupted run gives on a fresh database.
 */
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { loadConfig } from '../../src/config/config';
import { collections } from '../../src/db/collections';
import { LedgerService } from '../../src/ledger/ledger-service';
import { serialMatcher } from '../../src/ledger/serial';
import { createLogger } from '../../src/log';
import { generateIntuneDevices } from '../../src/sim/fixtures';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { LinkService } from '../../src/sync/link-service';
import { createIntuneSource } from '../../src/sync/sources/intune';
import { SyncService } from '../../src/sync/sync-service';
import { syncStores } from '../../src/sync/sync-stores';
import { ROOT } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';
import {
  checkInvariants,
  cliEnv,
  drillRandom,
  findingIds,
  historyRows,
  seedLedger,
  commandBytes,
  startTcpProxy,
  usageRows,
  type TcpProxy,
} from './drill-helpers';

const DEVICES = 800;
const SETTINGS = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'serial' } as const;
const ADMIN = { by: 'test:admin' };
/** The writes a sync's apply makes (the run record and the lease are left out). */
const APPLY_COLLECTIONS = new Set([
  'devices',
  'fieldHistory',
  'usageHistory',
  'alerts',
  'syncJournal',
  'assetNumberReservations',
  'counters',
]);
const WRITES = new Set(['insert', 'update', 'delete']);

/**
 * Numbers the apply writes of each run, counted from the insert of its run record (so the
 * housekeeping before a run, e.g. marking an abandoned run failed, is not counted); 0 for any
 * other command.
 */
function applyWriteCounter(): (e: CommandStartedEvent) => number {
  let n = 0;
  let inRun = false;
  return (e) => {
    const target = String((e.command as Record<string, unknown>)[e.commandName]);
    if (e.commandName === 'insert' && target === 'syncRuns') {
      [inRun, n] = [true, 0];
      return 0;
    }
    if (!inRun || !WRITES.has(e.commandName) || !APPLY_COLLECTIONS.has(target)) return 0;
    return ++n;
  };
}

describe('drill: the database connection dropped mid-run', () => {
  const mdm = generateIntuneDevices(DEVICES, 31);
  let sims: Simulators;
  let proxy: TcpProxy;
  const clients: MongoClient[] = [];
  const dbs: TestDb[] = [];
  let ref: TestDb;
  /** How many apply writes the uninterrupted link makes. */
  let applyWrites = 0;
  const log: string[] = [];
  beforeAll(async () => {
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: { devices: mdm, maxPageSize: 400 },
      jamf: false,
    });
    ref = await openTestDb();
    dbs.push(ref);
    await seedLedger(ref, mdm, 30);
    const count = applyWriteCounter();
    const refSvc = await services(ref, ref.uri, (e) => {
      applyWrites = Math.max(applyWrites, count(e));
    });
    const started = Date.now();
    const uninterrupted = await refSvc.links.link(SETTINGS, { dryRun: false, actor: ADMIN });
    expect(uninterrupted.status).toBe('success');
    log.push(`uninterrupted link: ${Date.now() - started} ms, ${applyWrites} apply writes`);
    proxy = await startTcpProxy(ref.uri);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close(true)));
    await proxy?.close();
    await sims.close();
    await Promise.all(dbs.map((d) => d.close()));
    process.stdout.write(`[db-drop]\n${log.join('\n')}\n`);
  });

  /** The drill's database, as the reference started, and the sync on it through the proxy. */
  async function drillDb(onCommand: (e: CommandStartedEvent) => void = () => undefined) {
    const t = await openTestDb();
    dbs.push(t);
    await seedLedger(t, mdm, 30);
    return { t, svc: await services(t, proxy.uri, onCommand) };
  }

  /** Equal to the uninterrupted run, and nothing left behind. */
  async function expectConverged(t: TestDb) {
    expect(await t.ledger.list()).toEqual(await ref.ledger.list());
    expect(await historyRows(t)).toEqual(await historyRows(ref));
    expect(await usageRows(t)).toEqual(await usageRows(ref));
    expect((await checkInvariants(t)).sysCounter).toBe((await checkInvariants(ref)).sysCounter);
    expect(await t.c.syncJournal.countDocuments()).toBe(0);
    expect(await findingIds(t)).toEqual(await findingIds(ref));
  }

  /** The sync on its own client (`uri`), reporting every command it starts. */
  async function services(t: TestDb, uri: string, onCommand: (e: CommandStartedEvent) => void) {
    const client = new MongoClient(uri, {
      monitorCommands: true,
      serverSelectionTimeoutMS: 1500,
      connectTimeoutMS: 1000,
      heartbeatFrequencyMS: 500,
    });
    clients.push(client);
    client.on('commandStarted', onCommand);
    await client.connect();
    const c = collections(client.db(t.name));
    const ledger = new LedgerService(c, serialMatcher());
    const config = loadConfig(cliEnv(sims, t), ROOT);
    const log = createLogger('silent');
    const retry = { baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };
    const sync = new SyncService(
      syncStores(c, ledger),
      () => createIntuneSource(config.intune!, 2000, log, { retry }),
      20,
      log,
    );
    return { sync, links: new LinkService(ledger, sync, () => true) };
  }

  it('A: unreachable until the run gave up, B: a short drop, C: converges', async () => {
    const { random } = drillRandom('db-drop');
    let cutAt = 0; // cut when the cutAt-th apply write of the run starts (0 = never)
    let seen = 0;
    // 'cut': before the command leaves; 'reply': it reaches the server, its reply is lost.
    let mode: 'cut' | 'reply' = 'cut';
    const count = applyWriteCounter();
    const { t, svc } = await drillDb((e) => {
      const k = count(e);
      if (k === 0) return;
      seen = k;
      if (k !== cutAt) return;
      const collection = String((e.command as Record<string, unknown>)[e.commandName]);
      log.push(
        `${mode === 'cut' ? 'cut before' : 'reply lost to'} apply write ${k}: ${e.commandName} ${collection}`,
      );
      if (mode === 'cut') proxy.cut();
      else
        proxy.loseReplyTo(commandBytes(e.commandName, collection), () =>
          setTimeout(() => proxy.restore(), 300),
        );
    });
    const runAndCut = async (k: number, run: () => Promise<unknown>) => {
      [seen, cutAt] = [0, k];
      const t0 = Date.now();
      const outcome = await run().then(
        (r) => ({ ok: true as const, r }),
        (e: unknown) => ({ ok: false as const, e }),
      );
      cutAt = 0;
      return { ...outcome, ms: Date.now() - t0 };
    };

    // A: down for good (until the run has given up).
    const kA = 1 + Math.floor(random.next() * applyWrites);
    const a = await runAndCut(kA, () => svc.links.link(SETTINGS, { dryRun: false, actor: ADMIN }));
    log.push(`A: ${a.ok ? 'completed' : `failed (${(a as { e: Error }).e.name})`} in ${a.ms} ms`);
    expect(a.ok).toBe(false);
    expect((a as { e: Error }).e.name).toMatch(/^Mongo/);
    proxy.restore();
    const stale = await t.c.syncRuns.findOne({}, { sort: { startedAt: -1 } });
    expect(stale).toMatchObject({ status: 'running', trigger: 'link' });
    const lease = await t.c.leases.findOne({ _id: 'sync' });
    expect(lease).toMatchObject({ holder: stale!.holder, pid: process.pid });
    // A sync right now is refused: the lease has not expired, and its holder is named.
    await expect(svc.sync.sync({ actor: ADMIN })).rejects.toMatchObject({
      code: 'SYNC_BUSY',
      params: { holder: stale!.holder, pid: process.pid },
    });
    // Two minutes later the lease has expired (moved here rather than waited for).
    await t.c.leases.updateOne({ _id: 'sync' }, { $set: { expiresAt: new Date(Date.now() - 1) } });

    // B: at another write, the reply lost and the connection down for 300 ms. What is left to
    // do is about what A did not do (and the side records A did not write).
    const kB = 1 + Math.floor(random.next() * Math.max(3, applyWrites - kA));
    mode = 'reply';
    const b = await runAndCut(kB, () => svc.sync.sync({ actor: ADMIN }));
    log.push(
      `B: ${b.ok ? 'completed' : `failed (${(b as { e: Error }).e.name})`} in ${b.ms} ms${seen < kB ? ` (no cut: only ${seen} apply writes)` : ''}`,
    );
    expect(await t.c.syncRuns.findOne({ _id: stale!._id })).toMatchObject({
      status: 'failed',
      errors: [expect.stringMatching(/^RUN_ABANDONED/)],
    });
    const runB = await t.c.syncRuns.findOne({ _id: { $ne: stale!._id } });
    // A write that fails is not retried by the driver on a standalone server, so the run fails
    // — unless the cut fell between two commands and the next one found the database back.
    // The cut may also land before B recorded itself (on the alert for A's abandoned run): then
    // B failed with no run record of its own, and only A's alert exists.
    if (runB) expect(runB.status).toBe(b.ok ? 'success' : 'failed');
    else expect(b.ok).toBe(false);
    expect(await t.c.leases.countDocuments()).toBe(0);
    expect(await t.c.alerts.countDocuments({ type: 'sync-failed' })).toBe(b.ok || !runB ? 1 : 2);

    // C: a normal run.
    const started = Date.now();
    const c = await svc.sync.sync({ actor: ADMIN });
    log.push(`C: ${c.status} in ${Date.now() - started} ms`);
    expect(c.status).toBe('success');
    await expectConverged(t);
  }, 60_000);

  it('the reply to the SYS counter being created is lost: the numbers stay those of an uninterrupted run', async () => {
    const { t, svc } = await drillDb();
    let lost = false;
    proxy.loseReplyTo(commandBytes('insert', 'counters'), () => {
      lost = true;
      setTimeout(() => proxy.restore(), 300);
    });
    const first = await svc.links.link(SETTINGS, { dryRun: false, actor: ADMIN }).then(
      (r) => r.status,
      (e: Error) => `failed (${e.name})`,
    );
    log.push(`reply to the counter's creation lost: ${first}`);
    expect(lost).toBe(true);
    expect(await t.c.leases.countDocuments()).toBe(0);
    const again = await svc.sync.sync({ actor: ADMIN });
    expect(again.status).toBe('success');
    await expectConverged(t);
  }, 60_000);
});
