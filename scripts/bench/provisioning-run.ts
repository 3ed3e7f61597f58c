/**
 * One mode of the provisioning benchmark: a fresh database and tenant, then a dry run, an apply,
 * a dry run after it, and an apply of 1 % changes, each timed with its Graph requests and the
 * tenant's writes.
 */
import { BSON, MongoClient } from 'mongodb';
import { loadConfig } from '../../src/config/config';
import type { Collections } from '../../src/db/collections';
import { createLogger } from '../../src/log';
import { createGraphDirectory, type DirectoryClient } from '../../src/provisioning/graph-directory';
import type { ProvisioningService } from '../../src/provisioning/provisioning-service';
import { newDirectoryState } from '../../src/sim/directory-model';
import type { GraphSimState } from '../../src/sim/graph-sim';
import type { Simulators } from '../../src/sim/sim-server';
import { ROOT, round } from './lib';
import { groupsFixture, peopleFixture, personId, tenantSeed } from './provisioning-fixture';
import { benchCollections, provisioningService } from './services';

export type Mode = 'off' | 'shipped';

export interface ModeContext {
  sims: Simulators;
  uri: string;
  profilesFile: string;
}

const say = (text: string) => process.stderr.write(`[provisioning bench] ${text}\n`);

/** The service over a new Graph client per run, with the limits lifted in mode `off`. */
function service(mode: Mode, c: Collections, ctx: ModeContext, dbName: string) {
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
  const intune = config.intune;
  if (!intune) throw new Error('no Graph settings from the simulator');
  const log = createLogger('silent');
  const unlimited = { limit: 1e9, windowMs: 1000 };
  const clients: DirectoryClient[] = [];
  const svc = provisioningService(c, config, log, () => {
    const client = createGraphDirectory(intune, {
      log,
      timeoutMs: 30_000,
      ...(mode === 'off' ? { rateLimit: { requests: unlimited, writes: unlimited } } : {}),
    });
    clients.push(client);
    return client;
  });
  return { svc, lastClient: () => clients[clients.length - 1] };
}

type Measure = <T>(label: string, work: () => Promise<T>) => Promise<{ out: Measured; value: T }>;
interface Measured {
  seconds: number;
  graphRequests: number;
  retries: number;
  tenantWrites: number;
}

function measurer(
  mode: Mode,
  sim: GraphSimState,
  lastClient: () => DirectoryClient | undefined,
): Measure {
  return async (label, work) => {
    const writesBefore = sim.directory.writes.length;
    const t = performance.now();
    const value = await work();
    const ms = performance.now() - t;
    const out = {
      seconds: round(ms / 1000, 2),
      graphRequests: lastClient()?.stats.requests ?? 0,
      retries: lastClient()?.stats.retries ?? 0,
      tenantWrites: sim.directory.writes.length - writesBefore,
    };
    say(
      `${mode}: ${label} ${out.seconds} s, ${out.graphRequests} requests, ${out.tenantWrites} writes`,
    );
    return { out, value };
  };
}

/** Steady state: 1 % of the people change job title, one leaves (stopped). */
async function changeOnePercent(c: Collections, people: number): Promise<void> {
  const changed = Math.max(1, Math.round(people / 100));
  await c.people.updateMany(
    { personId: { $lte: personId(changed) } },
    { $set: { jobTitle: '部長' } },
  );
  await c.people.updateOne(
    { personId: personId(people) },
    { $set: { removed: true, removedAt: new Date() } },
  );
}

async function runs(svc: ProvisioningService, c: Collections, people: number, measure: Measure) {
  const actor = { by: 'bench' };
  const dry = await measure('dry run', () => svc.plan(actor));
  const apply = await measure('apply', () => svc.apply(actor));
  const run = apply.value.run;
  const logEntries = await c.provisioningLog.countDocuments({ runId: run._id });
  const again = await measure('dry run after apply', () => svc.plan(actor));
  await changeOnePercent(c, people);
  const steady = await measure('apply of 1 % changes', () => svc.apply(actor));
  return {
    dryRun: {
      ...dry.out,
      graphRequests: dry.value.requests,
      operations: dry.value.plan.operations.length,
      summary: dry.value.plan.summary,
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
}

export async function oneMode(mode: Mode, people: number, ctx: ModeContext) {
  const dbName = `daicho_bench_provisioning_${mode}`;
  const graph = ctx.sims.graph;
  if (!graph) throw new Error('the Graph simulator did not start');
  const sim = graph.state;
  Object.assign(sim, { faults: [], log: [], directory: newDirectoryState(tenantSeed(people)) });
  const client = await new MongoClient(ctx.uri, { serverSelectionTimeoutMS: 10_000 }).connect();
  try {
    const db = client.db(dbName);
    await db.dropDatabase();
    const c = await benchCollections(db);
    await c.people.insertMany(peopleFixture(people));
    await c.directoryGroups.insertMany(groupsFixture());
    const { svc, lastClient } = service(mode, c, ctx, dbName);
    const figures = await runs(svc, c, people, measurer(mode, sim, lastClient));
    return {
      rateLimits:
        mode === 'off'
          ? 'lifted'
          : 'as shipped: 1,500 requests / 10 s, 2,900 writes / 150 s (Entra ID: 3,000 writes / 150 s per app and tenant)',
      ...figures,
    };
  } finally {
    await client
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await client.close();
  }
}
