import { ObjectId } from 'mongodb';
import type { IntegrationDoc, SyncRunDoc } from '../db/collections';
import { DaichoError } from '../errors';
import type { Actor } from '../ledger/actor';
import type { MdmProvider } from '../ledger/device';
import type { Logger } from '../log';
import { heldRunAlertId } from '../alerts';
import type { SafetyLimit } from './safety-limit';
import { PROVIDER_NAMES, type SyncSettings } from './settings';
import type { SourceFactory } from './sources';
import { plannedCounts, preview } from './summary';
import { executeRun, failAbandonedRuns, readAndReconcile, type RunContext } from './sync-run';
import type { SyncStores } from './sync-stores';
import { emptyCounts, type SyncOptions, type SyncProgress, type SyncResult } from './sync-types';

export type { SyncOptions, SyncProgress, SyncResult } from './sync-types';

/**
 * Runs seed 000's master integration: read the MDM → reconcile (pure) → hand the plan to the
 * ledger's commit. Only one run at a time across processes (a lease); each run is recorded; a run
 * that would change the user of, or lose, too many synced devices waits for an admin's approval.
 */
export class SyncService {
  private readonly ctx: RunContext;

  /**
   * @param safetyLimit SYNC_SAFETY_LIMIT_PERCENT and SYNC_SAFETY_LIMIT_MIN_DEVICES; a bare
   *   number is the percent alone (no minimum count).
   */
  constructor(
    readonly stores: SyncStores,
    sources: SourceFactory,
    safetyLimit: SafetyLimit | number,
    private readonly log: Logger,
  ) {
    this.ctx = {
      stores,
      sources,
      safetyLimit:
        typeof safetyLimit === 'number' ? { percent: safetyLimit, minDevices: 0 } : safetyLimit,
      log,
    };
  }

  async master(): Promise<IntegrationDoc | null> {
    return this.stores.integrations.master();
  }

  async sync(options: SyncOptions): Promise<SyncResult> {
    const master = await this.master();
    const settings: SyncSettings | undefined =
      options.settings ??
      (master
        ? {
            provider: master.provider,
            matchKey: master.matchKey!,
            assetNumberRule: master.assetNumberRule!,
          }
        : undefined);
    if (!settings) throw new DaichoError('NOT_LINKED', 'sync.notLinked');
    if (options.dryRun) return this.dryRun(settings);

    const trigger = options.trigger ?? 'manual';
    if (trigger === 'schedule' && (await this.stores.runs.anyHeld())) {
      this.log.info('a run is waiting for approval; the scheduled run is skipped');
      return {
        runId: null,
        provider: settings.provider,
        dryRun: false,
        status: 'skipped',
        counts: emptyCounts(),
        errors: [],
        documentsWritten: 0,
        requests: {},
      };
    }
    const lease = this.stores.leases.lease('sync');
    await lease.acquireOrThrow('SYNC_BUSY', 'sync.leaseHeld');
    try {
      await failAbandonedRuns(this.ctx, lease.id);
      // A listener's failure (e.g. Teams refusing a card update) must not fail the run.
      const tell = (p: SyncProgress) => {
        try {
          options.onProgress?.(p);
        } catch (e) {
          this.log.warn({ err: e }, 'sync progress listener failed');
        }
      };
      return await executeRun(this.ctx, settings, trigger, options.actor, lease.id, tell);
    } finally {
      // Not thrown: it would hide how the run ended (e.g. the database that just went away).
      await lease.release().catch((e: unknown) => {
        this.log.warn({ err: e }, 'could not release the sync lease; it expires on its own');
      });
    }
  }

  private async dryRun(settings: SyncSettings): Promise<SyncResult> {
    const source = this.ctx.sources(settings.provider);
    const { mdm, plan } = await readAndReconcile(this.ctx, settings, source);
    return {
      runId: null,
      provider: settings.provider,
      dryRun: true,
      status: 'dry-run',
      counts: plannedCounts(plan, mdm.length),
      preview: preview(plan, await this.stores.ledger.assetNumbers.peekNext()),
      errors: [],
      documentsWritten: 0,
      requests: { ...source.stats },
    };
  }

  /** Approves a held run: a new run applies it, the safety limit waived for that one run. */
  async approve(runId: string, actor: Actor): Promise<SyncResult> {
    await this.decide(runId, 'approved', actor);
    const result = await this.sync({ trigger: 'approval', actor });
    if (result.runId)
      await this.stores.runs.setFollowUp(new ObjectId(runId), new ObjectId(result.runId));
    return result;
  }

  async reject(runId: string, actor: Actor): Promise<void> {
    await this.decide(runId, 'rejected', actor);
  }

  private async decide(
    runId: string,
    status: 'approved' | 'rejected',
    actor: Actor,
  ): Promise<void> {
    const id = ObjectId.isValid(runId) ? new ObjectId(runId) : null;
    if (!id || !(await this.stores.runs.decide(id, status, actor.by)))
      throw new DaichoError('RUN_NOT_FOUND', 'sync.noHeldRun', { runId });
    await this.stores.alerts.resolve(heldRunAlertId(runId));
  }

  async recentRuns(limit = 10): Promise<SyncRunDoc[]> {
    return this.stores.runs.recent(limit);
  }

  static providerName(p: MdmProvider): string {
    return PROVIDER_NAMES[p];
  }
}
