#!/usr/bin/env node
/**
 * Microsoft 365 provisioning at scale: a dry run and an apply over N people (default 1,000)
 * with account, licence and group provisioning on, through the real ProvisioningService and
 * Graph directory client, against the Graph simulator's directory (https, in this process) and
 * the embedded wire-protocol emulator (or --mongodb-uri). `npm run build:bench` first.
 *
 *   node dist/bench/scripts/bench/provisioning.js [--people 1000] [--limits both|shipped|off]
 *                                                 [--mongodb-uri URI] [--out FILE]
 *
 * --limits: `shipped` runs with the client's Graph budgets as shipped (1,500 requests / 10 s,
 * 2,900 writes / 150 s: Entra ID's own limits per app and tenant, which a real tenant enforces
 * with 429s); `off` lifts them to show the runner's own cost; `both` (default) runs each on a
 * fresh database and tenant. Prints one JSON object on stdout; progress goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../../src/db/embedded/emulator';
import type { EmbeddedServerRecord } from '../../src/db/embedded/registry';
import { startSimulators, type Simulators } from '../../src/sim/sim-server';
import { ensureSimCertificate } from '../../src/sim/tls';
import { describeError, round } from './lib';
import { oneMode, type Mode } from './provisioning-run';
import { LICENCE_PROFILES } from './provisioning-fixture';

const say = (text: string) => process.stderr.write(`[provisioning bench] ${text}\n`);

const LIMITS = ['both', 'shipped', 'off'] as const;
type Limits = (typeof LIMITS)[number];
const isLimits = (v: string): v is Limits => (LIMITS as readonly string[]).includes(v);

interface Options {
  people: number;
  limits: Limits;
  mongodbUri: string | null;
  out: string | null;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { people: 1000, limits: 'both', mongodbUri: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag = '', inline] = (argv[i] ?? '').split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--people') o.people = Number(value());
    else if (flag === '--limits') {
      const v = value();
      if (!isLimits(v)) throw new Error('--limits: both, shipped or off');
      o.limits = v;
    } else if (flag === '--mongodb-uri') o.mongodbUri = value();
    else if (flag === '--out') o.out = value();
    else throw new Error(`unknown option ${flag}`);
  }
  if (!Number.isInteger(o.people) || o.people < 1)
    throw new Error('--people must be a whole number');
  return o;
}

/** The database to run on: --mongodb-uri, else an emulator of this run's own. */
async function database(o: Options, work: string) {
  if (o.mongodbUri) return { uri: o.mongodbUri, kind: 'external', emulator: null };
  const emulator: EmbeddedServerRecord = await startEmulator(path.join(work, 'db'));
  say(`emulator started (pid ${emulator.pid})`);
  return {
    uri: `mongodb://127.0.0.1:${emulator.port}/?directConnection=true`,
    kind: 'emulator (embedded wire-protocol server)',
    emulator,
  };
}

async function runModes(o: Options, sims: Simulators, uri: string, profilesFile: string) {
  const modes: Mode[] = o.limits === 'both' ? ['off', 'shipped'] : [o.limits];
  const results: Record<string, Awaited<ReturnType<typeof oneMode>>> = {};
  for (const mode of modes)
    results[mode === 'off' ? 'limitsLifted' : 'limitsAsShipped'] = await oneMode(mode, o.people, {
      sims,
      uri,
      profilesFile,
    });
  return results;
}

/** The measuring process (started by main with the simulator's certificate trusted). */
async function child(o: Options, work: string) {
  const profilesFile = path.join(work, 'profiles.json');
  writeFileSync(profilesFile, JSON.stringify(LICENCE_PROFILES));
  const db = await database(o, work);
  const sims = await startSimulators({ dataDir: work, graph: {}, jamf: false });
  try {
    const results = await runModes(o, sims, db.uri, profilesFile);
    return {
      benchmark: 'provisioning',
      command: `node dist/bench/scripts/bench/provisioning.js --people ${o.people} --limits ${o.limits}`,
      at: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: round(os.totalmem() / 2 ** 30),
      },
      database: db.kind,
      graph:
        'Graph simulator over https (this process), directory with 2 SKUs, no users or groups at the start',
      directory: {
        people: o.people,
        groups: 11,
        membershipsPerPerson: 2,
        licenceProfiles: { 標準: 'ENTERPRISEPACK, TEAMS1 off', 軽量: 'STANDARDPACK' },
      },
      results,
      maxRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    };
  } finally {
    await sims.close();
    if (db.emulator) {
      try {
        process.kill(db.emulator.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const childWork = process.env.DAICHO_BENCH_PROVISIONING_DIR;
  if (childWork) {
    const text = `${JSON.stringify(await child(o, childWork), null, 2)}\n`;
    if (o.out) writeFileSync(o.out, text);
    process.stdout.write(text);
    return;
  }
  // The simulator's certificate must be trusted when Node starts: run again with it.
  const work = mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-provisioning-'));
  try {
    const cert = await ensureSimCertificate(path.join(work, 'sim'));
    const r = spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: cert.certPath,
        DAICHO_BENCH_PROVISIONING_DIR: work,
      },
    });
    process.exitCode = r.status ?? 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${describeError(e)}\n`);
  process.exitCode = 1;
});
