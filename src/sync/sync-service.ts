import { ObjectId } from 'mongodb';
import type { IntegrationDoc, SyncRunDoc } from '../db/collections';
import { DaichoError, isDaichoError } from '../errors';
import type { Actor } from '../ledger/actor';
import type { MdmProvider } from '../ledger/device';
import type { LedgerService } from '../ledger/ledger-service';
import type { Logger } from '../log';
import {
  alertDocs,
  Alerts,
  heldRunAlert,
  heldRunAlertId,
  runFailureAlert,
  type RunFailurePayload,
} from '../alerts';
import { applyPlan } from './apply-plan';
import { Lease } from '../lease/lease';
import { readAllDevices } from './read-all';
import { reconcile } from './reconcile';
import { changedPercent, shouldHold, type SafetyLimit } from './safety-limit';
import type { LedgerDeviceView } from './reconcile-types';
import type { MdmSource } from './mdm-device';
import { PROVIDER_NAMES, type SyncSettings } from './settings';
import type { SourceFactory } from './sources';
import {
  appliedCounts,
  plannedCounts,
  preview,
  type SyncCounts,
  type SyncPreview,
} from './summary';

export interface SyncOptions {
  dryRun?: boolean;
  trigger?: SyncRunDoc['trigger'];
  actor: Actor;
  /** For a link's dry run: the settings being considered, not the saved ones. */
  settings?: SyncSettings;
  /** Told as the run goes (each page read, then reconcile, then writes), e.g. for a progress card. */
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncProgress {
  phase: 'reading' | 'reconciling' | 'applying';
  /** MDM devices read so far. */
  read: number;
  /** What the plan will do, once it is known. */
  counts?: SyncCounts;
}

export interface SyncResult {
  runId: string | null;
  provider: MdmProvider;
  dryRun: boolean;
  status: SyncRunDoc['status'] | 'dry-run' | 'skipped';
  counts: SyncCounts;
  preview?: SyncPreview;
  held?: SyncRunDoc['held'];
  errors: string[];
  documentsWritten: number;
  requests: Record<string, number>;
}

/**
 * Runs seed 000's master integration: read the MDM → reconcile (pure) → apply. Only one run at a
 * time across processes (a lease); each run is recorded; a run that would change the user of, or
 * lose, too many synced devices waits for an admin's approval.
 */
export class SyncService {
  private readonly safetyLimit: SafetyLimit;

  /**
   * @param safetyLimit SYNC_SAFETY_LIMIT_PERCENT and SYNC_SAFETY_LIMIT_MIN_DEVICES; a bare
   *   number is the percent alone (no minimum count).
   */
  constructor(
    private readonly ledger: LedgerService,
    private readonly sources: SourceFactory,
    safetyLimit: SafetyLimit | number,
    private readonly log: Logger,
  ) {
    this.safetyLimit =
      typeof safetyLimit === 'number' ? { percent: safetyLimit, minDevices: 0 } : safetyLimit;
  }

  private get c() {
    return this.ledger.c;
  }

  async master(): Promise<IntegrationDoc | null> {
    return this.c.integrations.findOne({ _id: 'master' });
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
    if (trigger === 'schedule' && (await this.c.syncRuns.findOne({ status: 'held' }))) {
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
    const lease = new Lease(this.c.leases, 'sync');
    await lease.acquireOrThrow('SYNC_BUSY', 'sync.leaseHeld');
    try {
      await this.failAbandonedRuns(lease.id);
      // A listener's failure (e.g. Teams refusing a card update) must not fail the run.
      const tell = (p: SyncProgress) => {
        try {
          options.onProgress?.(p);
        } catch (e) {
          this.log.warn({ err: e }, 'sync progress listener failed');
        }
      };
      return await this.run(settings, trigger, options.actor, lease.id, tell);
    } finally {
      // Not thrown: it would hide how the run ended (e.g. the database that just went away).
      await lease.release().catch((e: unknown) => {
        this.log.warn({ err: e }, 'could not release the sync lease; it expires on its own');
      });
    }
  }

  private async dryRun(settings: SyncSettings): Promise<SyncResult> {
    const source = this.sources(settings.provider);
    const { mdm, plan } = await this.readAndReconcile(settings, source);
    const counter = await this.c.counters.findOne({ _id: 'assetNumber.SYS' });
    return {
      runId: null,
      provider: settings.provider,
      dryRun: true,
      status: 'dry-run',
      counts: plannedCounts(plan, mdm.length),
      preview: preview(plan, (counter?.seq ?? 0) + 1),
      errors: [],
      documentsWritten: 0,
      requests: { ...source.stats },
    };
  }

  private async run(
    settings: SyncSettings,
    trigger: SyncRunDoc['trigger'],
    actor: Actor,
    holder: string,
    onProgress: SyncOptions['onProgress'] = () => undefined,
  ): Promise<SyncResult> {
    const startedAt = new Date();
    const runId = new ObjectId();
    const base = { runId: runId.toHexString(), provider: settings.provider, dryRun: false };
    await this.c.syncRuns.insertOne({
      _id: runId,
      provider: settings.provider,
      trigger,
      status: 'running',
      startedAt,
      endedAt: null,
      by: actor.by,
      holder,
      counts: {},
      errors: [],
      held: null,
    });
    const source = this.sources(settings.provider);
    const syncActor = { by: `sync:${settings.provider}` };
    try {
      const { mdm, plan } = await this.readAndReconcile(settings, source, onProgress);
      const risky = { changed: plan.userChanges + plan.missing.length, synced: plan.syncedBefore };
      if (trigger !== 'approval' && shouldHold(risky, this.safetyLimit)) {
        const held = {
          reason: 'safety-limit',
          changes: risky.changed,
          syncedBefore: risky.synced,
          percent: Math.round(changedPercent(risky) * 10) / 10,
        };
        const counts = plannedCounts(plan, mdm.length);
        await this.c.syncRuns.updateMany(
          { status: 'held', _id: { $ne: runId } },
          { $set: { status: 'superseded' } },
        );
        await this.finish(runId, 'held', counts, [], source.stats, held);
        await new Alerts(this.c).raise([
          heldRunAlert(settings.provider, runId, {
            ...held,
            counts,
            limit: { ...this.safetyLimit },
          }),
        ]);
        return {
          ...base,
          status: 'held',
          counts,
          held,
          errors: [],
          documentsWritten: 0,
          requests: { ...source.stats },
        };
      }
      onProgress({ phase: 'applying', read: mdm.length, counts: plannedCounts(plan, mdm.length) });
      const now = new Date();
      const applied = await applyPlan(this.ledger, plan, syncActor, now, runId);
      // Conflict and missing alerts go with the device writes (the journal of applyPlan);
      // duplicates are found again by every run.
      await new Alerts(this.c).raise(
        alertDocs(
          settings.provider,
          runId,
          { duplicates: plan.duplicates, conflicts: [], missing: [] },
          now,
        ),
      );
      const status = applied.errors.length > 0 ? 'partial' : 'success';
      const counts = appliedCounts(plan, applied, mdm.length);
      if (status === 'partial')
        await this.raiseRunAlert('sync-partial', settings.provider, runId, applied.errors);
      await this.finish(runId, status, counts, applied.errors, source.stats, null);
      this.log.info(
        {
          runId: base.runId,
          provider: settings.provider,
          counts,
          ms: Date.now() - startedAt.getTime(),
          requests: source.stats,
        },
        'sync run finished',
      );
      return {
        ...base,
        status,
        counts,
        errors: applied.errors,
        documentsWritten: applied.documentsWritten,
        requests: { ...source.stats },
      };
    } catch (e) {
      const message = isDaichoError(e)
        ? `${e.code}: ${JSON.stringify(e.params)}`
        : (e as Error).message;
      // An incomplete read names its figures in the alert too: what the MDM stated, what came.
      const shortRead =
        isDaichoError(e) && e.messageKey === 'sync.readIncomplete'
          ? { stated: e.params.stated, read: e.params.read, listing: e.params.listing }
          : {};
      await this.finish(runId, 'failed', {}, [message], source.stats, null).catch(() => undefined);
      await this.raiseRunAlert('sync-failed', settings.provider, runId, [message], shortRead).catch(
        () => undefined,
      );
      this.log.error({ err: e, runId: base.runId }, 'sync run failed');
      throw e;
    }
  }

  /**
   * Runs still `running` under another holder, now that we hold the lease, ended without
   * recording it: their process was killed, or lost the database and could not write `failed`.
   * They are marked failed (with an alert), so no run stays `running` for ever.
   */
  private async failAbandonedRuns(holder: string): Promise<void> {
    const stale = await this.c.syncRuns
      .find(
        { status: 'running', holder: { $ne: holder } },
        { projection: { holder: 1, provider: 1 } },
      )
      .toArray();
    for (const run of stale) {
      const error = `RUN_ABANDONED: ${JSON.stringify({ holder: run.holder })}`;
      const marked = await this.c.syncRuns.updateOne(
        { _id: run._id, status: 'running' },
        { $set: { status: 'failed', endedAt: new Date(), errors: [error] } },
      );
      if (marked.modifiedCount === 1) {
        await this.raiseRunAlert('sync-failed', run.provider, run._id, [error]);
        this.log.info(
          { runId: run._id.toHexString(), holder: run.holder },
          'abandoned sync run marked failed',
        );
      }
    }
  }

  /** Read → reconcile: the MDM first (all of it), then the ledger, then the pure plan. */
  private async readAndReconcile(
    settings: SyncSettings,
    source: MdmSource,
    onProgress: NonNullable<SyncOptions['onProgress']> = () => undefined,
  ) {
    const mdm = await readAllDevices(source, (read) => onProgress({ phase: 'reading', read }));
    onProgress({ phase: 'reconciling', read: mdm.length });
    const plan = reconcile({
      settings,
      ledger: await this.snapshot(),
      mdm,
      serialKey: this.ledger.serialKey,
    });
    return { mdm, plan };
  }

  /** The whole ledger, as the reconcile core sees it (one read; fast even on the emulator). */
  private async snapshot(): Promise<LedgerDeviceView[]> {
    const docs = await this.c.devices
      .find({}, { projection: { serialKey: 0, updatedAt: 0, lastSyncRun: 0 } })
      .toArray();
    return docs.map(({ _id, ...d }) => ({ ...d, id: _id.toHexString() }) as LedgerDeviceView);
  }

  private async finish(
    runId: ObjectId,
    status: SyncRunDoc['status'],
    counts: Partial<SyncCounts>,
    errors: string[],
    requests: Record<string, number>,
    held: SyncRunDoc['held'],
  ): Promise<void> {
    await this.c.syncRuns.updateOne(
      { _id: runId },
      { $set: { status, endedAt: new Date(), counts, errors, requests: { ...requests }, held } },
    );
  }

  private async raiseRunAlert(
    type: 'sync-failed' | 'sync-partial',
    provider: MdmProvider,
    runId: ObjectId,
    errors: string[],
    details: Omit<RunFailurePayload, 'errors'> = {},
  ): Promise<void> {
    await new Alerts(this.c).raise([
      runFailureAlert(type, provider, runId, { ...details, errors }),
    ]);
  }

  /** Approves a held run: a new run applies it, the safety limit waived for that one run. */
  async approve(runId: string, actor: Actor): Promise<SyncResult> {
    await this.decide(runId, 'approved', actor);
    const result = await this.sync({ trigger: 'approval', actor });
    if (result.runId)
      await this.c.syncRuns.updateOne(
        { _id: new ObjectId(runId) },
        { $set: { followUpRunId: new ObjectId(result.runId) } },
      );
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
    const r =
      id &&
      (await this.c.syncRuns.updateOne(
        { _id: id, status: 'held' },
        { $set: { status, decidedBy: actor.by } },
      ));
    if (!r || r.modifiedCount !== 1)
      throw new DaichoError('RUN_NOT_FOUND', 'sync.noHeldRun', { runId });
    await new Alerts(this.c).resolve(heldRunAlertId(runId));
  }

  async recentRuns(limit = 10): Promise<SyncRunDoc[]> {
    return this.c.syncRuns.find({}).sort({ startedAt: -1 }).limit(limit).toArray();
  }

  static providerName(p: MdmProvider): string {
    return PROVIDER_NAMES[p];
  }
}

function emptyCounts(): SyncCounts {
  return {
    mdmDevices: 0,
    linked: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    conflicts: 0,
    missing: 0,
  };
}
