/**
 * Fault drill: `daicho link` / `daicho sync` SIGKILLed at 20 seeded-random points of a
 * 2,000-device run, one after the other on the same database, then one normal run. Each kill
 * point is drawn over what the run has left to do (the devices still to create, or at least a
 * no-op run's start, read and reconcile), so the kills fall in every phase: start, Graph read,
 * reconcile, the journal, device batches, history, the SYS reservations, and the takeover of
 * the dead process's lease. A run that ends before its kill point is just a run. The result
 * must be the ledger an uninterrupted run gives on a fresh database: the export
 * (`daicho devices export --format json`), the SYS numbers, the field and usage history, the
 * findings, no duplicates, no run left `running`, no lease or journal left behind.
 *
 * Timestamps: the export carries no database timestamps (createdAt / updatedAt are internal),
 * and the MDM block's dates come from the MDM, so the export is compared whole. The one run-time
 * stamp an export could carry, `mdm.missingSince`, does not occur (no device leaves the MDM).
 * History rows are compared without their time (`at`) and ids, which differ between any two runs.
 */
import { ObjectId } from 'mongodb';
import { generateIntuneDevices } from '../../src/sim/fixtures';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { replayJournals } from '../../src/ledger/commit/journal';
import { ledgerStore } from '../../src/ledger/ledger-store';
import { runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';
import {
  checkInvariants,
  cliEnv,
  drillRandom,
  exportLedger,
  findingIds,
  historyRows,
  killAfter,
  seedLedger,
  syncStatus,
  usageRows,
} from './drill-helpers';

const DEVICES = 2000;
const KILLS = 20;
const LINK = ['link', 'intune', '--match', 'serial', '--asset-number', 'serial'];

describe('drill: a sync SIGKILLed 20 times, then run normally, gives the uninterrupted ledger', () => {
  const mdm = generateIntuneDevices(DEVICES, 77);
  let sims: Simulators;
  const dbs: TestDb[] = [];
  beforeAll(async () => {
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: { devices: mdm, maxPageSize: 500 },
      jamf: false,
    });
  });
  afterAll(async () => {
    await sims.close();
    await Promise.all(dbs.map((d) => d.close()));
  });

  async function freshDb() {
    const t = await openTestDb();
    dbs.push(t);
    await seedLedger(t, mdm);
    return { t, env: cliEnv(sims, t) };
  }

  it('20 kills in a row on one database, then one normal run', async () => {
    const { random } = drillRandom('sync-kill');
    const ref = await freshDb();
    const started = Date.now();
    const uninterrupted = await runCli([...LINK, '--json'], ref.env);
    const fullMs = Date.now() - started;
    expect([uninterrupted.code, uninterrupted.stderr]).toEqual([0, '']);
    expect(JSON.parse(uninterrupted.stdout)).toMatchObject({ status: 'success' });
    const expected = await exportLedger(ref.env);
    expect(expected.length).toBeGreaterThan(DEVICES);

    const drill = await freshDb();
    const seeded = await drill.t.c.devices.countDocuments();
    const log: string[] = [];
    let killed = 0;
    let devicesNow = seeded;
    for (let i = 0; i < KILLS; i++) {
      // As an admin would: link until the master is saved, then sync.
      const linked = !!(await drill.t.c.integrations.findOne({ _id: 'master' }));
      const args = linked ? ['sync'] : LINK;
      // Kill somewhere in what this run has left to do: the devices still to create (most of
      // a run's time), at least a no-op run's start, read and reconcile.
      const left = (expected.length - devicesNow) / (expected.length - seeded);
      const at = Math.round(100 + random.next() * Math.max(1500, fullMs * left));
      const end = await killAfter(args, drill.env, at);
      if (end.killed) killed++;
      else expect([end.code, end.stderr]).toEqual([0, '']); // it finished first
      const [devices, reservations, counter, running] = await Promise.all([
        drill.t.c.devices.countDocuments(),
        drill.t.c.reservations.countDocuments(),
        drill.t.c.counters.findOne({ _id: 'assetNumber.SYS' }),
        drill.t.c.syncRuns.countDocuments({ status: 'running' }),
      ]);
      devicesNow = devices;
      log.push(
        `${String(i + 1).padStart(2)} ${args[0].padEnd(4)} at ${String(at).padStart(5)} ms: ${end.killed ? 'killed' : `exit ${end.code}`}; devices ${devices}, reservations ${reservations}, SYS counter ${counter?.seq ?? 0}, runs running ${running}`,
      );
    }
    process.stdout.write(
      `[sync-kill] uninterrupted run ${fullMs} ms; ${killed}/${KILLS} killed\n${log.join('\n')}\n`,
    );

    const linked = !!(await drill.t.c.integrations.findOne({ _id: 'master' }));
    const final = await runCli([...(linked ? ['sync'] : LINK), '--json'], drill.env);
    expect([final.code, final.stderr]).toEqual([0, '']);
    expect(JSON.parse(final.stdout)).toMatchObject({ status: 'success' });

    expect(await exportLedger(drill.env)).toEqual(expected);
    const [refState, drillState] = [await checkInvariants(ref.t), await checkInvariants(drill.t)];
    expect(drillState.sysCounter).toBe(refState.sysCounter);
    expect(await usageRows(drill.t)).toEqual(await usageRows(ref.t));
    expect(await historyRows(drill.t)).toEqual(await historyRows(ref.t));
    expect(await findingIds(drill.t)).toEqual(await findingIds(ref.t));
    expect(await drill.t.c.syncJournal.countDocuments()).toBe(0);
    // Every killed run is on record as failed (abandoned), none `running` for ever.
    const status = await syncStatus(drill.env);
    expect(status.running).toBeNull();
    expect(
      await drill.t.c.syncRuns.countDocuments({ status: 'failed', errors: /^RUN_ABANDONED/ }),
    ).toBeGreaterThan(0);
    expect(killed).toBeGreaterThanOrEqual(KILLS / 2);
  }, 240_000);
});

describe('drill: what a killed run leaves in its journal', () => {
  it('writes the side records of the devices it wrote, exactly once, and drops the rest', async () => {
    const t = await openTestDb();
    try {
      const by = { by: 'test' };
      const d1 = await t.ledger.create({ assetNumber: 'D-1', serialNumber: 'S1' }, by);
      const d2 = await t.ledger.create({ assetNumber: 'D-2', serialNumber: 'S2' }, by);
      const runId = new ObjectId();
      const at = new Date('2031-01-02T03:04:05Z');
      const entry = (device: typeof d1, user: string) => ({
        device: device._id,
        history: [
          {
            _id: new ObjectId(),
            deviceId: device._id,
            assetNumber: device.assetNumber,
            field: 'user',
            old: null,
            new: user,
            source: 'intune' as const,
            rule: 'mdm-wins',
            at,
            by: 'sync:intune',
          },
        ],
        user: { assetNumber: device.assetNumber, oldUser: null, newUser: user },
        alerts: [
          {
            _id: `test-finding:${device.assetNumber}`,
            type: 'duplicate' as const,
            provider: 'intune' as const,
            runId,
            createdAt: at,
            status: 'pending' as const,
            attempts: 0,
            payload: {
              side: 'ledger' as const,
              matchKey: 'serial',
              keyValue: device.assetNumber,
              mdmDevices: [],
              assetNumbers: [device.assetNumber],
            },
          },
        ],
      });
      const e1 = entry(d1, 'alice@contoso.co.jp');
      const e2 = entry(d2, 'bob@contoso.co.jp');
      await t.c.syncJournal.insertOne({ _id: new ObjectId(), runId, at, entries: [e1, e2] });
      // The run wrote D-1 (and one of its history entries) and was killed before D-2.
      await t.c.devices.updateOne(
        { _id: d1._id },
        { $set: { user: 'alice@contoso.co.jp', lastSyncRun: runId } },
      );
      await t.c.fieldHistory.insertOne(e1.history[0]);
      const historyBefore = await t.c.fieldHistory.countDocuments();

      for (let i = 0; i < 2; i++) await replayJournals(ledgerStore(t.c), t.ledger.usage);

      expect(await t.c.fieldHistory.countDocuments()).toBe(historyBefore);
      expect(await t.c.fieldHistory.countDocuments({ _id: e1.history[0]._id })).toBe(1);
      expect(await t.c.fieldHistory.countDocuments({ _id: e2.history[0]._id })).toBe(0);
      expect(await t.ledger.usage.export()).toEqual([
        {
          assetNumber: 'D-1',
          user: 'alice@contoso.co.jp',
          from: '2031-01-02',
          to: null,
          note: null,
        },
      ]);
      expect((await t.c.alerts.find().toArray()).map((a) => a._id)).toEqual(['test-finding:D-1']);
      expect(await t.c.syncJournal.countDocuments()).toBe(0);
    } finally {
      await t.close();
    }
  });
});
