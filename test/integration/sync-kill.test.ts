import { spawn } from 'node:child_process';
import { generateIntuneDevices } from '../../src/sim/fixtures';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { CLI, runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';

/** Starts `daicho link …` and SIGKILLs it after `ms`; resolves when it is gone. */
function killAfter(
  args: string[],
  env: Record<string, string>,
  ms: number,
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('node', [CLI, ...args], { env: { ...process.env, ...env } });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('a sync killed at any point converges when run again', () => {
  let sims: Simulators;
  const dbs: TestDb[] = [];
  beforeAll(async () => {
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: { devices: generateIntuneDevices(1200, 21), maxPageSize: 400 },
      jamf: false,
    });
  });
  afterAll(async () => {
    await sims.close();
    await Promise.all(dbs.map((d) => d.close()));
  });
  // Asset numbers from serials: the generated tenant's placeholder and repeated serials make
  // many devices take SYS numbers, whose reservation is the delicate part of a restart.
  const link = ['link', 'intune', '--match', 'serial', '--asset-number', 'serial'];

  it('gives the same exported ledger as an uninterrupted run (SIGKILL at four points)', async () => {
    const reference = await openTestDb();
    dbs.push(reference);
    const refEnv = {
      ...sims.env,
      MONGODB_URI: reference.uri,
      MONGODB_DB: reference.name,
      SYNC_SCHEDULE: 'off',
    };
    await reference.ledger.create({ assetNumber: 'PRE-1', serialNumber: 'x' }, { by: 'test' });
    const started = Date.now();
    expect((await runCli(link, refEnv)).code).toBe(0);
    const fullMs = Date.now() - started;
    const expected = (await runCli(['devices', 'export'], refEnv)).stdout;
    expect(JSON.parse(expected)).toHaveLength(1201);

    let killed = 0;
    for (const fraction of [0.25, 0.45, 0.65, 0.85]) {
      const t = await openTestDb();
      dbs.push(t);
      const env = { ...sims.env, MONGODB_URI: t.uri, MONGODB_DB: t.name, SYNC_SCHEDULE: 'off' };
      await t.ledger.create({ assetNumber: 'PRE-1', serialNumber: 'x' }, { by: 'test' });
      const code = await killAfter(link, env, Math.round(fullMs * fraction));
      if (code === null) killed++; // on a loaded machine a late kill may find the run finished
      // Run again as an admin would: link again (same settings) if the master was not saved yet.
      const rerun = await runCli(link, env);
      expect([rerun.code, rerun.stderr]).toEqual([0, '']);
      const exported = (await runCli(['devices', 'export'], env)).stdout;
      expect(JSON.parse(exported)).toEqual(JSON.parse(expected));
    }
    expect(killed).toBeGreaterThanOrEqual(3);
  });
});
