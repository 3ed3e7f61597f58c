import type { Config } from '../config/config';
import { DaichoError, isDaichoError } from '../errors';
import type { Actor } from '../ledger/actor';
import type { Logger } from '../log';
import type { PeopleService } from '../people/people-service';
import type { Person } from '../people/person';
import { executePlan } from './apply-operations';
import { createGraphDirectory, type DirectoryClient } from './graph-directory';
import { planProvisioning } from './plan';
import { checkPlan, checkSwitches } from './plan-check';
import type { PlanProblem, ProvisioningPlan } from './plan-types';
import type {
  InitialPassword,
  ProvisioningLogDoc,
  ProvisioningRunDoc,
  ProvisioningRunStatus,
} from './provisioning-runs';
import { RunReads, RunStore, type ProvisioningRecords } from './provisioning-run-store';
import { readTenant } from './read-tenant';

export type {
  InitialPassword,
  ProvisioningLogDoc,
  ProvisioningRunDoc,
  ProvisioningRunStatus,
} from './provisioning-runs';

/** How many of a person's log entries `why` returns (newest first). */
export const WHY_LIMIT = 100;

export interface ProvisioningDeps {
  /** The runs, their log and the apply lease (handed to the run store, their one owner). */
  c: ProvisioningRecords;
  people: PeopleService;
  config: Config;
  /** A new Graph directory client per run (its stats are the run's requests). */
  directory: () => DirectoryClient;
  log: Logger;
  now?: () => Date;
}

export interface ApplyResult {
  run: ProvisioningRunDoc;
  /** First passwords of the accounts this run created: shown once, stored nowhere. */
  initialPasswords: InitialPassword[];
}

/**
 * Microsoft 365 provisioning runs (seed 001): read the tenant and the directory → plan (pure)
 * → apply through Graph. Every run is recorded with its plan; a plan that stops or deletes more
 * accounts than the safety limit waits for an admin; one apply at a time across processes (a
 * lease); a log entry per object operation. No transactions: each write stands alone, and
 * planning again after an interrupted apply gives what is left to do.
 */
export class ProvisioningService {
  private readonly now: () => Date;
  private readonly store: RunStore;
  private readonly reads: RunReads;

  constructor(private readonly deps: ProvisioningDeps) {
    this.now = deps.now ?? (() => new Date());
    this.store = new RunStore(deps.c, this.now);
    this.reads = new RunReads(deps.c);
  }

  /** A dry run: reads the tenant only (no write), stores the plan as a 'planned' run. */
  async plan(actor: Actor): Promise<ProvisioningRunDoc> {
    this.ready();
    const directory = this.deps.directory();
    const plan = await this.makePlan(directory);
    const run = this.store.newRun('planned', true, plan, actor, directory.stats.requests);
    run.endedAt = run.createdAt;
    await this.store.insert(run);
    this.deps.log.info(
      { runId: run._id.toHexString(), summary: plan.summary, requests: directory.stats },
      'provisioning dry run',
    );
    return run;
  }

  /** Plans (or takes the given plan) and applies it, unless it needs approval: then 'held'. */
  async apply(actor: Actor, options: { plan?: ProvisioningPlan } = {}): Promise<ApplyResult> {
    this.ready();
    const given = options.plan ? checkPlan(options.plan, this.deps.config.provisioning) : null;
    return this.store.withLease(async () => {
      const directory = this.deps.directory();
      const plan = given ?? (await this.makePlan(directory));
      if (plan.needsApproval) {
        const run = this.store.newRun('held', false, plan, actor, directory.stats.requests);
        await this.store.insert(run);
        await this.store.supersedeHeld(run._id);
        this.deps.log.info(
          { runId: run._id.toHexString(), removals: plan.removals, limit: plan.safetyLimit },
          'provisioning run held for approval',
        );
        return { run, initialPasswords: [] };
      }
      const run = this.store.newRun('applying', false, plan, actor, directory.stats.requests);
      await this.store.insert(run);
      return this.execute(run, directory, 0);
    });
  }

  /** Executes the plan of a held run, as it was planned. */
  async approve(runId: string, actor: Actor): Promise<ApplyResult> {
    this.ready();
    return this.store.withLease(async () => {
      const held = await this.store.heldRun(runId);
      checkSwitches(held.plan.operations, this.deps.config.provisioning);
      const run = await this.store.decide(runId, 'applying', actor);
      // A new client: the requests of the plan's reads were counted when it was held.
      return this.execute(run, this.deps.directory(), run.requests);
    });
  }

  /** Drops a held run: nothing of it is applied. */
  async reject(runId: string, actor: Actor): Promise<ProvisioningRunDoc> {
    const run = await this.store.decide(runId, 'rejected', actor);
    this.deps.log.info({ runId, by: actor.by }, 'provisioning run rejected');
    return run;
  }

  /** The latest runs, newest first. */
  runs(limit = 20): Promise<ProvisioningRunDoc[]> {
    return this.reads.latest(limit);
  }

  get(runId: string): Promise<ProvisioningRunDoc> {
    return this.reads.get(runId);
  }

  /** A run's log, in the order the operations ended. */
  async log(runId: string): Promise<ProvisioningLogDoc[]> {
    const run = await this.get(runId);
    return this.reads.logOf(run);
  }

  /** A run's failed objects, in the order they were tried (what its result card lists). */
  failures(run: ProvisioningRunDoc): Promise<ProvisioningLogDoc[]> {
    return this.reads.logOf(run, 'failed');
  }

  /** The person's log across runs (newest first, at most WHY_LIMIT) and the latest plan's problems. */
  async why(
    personId: string,
  ): Promise<{ person: Person; entries: ProvisioningLogDoc[]; problems: PlanProblem[] }> {
    const person = await this.deps.people.get(personId);
    const entries = await this.reads.personLog(person.personId, WHY_LIMIT);
    const problems = (await this.reads.latestProblems()).filter(
      (p) => p.subject.kind === 'person' && p.subject.personId === person.personId,
    );
    return { person, entries, problems };
  }

  /** Executes the run's plan; `earlier` = Graph requests counted before this client's. */
  private async execute(
    run: ProvisioningRunDoc,
    directory: DirectoryClient,
    earlier: number,
  ): Promise<ApplyResult> {
    const started = Date.now();
    try {
      const outcome = await executePlan(run.plan, run._id, {
        directory,
        people: this.deps.people,
        logs: this.store,
        now: this.now,
      });
      const { counts } = outcome;
      const status: ProvisioningRunStatus =
        counts.failed === 0 ? 'applied' : counts.ok === 0 ? 'failed' : 'partial';
      const done = await this.store.end(run._id, {
        status,
        counts,
        requests: earlier + directory.stats.requests,
        error: status === 'failed' ? outcome.firstFailure : null,
      });
      this.deps.log.info(
        {
          runId: run._id.toHexString(),
          status,
          counts,
          requests: directory.stats,
          ms: Date.now() - started,
        },
        'provisioning run finished',
      );
      return { run: done!, initialPasswords: outcome.initialPasswords };
    } catch (e) {
      const error = isDaichoError(e) ? `${e.code}: ${JSON.stringify(e.params)}` : String(e);
      await this.store
        .end(run._id, { status: 'failed', error, requests: earlier + directory.stats.requests })
        .catch(() => undefined);
      this.deps.log.error({ err: e, runId: run._id.toHexString() }, 'provisioning run failed');
      throw e;
    }
  }

  private async makePlan(directory: DirectoryClient): Promise<ProvisioningPlan> {
    const p = this.deps.config.provisioning;
    const tenant = await readTenant(directory, p);
    const [people, groups] = await Promise.all([
      this.deps.people.list(),
      this.deps.people.listGroups(),
    ]);
    return planProvisioning({
      people,
      groups,
      switches: {
        accounts: p.accounts,
        licences: p.licences,
        groups: p.groups,
        accountRemoval: p.accountRemoval,
        groupRemoval: p.groupRemoval,
        safetyLimit: p.safetyLimit,
      },
      mapping: p.mapping,
      licenceProfiles: p.licenceProfiles,
      tenant,
    });
  }

  /** Something to provision, and the app registration to do it with. */
  private ready(): void {
    const { config } = this.deps;
    const p = config.provisioning;
    if (!p.accounts && !p.licences && !p.groups)
      throw new DaichoError('PROVISIONING_OFF', 'provision.allOff', {
        file: `env/.env.${config.envName}`,
      });
    if (!config.intune) throw noGraphError(config);
  }
}

function noGraphError(config: Config): DaichoError {
  return new DaichoError('NO_CREDENTIALS', 'provision.noGraph', {
    file: `env/.env.${config.envName}.user`,
  });
}

/**
 * The Graph directory of the configured app registration (the Intune connection's), one client
 * per run; the composition root and the CLI pass this as `directory`.
 */
export function graphDirectoryFor(config: Config, log: Logger): () => DirectoryClient {
  return () => {
    if (!config.intune) throw noGraphError(config);
    return createGraphDirectory(config.intune, { log, timeoutMs: config.mdmRequestTimeoutMs });
  };
}
