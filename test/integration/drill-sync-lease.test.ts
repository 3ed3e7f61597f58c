/**
 * Fault drill: two `daicho sync` processes started in the same instant, five times over. Exactly
 * one runs; the other exits 1 at once and says who holds the lease (holder, host, pid, until),
 * and what it names is the process that ran. Slow Graph pages keep the winner running long
 * after the loser has tried, so a loser that came late cannot slip in after the winner.
 */
import os from 'node:os';
import { generateIntuneDevices } from '../../src/sim/fixtures';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';
import { checkInvariants, cliEnv, spawnCli, syncStatus } from './drill-helpers';

const ROUNDS = 5;
const HELD =
  /^Error: Another sync is running \((\S+), host (\S+), pid (\d+), until (\S+)\); run again when it ends\.\n$/;

describe('drill: two syncs started together', () => {
  let sims: Simulators;
  let t: TestDb;
  let env: Record<string, string>;
  beforeAll(async () => {
    t = await openTestDb();
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: { devices: generateIntuneDevices(150, 5) },
      jamf: false,
    });
    env = cliEnv(sims, t);
    const link = await runCli(
      ['link', 'intune', '--match', 'serial', '--asset-number', 'serial'],
      env,
    );
    expect([link.code, link.stderr]).toEqual([0, '']);
  });
  afterAll(async () => {
    await sims.close();
    await t.close();
  });

  it(`exactly one runs, the other names it (${ROUNDS} rounds)`, async () => {
    sims.graph!.state.faults.push({
      route: 'managedDevices',
      remaining: Infinity,
      action: { kind: 'delay', ms: 1500 },
    });
    for (let round = 1; round <= ROUNDS; round++) {
      const runsBefore = await t.c.syncRuns.countDocuments();
      const started = Date.now();
      // Both spawned in the same tick: they race for the lease from the first instruction.
      const both = [spawnCli(['sync', '--json'], env), spawnCli(['sync', '--json'], env)];
      const ends = await Promise.all(
        both.map((p) => p.exited.then((end) => ({ ...end, ms: Date.now() - started }))),
      );
      const winner = ends.findIndex((e) => e.code === 0);
      const loser = 1 - winner;
      expect(ends.map((e) => e.code).sort()).toEqual([0, 1]);
      expect(JSON.parse(ends[winner].stdout)).toMatchObject({ status: 'success' });
      expect(ends[loser].stdout).toBe('');
      const said = HELD.exec(ends[loser].stderr);
      expect(said).not.toBeNull();
      const [, holder, host, pid, until] = said!;
      expect(host).toBe(os.hostname());
      expect(Number(pid)).toBe(both[winner].child.pid);
      expect(holder.startsWith(`${host}:${pid}:`)).toBe(true);
      // The lease runs 2 minutes from when the winner took it.
      const untilMs = Date.parse(until);
      expect(untilMs).toBeGreaterThan(started + 100_000);
      expect(untilMs).toBeLessThanOrEqual(Date.now() + 120_000);

      expect(await t.c.syncRuns.countDocuments()).toBe(runsBefore + 1);
      const status = await syncStatus(env);
      expect(status.running).toBeNull();
      expect(status.runs[0]).toMatchObject({ trigger: 'manual', status: 'success' });
      process.stdout.write(
        `[sync-lease] round ${round}: pid ${pid} ran (${ends[winner].ms} ms); the other was refused after ${ends[loser].ms} ms\n`,
      );
    }
    await checkInvariants(t);
  });
});
