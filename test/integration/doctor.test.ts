/**
 * `daicho doctor` as an admin runs it: the built CLI against the Graph and Jamf Pro simulators
 * and the wire-protocol test database, configured right and wrong.
 */
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CHECK_NAMES } from '../../src/doctor';
import { generateIntuneDevices, generateJamfComputers } from '../../src/sim/fixtures';
import type { Simulators } from '../../src/sim/sim-server';
import { runCli, type CliResult } from '../support/cli';
import { startTestSimulators } from '../support/sim-harness';
import { latinSentences } from '../support/latin-text';
import { openTestDb, type TestDb } from '../support/test-db';

interface Check {
  name: string;
  status: string;
  detail: string;
  fix: string | null;
}

let sims: Simulators;
let t: TestDb;
let base: Record<string, string>;
let bot: Record<string, string>;

beforeAll(async () => {
  sims = await startTestSimulators({
    graph: { devices: generateIntuneDevices(3, 7) },
    jamf: { computers: generateJamfComputers(2, 8) },
  });
  t = await openTestDb();
  base = { ...sims.env, MONGODB_URI: t.uri, MONGODB_DB: t.name, DAICHO_LOCALE: 'en' };
  // The simulator's token endpoint stands in for the Bot Framework's (same Entra ID protocol).
  bot = {
    BOT_ID: sims.env.AZURE_CLIENT_ID,
    BOT_PASSWORD: sims.env.AZURE_CLIENT_SECRET,
    BOT_TYPE: 'SingleTenant',
    BOT_TENANT_ID: sims.env.AZURE_TENANT_ID,
    ADMIN_USER_IDS: '00000000-0000-0000-0000-0000000000a1',
  };
});
afterAll(async () => {
  await t.close();
  await sims.close();
});

function checksOf(result: CliResult): Check[] {
  const json = JSON.parse(result.stdout) as { checks: Check[] };
  expect(Object.keys(json)).toEqual(['checks']);
  for (const check of json.checks) {
    expect(Object.keys(check).sort()).toEqual(['detail', 'fix', 'name', 'status']);
    expect(['ok', 'fail', 'skipped']).toContain(check.status);
  }
  expect(json.checks.map((check) => check.name)).toEqual(CHECK_NAMES);
  return json.checks;
}

const statuses = (checks: Check[]) =>
  Object.fromEntries(checks.map((check) => [check.name, check.status]));

/** No secret may reach the terminal. */
function expectNoSecrets(result: CliResult): void {
  for (const secret of [sims.env.AZURE_CLIENT_SECRET, sims.env.JAMF_CLIENT_SECRET])
    expect(result.stdout + result.stderr).not.toContain(secret);
}

/** A port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('daicho doctor', () => {
  it('reports every configured check ok against the simulators and the database, exit 0', async () => {
    const result = await runCli(['doctor', '--json'], { ...base, ...bot });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const checks = checksOf(result);
    expect(statuses(checks)).toEqual(Object.fromEntries(CHECK_NAMES.map((name) => [name, 'ok'])));
    for (const check of checks) expect(check.fix).toBeNull();
    const detail = (name: string) => checks.find((check) => check.name === name)!.detail;
    expect(detail('database')).toMatch(/server \S+, reachable, writable, unique indexes present/);
    expect(detail('intune')).toContain('DeviceManagementManagedDevices.Read.All');
    expect(detail('jamf')).toContain('2 computers');
    expect(detail('bot')).toContain('Bot Framework token');
    expectNoSecrets(result);
    // The write check leaves nothing behind.
    expect(await t.db.collection('doctor').countDocuments()).toBe(0);
  });

  it('tells what every check found in Japanese when DAICHO_LOCALE is ja', async () => {
    const result = await runCli(['doctor', '--json'], { ...base, DAICHO_LOCALE: 'ja' });
    const checks = checksOf(result);
    const detail = (name: string) => checks.find((check) => check.name === name)!.detail;
    expect(detail('intune')).toMatch(/^アプリ \S+ としてサインインしました。/);
    expect(detail('intune')).toContain('DeviceManagementManagedDevices.Read.All');
    expect(detail('intune')).not.toMatch(/Signed in|answered/);
    expect(detail('jamf')).toMatch(/コンピューターは 2 台、モバイルデバイスは \d+ 台です。$/);
    for (const check of checks)
      expect([check.name, latinSentences(`${check.detail} ${check.fix ?? ''}`)]).toEqual([
        check.name,
        [],
      ]);
  });

  it('fails the intune check with its fix on a wrong client secret, exit 1; no BOT_ID skips bot', async () => {
    const result = await runCli(['doctor', '--json'], {
      ...base,
      AZURE_CLIENT_SECRET: 'the-secret-id-not-its-value',
    });
    expect(result.code).toBe(1);
    const checks = checksOf(result);
    expect(statuses(checks)).toEqual({
      config: 'ok',
      database: 'ok',
      intune: 'fail',
      jamf: 'ok',
      bot: 'skipped',
      publicUrl: 'ok',
      admins: 'skipped',
    });
    const intune = checks.find((check) => check.name === 'intune')!;
    expect(intune.detail).toContain('AADSTS7000215');
    expect(intune.fix).toMatch(/Certificates & secrets.*Value/);
    expect(result.stdout).not.toContain('the-secret-id-not-its-value');
    expect(checks.find((check) => check.name === 'bot')!.detail).toMatch(/Local mode/);
  });

  it('fails the bot check with its fix on a wrong bot password', async () => {
    const result = await runCli(['doctor', '--json'], {
      ...base,
      ...bot,
      BOT_PASSWORD: 'not-the-bot-secret',
    });
    expect(result.code).toBe(1);
    const checkBot = checksOf(result).find((check) => check.name === 'bot')!;
    expect(checkBot.status).toBe('fail');
    expect(checkBot.fix).toContain('BOT_PASSWORD');
    expect(result.stdout).not.toContain('not-the-bot-secret');
  });

  it('fails the database check fast when nothing listens, one line per check', async () => {
    const started = Date.now();
    const uri = `mongodb://127.0.0.1:${await closedPort()}/daicho`;
    const result = await runCli(['doctor'], { ...base, MONGODB_URI: uri, MONGODB_DB: 'daicho' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(CHECK_NAMES.length + 1);
    expect(lines[1]).toMatch(
      /^NG\s+database\s+mongodb:\/\/127\.0\.0\.1:\d+\/daicho .*fix: Check MONGODB_URI/,
    );
    expect(lines[2]).toMatch(/^OK\s+intune\s/);
    expect(lines.at(-1)).toBe('1 check failed.');
  });

  it('names the unique indexes a database lacks', async () => {
    const name = `${t.name}_bare`;
    try {
      const result = await runCli(['doctor', '--json'], { ...base, MONGODB_DB: name });
      expect(result.code).toBe(1);
      const database = checksOf(result).find((check) => check.name === 'database')!;
      expect(database.status).toBe('fail');
      expect(database.detail).toContain('devices.assetNumber_unique, devices.mdmDevice_unique');
      expect(database.fix).toContain('daicho db status');
    } finally {
      await t.client.db(name).dropDatabase();
    }
  });

  it('opens a fresh embedded database the way Daicho does: its indexes created, database ok', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'daicho-doctor-'));
    const embedded = {
      DAICHO_DATA_DIR: dataDir,
      DAICHO_EMBEDDED_DB: 'emulator',
      DAICHO_LOCALE: 'en',
    };
    try {
      const result = await runCli(['doctor', '--json'], { ...embedded, MONGODB_URI: undefined });
      const database = checksOf(result).find((check) => check.name === 'database')!;
      expect(database).toMatchObject({ status: 'ok', fix: null });
      expect(database.detail).toMatch(
        /\(embedded\): server \S+, reachable, writable, unique indexes present/,
      );
      expect(result.code).toBe(0);
    } finally {
      await runCli(['db', 'stop'], { ...embedded, MONGODB_URI: undefined });
    }
  });

  it('speaks Japanese with DAICHO_LOCALE=ja: OK / NG / 未設定 and the fix', async () => {
    const result = await runCli(['doctor'], {
      ...base,
      DAICHO_LOCALE: 'ja',
      JAMF_CLIENT_SECRET: 'wrong-jamf-secret',
    });
    expect(result.code).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^OK\s+config\s/);
    expect(lines[3]).toMatch(/^NG\s+jamf\s.*対処: JAMF_CLIENT_ID/);
    expect(lines[4]).toMatch(/^未設定\s+bot\s+ローカルモード/);
    expect(lines.at(-1)).toBe('1 件の項目が失敗しました。');
    expect(result.stdout).not.toContain('wrong-jamf-secret');
  });

  it('reports a configuration that does not parse, the other checks skipped', async () => {
    const result = await runCli(['doctor', '--json'], { ...base, BOT_ID: 'bot-without-password' });
    expect(result.code).toBe(1);
    const checks = checksOf(result);
    expect(checks[0]).toMatchObject({ name: 'config', status: 'fail' });
    expect(checks[0].detail).toContain('BOT_PASSWORD is required');
    expect(checks[0].fix).toBeTruthy();
    expect(checks.slice(1).every((check) => check.status === 'skipped')).toBe(true);
  });
});
