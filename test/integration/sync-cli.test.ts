import { spawn } from 'node:child_process';
import { generateIntuneDevices } from '../../src/sim/fixtures';
import { generateJamfComputers } from '../../src/sim/fixtures';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { CLI, runCli } from '../support/cli';
import { openTestDb, type TestDb } from '../support/test-db';

describe('daicho link / sync / unlink / sim, through the simulators', () => {
  let t: TestDb;
  let sims: Simulators;
  let env: Record<string, string>;
  beforeEach(async () => {
    t = await openTestDb();
    sims = await startSimulators({
      dataDir: process.env.TEST_SIM_DATA_DIR!,
      graph: { devices: generateIntuneDevices(300, 7) },
      jamf: { computers: generateJamfComputers(40, 7) },
    });
    env = {
      ...sims.env,
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      DAICHO_LOCALE: 'en',
      SYNC_SCHEDULE: 'off',
    };
  });
  afterEach(async () => {
    await sims.close();
    await t.close();
  });

  it('dry-runs, links, re-syncs as a no-op, refuses a second provider and unlinks', async () => {
    const dry = await runCli(
      [
        'link',
        'intune',
        '--match',
        'serial',
        '--asset-number',
        'device-name',
        '--dry-run',
        '--json',
      ],
      env,
    );
    expect(dry.stderr).toBe('');
    const preview = JSON.parse(dry.stdout);
    expect(preview).toMatchObject({
      dryRun: true,
      status: 'dry-run',
      counts: { mdmDevices: 300, linked: 0 },
    });
    expect(preview.counts.created).toBe(300 - preview.counts.linked);
    expect(preview.preview.creates).toHaveLength(preview.counts.created);
    expect(await t.c.devices.countDocuments()).toBe(0);

    const link = await runCli(
      ['link', 'intune', '--match', 'serial', '--asset-number', 'device-name'],
      env,
    );
    expect(link.code).toBe(0);
    expect(link.stdout).toMatch(
      /^Sync success: 0 linked, (\d+) created, 0 updated, 0 unchanged, (\d+) duplicates?, (\d+) conflicts?, 0 missing \(300 devices in the MDM\)/,
    );
    const count = await t.c.devices.countDocuments();
    expect(count).toBe(300);
    // The generated tenant has repeated serials, blank names and placeholder serials: the
    // outcome must match the dry run exactly.
    const exported = JSON.parse((await runCli(['devices', 'export'], env)).stdout) as {
      assetNumber: string;
    }[];
    expect(exported.map((d) => d.assetNumber).sort()).toEqual(
      preview.preview.creates.map((c: { assetNumber: string }) => c.assetNumber).sort(),
    );

    const again = JSON.parse((await runCli(['sync', '--json'], env)).stdout);
    expect(again).toMatchObject({
      status: 'success',
      documentsWritten: 0,
      counts: { unchanged: 300, created: 0 },
    });

    const status = JSON.parse((await runCli(['sync', 'status', '--json'], env)).stdout);
    expect(status.master).toMatchObject({
      provider: 'intune',
      matchKey: 'serial',
      assetNumberRule: 'deviceName',
    });
    expect(
      status.runs.map((r: { status: string; trigger: string }) => [r.trigger, r.status]),
    ).toEqual([
      ['manual', 'success'],
      ['link', 'success'],
    ]);

    const jamf = await runCli(['link', 'jamf', '--match', 'udid', '--asset-number', 'name'], env);
    expect(jamf.code).toBe(1);
    expect(jamf.stderr).toMatch(/already Microsoft Intune; only one is allowed/);

    const badWord = await runCli(
      ['link', 'intune', '--match', 'udid', '--asset-number', 'uuid'],
      env,
    );
    expect(badWord.code).toBe(2);
    expect(badWord.stderr).toMatch(/--match cannot be "udid" \(one of serial, uuid\)/);

    const unlink = await runCli(['unlink'], env);
    expect(unlink.stdout).toMatch(/Unlinked Microsoft Intune: 300 devices stay in the ledger/);
    const after = JSON.parse((await runCli(['devices', 'export'], env)).stdout) as {
      source: string;
      mdm: unknown;
    }[];
    expect(after).toHaveLength(300);
    expect(after.every((d) => d.source === 'ledger' && d.mdm === null)).toBe(true);

    const jamfLink = JSON.parse(
      (
        await runCli(
          ['link', 'jamf', '--match', 'serial', '--asset-number', 'serial', '--json'],
          env,
        )
      ).stdout,
    );
    expect(jamfLink).toMatchObject({
      provider: 'jamf',
      status: 'success',
      counts: { mdmDevices: 40 },
    });
    const disconnect = await runCli(['disconnect', 'jamf'], env);
    expect(disconnect.stdout).toMatch(/Unlinked Jamf Pro/);
    // The Intune connection stays (unlink removes only the master integration).
    expect((await t.c.integrations.find().toArray()).map((d) => d._id)).toEqual([
      'connection:intune',
    ]);
  });

  it('says which variables to set when the MDM is not configured, and that nothing is linked', async () => {
    const noCreds = await runCli(
      ['link', 'jamf', '--match', 'serial', '--asset-number', 'serial'],
      { MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' },
    );
    expect(noCreds.code).toBe(1);
    expect(noCreds.stderr.trim()).toBe(
      'Error: No connection settings for Jamf Pro: set JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET.',
    );
    const notLinked = await runCli(['sync'], env);
    expect(notLinked.code).toBe(1);
    expect(notLinked.stderr).toMatch(/No master integration is set up/);
  });

  it('daicho sim serves the demo tenant and prints the settings to use', async () => {
    const child = spawn('node', [CLI, 'sim', '--devices', '5'], {
      // The summary is in the CLI's language (LANG when DAICHO_LOCALE is unset): English here.
      env: { ...process.env, DAICHO_DATA_DIR: process.env.TEST_SIM_DATA_DIR, DAICHO_LOCALE: 'en' },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 20_000;
      while (!/Ctrl-C/.test(out) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(out).toMatch(/Graph \(Intune\) simulator: https:\/\/127\.0\.0\.1:\d+ — 5 devices/);
      expect(out).toMatch(/^export NODE_EXTRA_CA_CERTS=.+sim-cert\.pem$/m);
      const simEnv = Object.fromEntries(
        [...out.matchAll(/^export (\w+)=(.*)$/gm)].map((m) => [m[1], m[2]]),
      );
      const dry = await runCli(
        ['link', 'intune', '--match', 'serial', '--asset-number', 'serial', '--dry-run', '--json'],
        { ...simEnv, MONGODB_URI: t.uri, MONGODB_DB: t.name },
      );
      expect(JSON.parse(dry.stdout).counts.mdmDevices).toBe(5);
    } finally {
      child.kill('SIGINT');
    }
  });
});
