#!/usr/bin/env node
/**
 * Microsoft 365 provisioning at scale: a dry run and an apply over N people (default 1,000)
 * with account, licence and group provisioning on, through the real ProvisioningService and
 * Graph directory client, against the Graph simulator's directory (https, in this process) and
 * the embedded wire-protocol emulator (or --mongodb-uri). `npm run build` first.
 *
 *   node scripts/bench/provisioning.js [--people 1000] [--limits both|shipped|off]
 *                                      [--mongodb-uri URI] [--out FILE]
 *
 * --limits: `shipped` runs with the client's Graph budgets as shipped (1,500 requests / 10 s,
 * 2,900 writes / 150 s: Entra ID's own limits per app and tenant, which a real tenant enforces
 * with 429s); `off` lifts them to show the runner's own cost; `both` (default) runs each on a
 * fresh database and tenant. Prints one JSON object on stdout; progress goes to stderr.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DIST = path.join(ROOT, 'dist');
const dist = (m) => require(path.join(DIST, m));
const say = (text) => process.stderr.write(`[provisioning bench] ${text}\n`);
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const E1 = '18181a46-0d4e-45cd-891e-60aabd171b4e';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const DEPARTMENTS = [
  '情報システム部',
  '営業部',
  '総務部',
  '経理部',
  '人事部',
  '開発部',
  '製造部',
  '品質保証部',
  '購買部',
  '法務部',
];

function parseArgs(argv) {
  const o = { people: 1000, limits: 'both', mongodbUri: null, out: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--people') o.people = Number(value());
    else if (flag === '--limits') o.limits = value();
    else if (flag === '--mongodb-uri') o.mongodbUri = value();
    else if (flag === '--out') o.out = value();
    else throw new Error(`unknown option ${flag}`);
  }
  if (!Number.isInteger(o.people) || o.people < 1)
    throw new Error('--people must be a whole number');
  if (!['both', 'shipped', 'off'].includes(o.limits))
    throw new Error('--limits: both, shipped or off');
  return o;
}

/** The directory: N people in ten departments, each also in 全社員; 80 % 標準 (E3), 20 % 軽量 (E1). */
function peopleFixture(n) {
  const { emptyAttributes, defaultImmutableId } = dist('people/person');
  const at = new Date('2025-04-01T00:00:00Z');
  return Array.from({ length: n }, (_, k) => {
    const personId = `P${String(k + 1).padStart(5, '0')}`;
    return {
      ...emptyAttributes(),
      personId,
      displayName: `利用者 ${k + 1}`,
      givenName: '太郎',
      surname: `山田${k + 1}`,
      userPrincipalName: `${personId.toLowerCase()}@contoso.co.jp`,
      onPremisesImmutableId: defaultImmutableId(personId),
      department: DEPARTMENTS[k % DEPARTMENTS.length],
      jobTitle: k % 10 === 0 ? '課長' : '担当',
      employeeId: personId,
      companyName: 'Contoso 株式会社',
      usageLocation: 'JP',
      businessPhones: [`+81 3-0000-${String(k % 10000).padStart(4, '0')}`],
      custom: {},
      licenceProfile: k % 5 === 4 ? '軽量' : '標準',
      groups: [DEPARTMENTS[k % DEPARTMENTS.length], '全社員'],
      m365AccountId: null,
      releasedAccountIds: [],
      removed: false,
      removedAt: null,
      createdAt: at,
      updatedAt: at,
    };
  });
}

function groupsFixture() {
  const at = new Date('2025-04-01T00:00:00Z');
  return ['全社員', ...DEPARTMENTS].map((name) => ({
    name,
    displayName: name,
    description: `${name}のメンバー`,
    m365GroupId: null,
    removed: false,
    removedAt: null,
    createdAt: at,
    updatedAt: at,
  }));
}

function tenantSeed(n) {
  return {
    users: [],
    groups: [],
    skus: [
      {
        skuId: E3,
        skuPartNumber: 'ENTERPRISEPACK',
        prepaidUnits: n,
        servicePlans: [{ servicePlanId: TEAMS, servicePlanName: 'TEAMS1' }],
      },
      { skuId: E1, skuPartNumber: 'STANDARDPACK', prepaidUnits: n, servicePlans: [] },
    ],
  };
}

async function oneMode(mode, o, ctx) {
  const { BSON, MongoClient } = require('mongodb');
  const { loadConfig } = dist('config/config');
  const { collections, ensureIndexes } = dist('db/collections');
  const { createLogger } = dist('log');
  const { PeopleService } = dist('people/people-service');
  const { createGraphDirectory } = dist('provisioning/graph-directory');
  const { ProvisioningService } = dist('provisioning/provisioning-service');
  const { newDirectoryState } = dist('sim/directory-model');

  const dbName = `daicho_bench_provisioning_${mode}`;
  const sim = ctx.sims.graph.state;
  Object.assign(sim, { faults: [], log: [], directory: newDirectoryState(tenantSeed(o.people)) });
  const config = loadConfig(
    {
      ...ctx.sims.env,
      MONGODB_URI: ctx.uri,
      MONGODB_DB: dbName,
      LOG_LEVEL: 'silent',
      PROVISION_ACCOUNTS: 'on',
      PROVISION_LICENSES: 'on',
      PROVISION_GROUPS: 'on',
      PROVISION_SAFETY_LIMIT: '10',
      PROVISIONING_LICENSE_PROFILES_FILE: ctx.profilesFile,
    },
    ROOT,
  );
  const client = await new MongoClient(ctx.uri, { serverSelectionTimeoutMS: 10_000 }).connect();
  try {
    const db = client.db(dbName);
    await db.dropDatabase();
    await ensureIndexes(db);
    const c = collections(db);
    await c.people.insertMany(peopleFixture(o.people));
    await c.directoryGroups.insertMany(groupsFixture());
    const people = new PeopleService(c);
    const log = createLogger('silent');
    const unlimited = { limit: 1e9, windowMs: 1000 };
    let last;
    const svc = new ProvisioningService({
      c,
      people,
      config,
      log,
      directory: () =>
        (last = createGraphDirectory(config.intune, {
          log,
          timeoutMs: 30_000,
          ...(mode === 'off' ? { rateLimit: { requests: unlimited, writes: unlimited } } : {}),
        })),
    });
    const actor = { by: 'bench' };
    const measure = async (label, work) => {
      const writesBefore = sim.directory.writes.length;
      const t = performance.now();
      const value = await work();
      const ms = performance.now() - t;
      const out = {
        seconds: round(ms / 1000, 2),
        graphRequests: last.stats.requests,
        retries: last.stats.retries,
        tenantWrites: sim.directory.writes.length - writesBefore,
      };
      say(
        `${mode}: ${label} ${out.seconds} s, ${out.graphRequests} requests, ${out.tenantWrites} writes`,
      );
      return { out, value };
    };

    const dry = await measure('dry run', () => svc.plan(actor));
    const summary = dry.value.plan.summary;
    const apply = await measure('apply', () => svc.apply(actor));
    const run = apply.value.run;
    const logEntries = await c.provisioningLog.countDocuments({ runId: run._id });
    const again = await measure('dry run after apply', () => svc.plan(actor));

    // Steady state: 1 % of the people change job title, one leaves (stopped).
    const changed = Math.max(1, Math.round(o.people / 100));
    await c.people.updateMany(
      { personId: { $lte: `P${String(changed).padStart(5, '0')}` } },
      { $set: { jobTitle: '部長' } },
    );
    await c.people.updateOne(
      { personId: `P${String(o.people).padStart(5, '0')}` },
      { $set: { removed: true, removedAt: new Date() } },
    );
    const steady = await measure('apply of 1 % changes', () => svc.apply(actor));

    return {
      rateLimits:
        mode === 'off'
          ? 'lifted'
          : 'as shipped: 1,500 requests / 10 s, 2,900 writes / 150 s (Entra ID: 3,000 writes / 150 s per app and tenant)',
      dryRun: {
        ...dry.out,
        graphRequests: dry.value.requests,
        operations: dry.value.plan.operations.length,
        summary,
        problems: dry.value.plan.problems.length,
        // The run document holds its plan: MongoDB's limit is 16 MB per document.
        runDocumentKb: round(BSON.calculateObjectSize(dry.value) / 1024, 0),
      },
      apply: {
        ...apply.out,
        graphRequests: run.requests,
        status: run.status,
        counts: run.counts,
        logEntries,
        initialPasswordsReturned: apply.value.initialPasswords.length,
        operationsPerSecond: round(run.plan.operations.length / apply.out.seconds, 0),
      },
      dryRunAfterApply: {
        ...again.out,
        graphRequests: again.value.requests,
        operations: again.value.plan.operations.length,
      },
      steadyApply: {
        ...steady.out,
        graphRequests: steady.value.run.requests,
        status: steady.value.run.status,
        summary: Object.fromEntries(
          Object.entries(steady.value.run.plan.summary).filter(([, v]) => v > 0),
        ),
      },
    };
  } finally {
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
  }
}

async function child(o) {
  const work = process.env.DAICHO_BENCH_PROVISIONING_DIR;
  const { startSimulators } = dist('sim/sim-server');
  const profilesFile = path.join(work, 'profiles.json');
  writeFileSync(
    profilesFile,
    JSON.stringify({
      標準: [{ skuPartNumber: 'ENTERPRISEPACK', disabledPlans: ['TEAMS1'] }],
      軽量: [{ skuPartNumber: 'STANDARDPACK' }],
    }),
  );
  let emulator = null;
  let uri = o.mongodbUri;
  let dbKind = 'external';
  if (!uri) {
    const { startEmulator } = dist('db/embedded/emulator');
    emulator = await startEmulator(path.join(work, 'db'));
    uri = `mongodb://127.0.0.1:${emulator.port}/?directConnection=true`;
    dbKind = 'emulator (embedded wire-protocol server)';
    say(`emulator started (pid ${emulator.pid})`);
  }
  const sims = await startSimulators({ dataDir: work, graph: {}, jamf: false });
  try {
    const modes = o.limits === 'both' ? ['off', 'shipped'] : [o.limits];
    const results = {};
    for (const mode of modes)
      results[mode === 'off' ? 'limitsLifted' : 'limitsAsShipped'] = await oneMode(mode, o, {
        sims,
        uri,
        profilesFile,
      });
    return {
      benchmark: 'provisioning',
      command: `node scripts/bench/provisioning.js --people ${o.people} --limits ${o.limits}`,
      at: new Date().toISOString(),
      machine: {
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        memoryGb: round(os.totalmem() / 2 ** 30),
      },
      database: dbKind,
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
    if (emulator) {
      try {
        process.kill(emulator.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(DIST, 'provisioning', 'provisioning-service.js')))
    throw new Error('dist/ is missing or old: run npm run build first');
  if (process.env.DAICHO_BENCH_PROVISIONING_DIR) {
    const result = await child(o);
    const text = `${JSON.stringify(result, null, 2)}\n`;
    if (o.out) writeFileSync(o.out, text);
    process.stdout.write(text);
    return;
  }
  // The simulator's certificate must be trusted when Node starts: run again with it.
  const work = mkdtempSync(path.join(os.tmpdir(), 'daicho-bench-provisioning-'));
  try {
    const { ensureSimCertificate } = dist('sim/tls');
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

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
});
