import type { Collection, ObjectId } from 'mongodb';
import type { SyncRunDoc } from '../db/collections';

/** The record of every sync run (the syncRuns collection): its one owner. */
export class SyncRuns {
  constructor(private readonly runs: Collection<SyncRunDoc>) {}

  async anyHeld(): Promise<boolean> {
    return !!(await this.runs.findOne({ status: 'held' }));
  }

  async start(run: SyncRunDoc): Promise<void> {
    await this.runs.insertOne(run);
  }

  /** A newer held run replaces the older ones: only the latest waits for approval. */
  async supersedeHeldExcept(runId: ObjectId): Promise<void> {
    await this.runs.updateMany(
      { status: 'held', _id: { $ne: runId } },
      { $set: { status: 'superseded' } },
    );
  }

  async finish(
    runId: ObjectId,
    end: Pick<SyncRunDoc, 'status' | 'counts' | 'errors' | 'requests' | 'held'>,
  ): Promise<void> {
    await this.runs.updateOne({ _id: runId }, { $set: { ...end, endedAt: new Date() } });
  }

  /** Runs still `running` under another holder than the lease's. */
  async runningElsewhere(
    holder: string,
  ): Promise<Pick<SyncRunDoc, '_id' | 'holder' | 'provider'>[]> {
    return this.runs
      .find(
        { status: 'running', holder: { $ne: holder } },
        { projection: { holder: 1, provider: 1 } },
      )
      .toArray();
  }

  /** Marks a run that is still `running` failed; false when it ended meanwhile. */
  async markAbandoned(runId: ObjectId, error: string): Promise<boolean> {
    const marked = await this.runs.updateOne(
      { _id: runId, status: 'running' },
      { $set: { status: 'failed', endedAt: new Date(), errors: [error] } },
    );
    return marked.modifiedCount === 1;
  }

  /** An admin's decision on a held run; false when no such run is held. */
  async decide(runId: ObjectId, status: 'approved' | 'rejected', by: string): Promise<boolean> {
    const r = await this.runs.updateOne(
      { _id: runId, status: 'held' },
      { $set: { status, decidedBy: by } },
    );
    return r.modifiedCount === 1;
  }

  async setFollowUp(runId: ObjectId, followUpRunId: ObjectId): Promise<void> {
    await this.runs.updateOne({ _id: runId }, { $set: { followUpRunId } });
  }

  async recent(limit: number): Promise<SyncRunDoc[]> {
    return this.runs.find({}).sort({ startedAt: -1 }).limit(limit).toArray();
  }
}
