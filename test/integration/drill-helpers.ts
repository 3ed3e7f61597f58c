/**
 * Shared pieces of the fault drills (drill-*.test.ts): a seeded random source whose seed is
 * printed, the `daicho` CLI as a child process that can be SIGKILLed, the ledger as exported,
 * the invariants every drill checks, and a TCP proxy in front of the database that can be cut.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { RawManagedDevice } from '../../src/sim/fixtures-intune';
import { createRandom, type Random } from '../../src/sim/fixtures-random';
import type { Simulators } from '../../src/sim/sim-server';
import { CLI, runCli } from '../support/cli';
import type { TestDb } from '../support/test-db';

/** DRILL_SEED=<n> repeats a drill exactly; without it each run draws (and prints) a new seed. */
export function drillRandom(name: string): { seed: number; random: Random } {
  const given = Number(process.env.DRILL_SEED);
  const seed = Number.isInteger(given) && given > 0 ? given : (Date.now() % 2_000_000_000) + 1;
  process.stdout.write(`[${name}] seed ${seed} (repeat with DRILL_SEED=${seed})\n`);
  return { seed, random: createRandom(seed) };
}

/** What the CLI needs to use this database and these simulators. */
export function cliEnv(sims: Simulators, t: TestDb, extra: Record<string, string> = {}) {
  return {
    ...sims.env,
    MONGODB_URI: t.uri,
    MONGODB_DB: t.name,
    SYNC_SCHEDULE: 'off',
    DAICHO_LOCALE: 'en',
    ...extra,
  };
}

export interface Spawned {
  child: ChildProcess;
  /** Resolves with the exit code (null when a signal ended it) and the output. */
  exited: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
}

/** Starts `daicho …` as a child process, the way an admin or a cron job would. */
export function spawnCli(args: string[], env: Record<string, string>): Spawned {
  const child = spawn('node', [CLI, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<{
    code: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited };
}

/** Starts `daicho …` and SIGKILLs it after `ms` unless it ended first. */
export async function killAfter(
  args: string[],
  env: Record<string, string>,
  ms: number,
): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  const run = spawnCli(args, env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), ms);
  const end = await run.exited;
  clearTimeout(timer);
  return { killed: end.signal === 'SIGKILL', code: end.code, stderr: end.stderr };
}

/** `daicho devices export --format json`, parsed (the CLI sorts by asset number). */
export async function exportLedger(env: Record<string, string>): Promise<unknown[]> {
  const out = await runCli(['devices', 'export', '--format', 'json'], env);
  if (out.code !== 0) throw new Error(`export failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as unknown[];
}

/** `daicho sync status --json`, parsed. */
export async function syncStatus(env: Record<string, string>): Promise<{
  running: { holder: string; host: string; pid: number; until: string } | null;
  runs: { id: string; trigger: string; status: string; errors: string[] }[];
}> {
  const out = await runCli(['sync', 'status', '--json'], env);
  if (out.code !== 0) throw new Error(`sync status failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/**
 * What must hold after any drill, read straight from the database: no asset number and no MDM
 * device twice (the unique indexes guarantee it on a real mongod; an emulator might not), no run
 * left `running` once nothing runs, no lease left behind. Returns the SYS counter.
 */
export async function checkInvariants(t: TestDb): Promise<{ sysCounter: number }> {
  const devices = await t.c.devices
    .find({}, { projection: { assetNumber: 1, 'mdm.provider': 1, 'mdm.deviceId': 1 } })
    .toArray();
  const assetNumbers = devices.map((d) => d.assetNumber);
  expect(repeated(assetNumbers)).toEqual([]);
  const mdmIds = devices.filter((d) => d.mdm).map((d) => `${d.mdm!.provider}:${d.mdm!.deviceId}`);
  expect(repeated(mdmIds)).toEqual([]);
  expect(await t.c.syncRuns.countDocuments({ status: 'running' })).toBe(0);
  expect(await t.c.leases.countDocuments({ _id: 'sync' })).toBe(0);
  const counter = await t.c.counters.findOne({ _id: 'assetNumber.SYS' });
  return { sysCounter: counter?.seq ?? 0 };
}

function repeated(values: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}

/**
 * The ledger's history as it would be exported, without what differs between two equal runs
 * (_id, device _id, time): who changed which field of which device from what to what, and why.
 */
export async function historyRows(t: TestDb): Promise<string[]> {
  const rows = await t.c.fieldHistory
    .find({}, { projection: { _id: 0, deviceId: 0, at: 0 } })
    .toArray();
  return rows.map((r) => JSON.stringify(r)).sort();
}

/**
 * The findings raised as alerts (duplicates, asset-number conflicts, missing devices), by key;
 * the alerts about runs themselves (failed, partial) are left out.
 */
export async function findingIds(t: TestDb): Promise<string[]> {
  const alerts = await t.c.alerts
    .find({ type: { $nin: ['sync-failed', 'sync-partial'] } }, { projection: { _id: 1 } })
    .toArray();
  return alerts.map((a) => a._id).sort();
}

/** Usage history (利用履歴) as exported; `from`/`to` are days, equal for runs on the same day. */
export async function usageRows(t: TestDb): Promise<string[]> {
  return (await t.ledger.usage.export()).map((r) => JSON.stringify(r)).sort();
}

/**
 * The admin's ledger before the first link, the same in every database of a drill: devices that
 * link by serial (and get field updates), one holding an asset number an MDM device wants (a
 * conflict, so a SYS number), and a SYS number an admin typed in (which SYS numbering skips).
 */
export async function seedLedger(t: TestDb, mdm: RawManagedDevice[], linked = 40): Promise<void> {
  const by = { by: 'test:seed' };
  const serials = mdm
    .map((d) => String(d.serialNumber ?? '').trim())
    .filter((s) => /^[A-Z0-9]{6,}$/i.test(s));
  for (let i = 0; i < linked; i++) {
    await t.ledger.create(
      {
        assetNumber: `PC-${String(i + 1).padStart(4, '0')}`,
        serialNumber: serials[i * 7],
        os: 'Windows 10',
        user: i % 3 === 0 ? `ledger-user-${i}@contoso.co.jp` : undefined,
        status: '利用中',
        procurementDate: '2023-04-01',
      },
      by,
    );
  }
  // An MDM device's serial used as someone else's asset number: that device gets a SYS number.
  await t.ledger.create({ assetNumber: serials[3], serialNumber: 'LEDGER-ONLY-1' }, by);
  await t.ledger.create({ assetNumber: 'SYS000003', serialNumber: 'LEDGER-ONLY-2' }, by);
}

/**
 * A TCP proxy in front of the database: `cut()` drops every connection and refuses new ones
 * until `restore()`, as a network failure or a failover would.
 */
export interface TcpProxy {
  port: number;
  uri: string;
  /** Connections accepted so far. */
  connections: number;
  cut(): void;
  /**
   * The next request whose bytes contain `marker` reaches the server, but its reply is lost:
   * the proxy then cuts (as `cut()`). The worst case for a client: the write was applied and
   * it cannot know.
   */
  loseReplyTo(marker: Buffer, then?: () => void): void;
  restore(): void;
  close(): Promise<void>;
}

/** The bytes that open a command on `collection` in the wire protocol (`{insert: "devices"`). */
export function commandBytes(command: string, collection: string): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32LE(Buffer.byteLength(collection) + 1);
  return Buffer.concat([
    Buffer.from(`\u0002${command}\u0000`),
    length,
    Buffer.from(`${collection}\u0000`),
  ]);
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const url = new URL(target);
  const host = url.hostname;
  const port = Number(url.port || 27017);
  const sockets = new Set<net.Socket>();
  let down = false;
  let connections = 0;
  let marker: Buffer | undefined;
  let afterCut: (() => void) | undefined;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    connections++;
    const upstream = net.connect(port, host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    let marked = false;
    client.on('data', (chunk: Buffer) => {
      if (marker && chunk.includes(marker)) {
        marker = undefined;
        marked = true;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!marked) {
        client.write(chunk);
        return;
      }
      proxy.cut();
      const then = afterCut;
      afterCut = undefined;
      then?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const own = (server.address() as net.AddressInfo).port;
  const proxy: TcpProxy = {
    port: own,
    uri: `mongodb://127.0.0.1:${own}/?directConnection=true`,
    get connections() {
      return connections;
    },
    loseReplyTo(bytes: Buffer, then?: () => void) {
      marker = bytes;
      afterCut = then;
    },
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        proxy.cut();
        server.close(() => resolve());
      }),
  };
  return proxy;
}
