import { ObjectId } from 'mongodb';
import { heldRunAlert, runFailureAlert, type RunFailurePayload } from '../alerts';
import type { SyncRunDoc } from '../db/collections';
import { isDaichoError } from '../errors';
import type { Actor } from '../ledger/actor';
import type { MdmProvider } from '../ledger/device';
import type { Logger } from '../log';
import type { MdmDevice, MdmSource } from './mdm-device';
import { readAllDevices } from './read-all';
import { reconcile } from './reconcile';
import type { SyncPlan } from './reconcile-types';
import { changedPercent, shouldHold, type SafetyLimit } from './safety-limit';
import type { SyncSettings } from './settings';
import type { SourceFactory } from './sources';
import { appliedCounts, plannedCounts } from './summary';
import type { SyncStores } from './sync-stores';
import type { SyncProgress, SyncResult } from './sync-types';

type Tell = (progress: SyncProgress) => void;

/** What one run works with (the SyncService's parts). */
export interface RunContext {
  stores: SyncStores;
  sources: SourceFactory;
  safetyLimit: SafetyLimit;
  log: Logger;
}

/** Read → reconcile: the MDM first (all of it), then the ledger, then the pure plan. */
export async function readAndReconcile(
  ctx: RunContext,
  settings: SyncSettings,
  source: MdmSource,
  onProgress: Tell = () => undefined,
): Promise<{ mdm: MdmDevice[]; plan: SyncPlan }> {
  const mdm = await readAllDevices(source, (read) => onProgress({ phase: 'reading', read }));
  onProgress({ phase: 'reconciling', read: mdm.length });
  const { ledger } = ctx.stores;
  const plan = reconcile({
    settings,
    ledger: await ledger.snapshot(),
    mdm,
    serialKey: ledger.serialKey,
  });
  return { mdm, plan };
}

/**
 * One recorded run under the lease: read, reconcile, then either wait for an admin (the safety
 * limit) or hand the plan to the ledger's commit. A failure is recorded with an alert, then thrown.
 */
export async function executeRun(
  ctx: RunContext,
  settings: SyncSettings,
  trigger: SyncRunDoc['trigger'],
  actor: Actor,
  holder: string,
  onProgress: Tell,
): Promise<SyncResult> {
  const startedAt = new Date();
  const runId = new ObjectId();
  await ctx.stores.runs.start({
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
  const source = ctx.sources(settings.provider);
  try {
    const { mdm, plan } = await readAndReconcile(ctx, settings, source, onProgress);
    const risky = { changed: plan.userChanges + plan.missing.length, synced: plan.syncedBefore };
    if (trigger !== 'approval' && shouldHold(risky, ctx.safetyLimit))
      return await holdRun(ctx, runId, plan, mdm.length, risky, source.stats);
    onProgress({ phase: 'applying', read: mdm.length, counts: plannedCounts(plan, mdm.length) });
    const syncActor = { by: `sync:${settings.provider}` };
    const applied = await ctx.stores.ledger.commit(plan, {
      runId,
      actor: syncActor,
      at: new Date(),
    });
    const status = applied.errors.length > 0 ? 'partial' : 'success';
    const counts = appliedCounts(plan, applied, mdm.length);
    if (status === 'partial')
      await raiseRunAlert(ctx, 'sync-partial', settings.provider, runId, applied.errors);
    const requests = { ...source.stats };
    await ctx.stores.runs.finish(runId, {
      status,
      counts: { ...counts },
      errors: applied.errors,
      requests,
      held: null,
    });
    ctx.log.info(
      {
        runId: runId.toHexString(),
        provider: settings.provider,
        counts,
        ms: Date.now() - startedAt.getTime(),
        requests,
      },
      'sync run finished',
    );
    const base = { runId: runId.toHexString(), provider: settings.provider, dryRun: false };
    return {
      ...base,
      status,
      counts,
      errors: applied.errors,
      documentsWritten: applied.documentsWritten,
      requests,
    };
  } catch (e) {
    await recordFailure(ctx, settings.provider, runId, e, source.stats);
    throw e;
  }
}

/** The safety limit: the run is recorded as held, with an alert asking an admin to decide. */
async function holdRun(
  ctx: RunContext,
  runId: ObjectId,
  plan: SyncPlan,
  mdmDevices: number,
  risky: { changed: number; synced: number },
  stats: Record<string, number>,
): Promise<SyncResult> {
  const held = {
    reason: 'safety-limit',
    changes: risky.changed,
    syncedBefore: risky.synced,
    percent: Math.round(changedPercent(risky) * 10) / 10,
  };
  const counts = plannedCounts(plan, mdmDevices);
  await ctx.stores.runs.supersedeHeldExcept(runId);
  await ctx.stores.runs.finish(runId, {
    status: 'held',
    counts: { ...counts },
    errors: [],
    requests: { ...stats },
    held,
  });
  await ctx.stores.alerts.raise([
    heldRunAlert(plan.provider, runId, { ...held, counts, limit: { ...ctx.safetyLimit } }),
  ]);
  return {
    runId: runId.toHexString(),
    provider: plan.provider,
    dryRun: false,
    status: 'held',
    counts,
    held,
    errors: [],
    documentsWritten: 0,
    requests: { ...stats },
  };
}

async function recordFailure(
  ctx: RunContext,
  provider: MdmProvider,
  runId: ObjectId,
  e: unknown,
  stats: Record<string, number>,
): Promise<void> {
  const message = isDaichoError(e)
    ? `${e.code}: ${JSON.stringify(e.params)}`
    : (e as Error).message;
  // An incomplete read names its figures in the alert too: what the MDM stated, what came.
  const shortRead =
    isDaichoError(e) && e.messageKey === 'sync.readIncomplete'
      ? { stated: e.params.stated, read: e.params.read, listing: e.params.listing }
      : {};
  await ctx.stores.runs
    .finish(runId, {
      status: 'failed',
      counts: {},
      errors: [message],
      requests: { ...stats },
      held: null,
    })
    .catch(() => undefined);
  await raiseRunAlert(ctx, 'sync-failed', provider, runId, [message], shortRead).catch(
    () => undefined,
  );
  ctx.log.error({ err: e, runId: runId.toHexString() }, 'sync run failed');
}

/**
 * Runs still `running` under another holder, now that we hold the lease, ended without
 * recording it: their process was killed, or lost the database and could not write `failed`.
 * They are marked failed (with an alert), so no run stays `running` for ever.
 */
export async function failAbandonedRuns(ctx: RunContext, holder: string): Promise<void> {
  for (const run of await ctx.stores.runs.runningElsewhere(holder)) {
    const error = `RUN_ABANDONED: ${JSON.stringify({ holder: run.holder })}`;
    if (await ctx.stores.runs.markAbandoned(run._id, error)) {
      await raiseRunAlert(ctx, 'sync-failed', run.provider, run._id, [error]);
      ctx.log.info(
        { runId: run._id.toHexString(), holder: run.holder },
        'abandoned sync run marked failed',
      );
    }
  }
}

async function raiseRunAlert(
  ctx: RunContext,
  type: 'sync-failed' | 'sync-partial',
  provider: MdmProvider,
  runId: ObjectId,
  errors: string[],
  details: Omit<RunFailurePayload, 'errors'> = {},
): Promise<void> {
  await ctx.stores.alerts.raise([runFailureAlert(type, provider, runId, { ...details, errors })]);
}
