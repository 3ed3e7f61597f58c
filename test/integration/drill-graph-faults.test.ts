/**
 * Fault drill: Graph misbehaving while a sync reads Intune — 429 storms with and without
 * Retry-After, a Retry-After too long to wait out, 503s, requests that time out, dropped
 * connections, a token endpoint that fails — on the first page, a page in the middle, the last.
 * Each run ends `failed` (and then the ledger is exactly as before: devices, field and usage
 * history, counters; only the run record and its alert are new) or completes; once the fault
 * clears, a run converges to what an uninterrupted run gives on a fresh database.
 *
 * Mostly in-process (the real SyncService, Graph client and credential flow against the
 * simulator) with short retry delays and a 500 ms request timeout, so a storm that never ends
 * fails in well under a second; twice through `daicho sync --json` with the shipped defaults.
 */
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import type { FaultRule } from '../../src/sim/sim-http';
import { generateIntuneDevices } from '../../src/sim/fixtures';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { LinkService } from '../../src/sync/link-service';
import { createIntuneSource } from '../../src/sync/sources/intune';
import { SyncService } from '../../src/sync/sync-service';
import { syncStores } from '../../src/sync/sync-stores';
import { ROOT, runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';
import {
  checkInvariants,
  cliEnv,
  findingIds,
  historyRows,
  seedLedger,
  syncStatus,
  usageRows,
} from './drill-helpers';

const DEVICES = 600;
const SEED = 9;
const SETTINGS = { provider: 'intune', matchKey: 'serial', assetNumberRule: 'serial' } as const;
const ADMIN = { by: 'test:admin' };

/** Faults on the device list: `page` 0-based (pages of 200: 0, 1 = the middle, 2 = the last). */
const list = (page: number | undefined, action: FaultRule['action'], remaining = Infinity) => ({
  route: 'managedDevices',
  page,
  remaining,
  action,
});
const status = (s: number, retryAfterSeconds?: number) => ({
  kind: 'status' as const,
  status: s,
  retryAfterSeconds,
});

describe('drill: Graph faults during a sync', () => {
  const gen0 = generateIntuneDevices(DEVICES, SEED);
  const gen1 = generateIntuneDevices(DEVICES, SEED, { generation: 1 });
  let sims: Simulators;
  const dbs: TestDb[] = [];
  beforeAll(async () => {
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: { devices: gen0, maxPageSize: 200 },
      jamf: false,
    });
  });
  afterAll(async () => {
    await sims.close();
    await Promise.all(dbs.map((d) => d.close()));
  });

  function services(t: TestDb) {
    const config = loadConfig(cliEnv(sims, t), ROOT);
    const log = createLogger('silent');
    const retry = { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };
    const sync = new SyncService(
      syncStores(t.c, t.ledger),
      () => createIntuneSource(config.intune!, 500, log, { retry }),
      20,
      log,
    );
    return { sync, links: new LinkService(t.ledger, sync, () => true) };
  }

  async function ledgerState(t: TestDb) {
    return {
      devices: await t.ledger.list(),
      history: await historyRows(t),
      usage: await usageRows(t),
      counters: await t.c.counters.find().sort({ _id: 1 }).toArray(),
      reservations: await t.c.reservations.countDocuments(),
      nonRunAlerts: await t.c.alerts.countDocuments({ type: { $ne: 'sync-failed' } }),
    };
  }

  it('every run fails cleanly or completes, and the ledger converges', async () => {
    // The uninterrupted result: link on generation 0, then sync generation 1.
    const ref = await openTestDb();
    dbs.push(ref);
    await seedLedger(ref, gen0, 20);
    const refSvc = services(ref);
    expect((await refSvc.links.link(SETTINGS, { dryRun: false, actor: ADMIN })).status).toBe(
      'success',
    );
    sims.graph!.state.devices = gen1;
    const refSync = await refSvc.sync.sync({ actor: ADMIN });
    expect(refSync.status).toBe('success');
    expect(refSync.counts.updated).toBeGreaterThan(0);

    const t = await openTestDb();
    dbs.push(t);
    await seedLedger(t, gen0, 20);
    const { sync, links } = services(t);
    const timings: string[] = [];

    /** A run under `faults` must fail, leave the ledger as it was and say so in its record. */
    async function mustFail(name: string, faults: FaultRule[], run: () => Promise<unknown>) {
      const before = await ledgerState(t);
      const failedAlerts = await t.c.alerts.countDocuments({ type: 'sync-failed' });
      sims.graph!.state.faults = faults;
      const started = Date.now();
      await expect(run()).rejects.toMatchObject({ code: 'MDM_READ_FAILED' });
      timings.push(`${name}: failed in ${Date.now() - started} ms`);
      sims.graph!.state.faults = [];
      expect(await ledgerState(t)).toEqual(before);
      const [last] = await sync.recentRuns(1);
      expect(last).toMatchObject({
        status: 'failed',
        errors: [expect.stringMatching(/^MDM_READ/)],
      });
      expect(await t.c.alerts.countDocuments({ type: 'sync-failed' })).toBe(failedAlerts + 1);
      await checkInvariants(t);
    }

    const link = () => links.link(SETTINGS, { dryRun: false, actor: ADMIN });
    sims.graph!.state.devices = gen0;
    await mustFail('429 storm, no Retry-After, middle page', [list(1, status(429))], link);
    await mustFail('429 storm, Retry-After 0, middle page', [list(1, status(429, 0))], link);
    await mustFail('429 Retry-After 60 s (too long to wait)', [list(2, status(429, 60), 1)], link);
    await mustFail('503 storm, last page', [list(2, status(503))], link);
    await mustFail('503 storm with Retry-After 0', [list(1, status(503, 0))], link);
    await mustFail('timeouts, middle page', [list(1, { kind: 'delay', ms: 1500 })], link);
    await mustFail('dropped connections, last page', [list(2, { kind: 'drop' })], link);
    await mustFail('500s, first page', [list(0, status(500))], link);
    await mustFail(
      'token endpoint 503',
      [{ route: 'token', remaining: Infinity, action: status(503, 0) }],
      link,
    );
    expect(await t.c.devices.countDocuments()).toBe(22); // the seeded ledger, untouched

    // Transient trouble on every page: retried, and the link completes.
    sims.graph!.state.faults = [
      list(0, status(429), 3),
      list(1, status(429, 0), 2),
      list(1, { kind: 'delay', ms: 1500 }, 1),
      list(2, status(503), 2),
      list(2, { kind: 'drop' }, 1),
    ];
    const linked = await link();
    expect(linked.status).toBe('success');
    // 9 retries for the faults (more only if a loaded machine made a normal page time out).
    expect(linked.requests.retries).toBeGreaterThanOrEqual(9);
    expect(sims.graph!.state.faults.every((f) => f.remaining === 0)).toBe(true);

    // Generation 1 (users handed over): a failing `daicho sync --json` with the shipped retry
    // settings, then one that rides out a short storm.
    sims.graph!.state.devices = gen1;
    const env = cliEnv(sims, t, { MDM_REQUEST_TIMEOUT_MS: '1000' });
    const before = await ledgerState(t);
    sims.graph!.state.faults = [list(1, status(429, 0))];
    let started = Date.now();
    const failed = await runCli(['sync', '--json'], env);
    timings.push(`CLI 429 storm: exit ${failed.code} in ${Date.now() - started} ms`);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    // The last line is the one for the admin (the lines before it are the warn/error log).
    expect(failed.stderr.trim().split('\n').pop()).toMatch(
      /^Error: Could not read the devices from intune \(Intune: reading managed devices failed at page 2 after 6 tries: HTTP 429 .*; HTTP 429; request-id [0-9a-f-]{36}\)\. Nothing in the ledger was changed\.$/,
    );
    expect(await ledgerState(t)).toEqual(before);
    const afterFailure = await syncStatus(env);
    expect(afterFailure.running).toBeNull();
    expect(afterFailure.runs[0]).toMatchObject({ trigger: 'manual', status: 'failed' });

    await mustFail(
      'timeouts, last page (generation 1)',
      [list(2, { kind: 'delay', ms: 1500 })],
      () => sync.sync({ actor: ADMIN }),
    );

    sims.graph!.state.faults = [
      list(0, status(429, 1), 1),
      list(1, { kind: 'delay', ms: 1500 }, 1),
      list(2, status(503, 0), 2),
    ];
    started = Date.now();
    const ok = await runCli(['sync', '--json'], env);
    timings.push(`CLI transient storm: exit ${ok.code} in ${Date.now() - started} ms`);
    expect(ok.code).toBe(0);
    // A warning per retry (the 4 faults; more only if a loaded machine made a page time out).
    expect(
      ok.stderr
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).msg),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/retrying: HTTP 429/),
        expect.stringMatching(/retrying: Intune page 2: no answer within 1000 ms/),
        expect.stringMatching(/retrying: HTTP 503/),
      ]),
    );
    const result = JSON.parse(ok.stdout);
    expect(result.status).toBe('success');
    expect(result.requests.retries).toBeGreaterThanOrEqual(4);
    sims.graph!.state.faults = [];
    process.stdout.write(`[graph-faults]\n${timings.join('\n')}\n`);

    // Converged: the ledger of the uninterrupted runs.
    expect(await t.ledger.list()).toEqual(await ref.ledger.list());
    expect(await historyRows(t)).toEqual(await historyRows(ref));
    expect(await usageRows(t)).toEqual(await usageRows(ref));
    expect((await checkInvariants(t)).sysCounter).toBe((await checkInvariants(ref)).sysCounter);
    // The findings too: every duplicate and conflict alert of the uninterrupted runs, no more.
    expect(await findingIds(t)).toEqual(await findingIds(ref));
  }, 120_000);
});
