import { BSON, ObjectId } from 'mongodb';
import type { Collections } from '../db/collections';
import { DaichoError } from '../errors';
import type { Actor } from '../ledger/actor';
import { Lease } from '../lease/lease';
import type { ProvisioningPlan } from './plan-types';
import type {
  ProvisioningLogDoc,
  ProvisioningRunDoc,
  ProvisioningRunStatus,
} from './provisioning-runs';

/** Below MongoDB's 16 MiB document limit, with room for the fields set as the run ends. */
const MAX_RUN_BYTES = 15.5 * 1024 * 1024;

/** The collections a run store holds: the runs, their per-object log, the apply lease. */
export type ProvisioningRecords = Pick<
  Collections,
  'provisioningRuns' | 'provisioningLog' | 'leases'
>;

/** What the end of an apply writes on its run. */
export type RunEnd = Pick<ProvisioningRunDoc, 'status' | 'requests' | 'error'> &
  Partial<Pick<ProvisioningRunDoc, 'counts'>>;

/**
 * The one owner of the provisioning runs and their log: their records, the apply lease, held
 * runs, and every read the service and the bot make of them.
 */
export class RunStore {
  constructor(
    private readonly c: ProvisioningRecords,
    private readonly now: () => Date,
  ) {}

  newRun(
    status: ProvisioningRunStatus,
    dryRun: boolean,
    plan: ProvisioningPlan,
    actor: Actor,
    requests: number,
  ): ProvisioningRunDoc {
    return {
      _id: new ObjectId(),
      status,
      dryRun,
      plan,
      createdAt: this.now(),
      by: actor.by,
      decidedBy: null,
      decidedAt: null,
      endedAt: null,
      counts: { ok: 0, failed: 0, skipped: 0 },
      requests,
      error: null,
    };
  }

  /**
   * Records a run. Its plan travels in the one document (about 250 bytes per operation): one
   * too large for MongoDB's 16 MB limit is refused with what to do, not a driver error.
   */
  async insert(run: ProvisioningRunDoc): Promise<void> {
    const bytes = BSON.calculateObjectSize(run);
    if (bytes > MAX_RUN_BYTES)
      throw new DaichoError('INVALID_INPUT', 'provision.planTooLarge', {
        operations: run.plan.operations.length,
        mb: Math.round(bytes / 1024 / 102.4) / 10,
      });
    await this.c.provisioningRuns.insertOne(run);
  }

  /** Runs `work` holding the 'provisioning' lease: one apply at a time, across processes. */
  async withLease<T>(work: () => Promise<T>): Promise<T> {
    const lease = new Lease(this.c.leases, 'provisioning');
    await lease.acquireOrThrow('PROVISION_BUSY', 'provision.busy');
    try {
      // We hold the lease: a run still 'applying' belongs to a process that ended mid-way.
      await this.c.provisioningRuns.updateMany(
        { status: 'applying' },
        {
          $set: {
            status: 'failed',
            endedAt: this.now(),
            error: 'RUN_ABANDONED: the process applying it ended before it finished',
          },
        },
      );
      return await work();
    } finally {
      await lease.release();
    }
  }

  /** Log entries of a run's operations, written in batches as the apply goes. */
  async appendLog(entries: ProvisioningLogDoc[]): Promise<void> {
    await this.c.provisioningLog.insertMany(entries, { ordered: false });
  }

  /** Records how the apply of a run ended; returns the run as it is now. */
  async end(runId: ObjectId, end: RunEnd): Promise<ProvisioningRunDoc | null> {
    return this.c.provisioningRuns.findOneAndUpdate(
      { _id: runId },
      { $set: { ...end, endedAt: this.now() } },
      { returnDocument: 'after' },
    );
  }

  /** A newer held run replaces older ones: approving a stale plan later would undo changes. */
  async supersedeHeld(newer: ObjectId): Promise<void> {
    const now = this.now();
    await this.c.provisioningRuns.updateMany(
      { status: 'held', _id: { $ne: newer } },
      {
        $set: {
          status: 'rejected',
          decidedBy: 'system',
          decidedAt: now,
          endedAt: now,
          error: `superseded by run ${newer.toHexString()}`,
        },
      },
    );
  }

  /** The held run `runId`, or the reason it cannot be decided on (unknown, or not held). */
  async heldRun(runId: string): Promise<ProvisioningRunDoc> {
    const run = await this.c.provisioningRuns.findOne({ _id: runObjectId(runId) });
    if (!run) throw new DaichoError('RUN_NOT_FOUND', 'provision.runNotFound', { runId });
    if (run.status !== 'held')
      throw new DaichoError('RUN_NOT_FOUND', 'provision.notHeld', { runId, status: run.status });
    return run;
  }

  /** Turns a held run into `status` (applying or rejected) by `actor`, or says why not. */
  async decide(
    runId: string,
    status: 'applying' | 'rejected',
    actor: Actor,
  ): Promise<ProvisioningRunDoc> {
    const now = this.now();
    const run = await this.c.provisioningRuns.findOneAndUpdate(
      { _id: runObjectId(runId), status: 'held' },
      {
        $set: {
          status,
          decidedBy: actor.by,
          decidedAt: now,
          ...(status === 'rejected' ? { endedAt: now } : {}),
        },
      },
      { returnDocument: 'after' },
    );
    if (run) return run;
    await this.heldRun(runId); // throws: unknown, or decided meanwhile
    throw new DaichoError('RUN_NOT_FOUND', 'provision.runNotFound', { runId });
  }
}

/** The reads of runs and their log (the bookkeeping above writes them). */
export class RunReads {
  constructor(private readonly c: ProvisioningRecords) {}

  /** The latest runs, newest first. */
  latest(limit: number): Promise<ProvisioningRunDoc[]> {
    return this.c.provisioningRuns.find({}).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
  }

  async get(runId: string): Promise<ProvisioningRunDoc> {
    const run = await this.c.provisioningRuns.findOne({ _id: runObjectId(runId) });
    if (!run) throw new DaichoError('RUN_NOT_FOUND', 'provision.runNotFound', { runId });
    return run;
  }

  /** A run's log entries (all, or only `result`), in the order the operations ended. */
  logOf(run: ProvisioningRunDoc, result?: ProvisioningLogDoc['result']) {
    const filter = result ? { runId: run._id, result } : { runId: run._id };
    return this.c.provisioningLog.find(filter).sort({ at: 1, _id: 1 }).toArray();
  }

  /** A person's log entries across runs, newest first. */
  personLog(personId: string, limit: number): Promise<ProvisioningLogDoc[]> {
    return this.c.provisioningLog
      .find({ 'subject.personId': personId })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
  }

  /** The latest plan's problems (the plan of the newest run). */
  async latestProblems(): Promise<ProvisioningRunDoc['plan']['problems']> {
    const latest = await this.c.provisioningRuns.findOne(
      {},
      { sort: { createdAt: -1, _id: -1 }, projection: { 'plan.problems': 1 } },
    );
    return latest?.plan?.problems ?? [];
  }
}

export function runObjectId(runId: string): ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(runId))
    throw new DaichoError('RUN_NOT_FOUND', 'provision.runNotFound', { runId });
  return new ObjectId(runId);
}
