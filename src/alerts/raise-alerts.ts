import type { ObjectId } from 'mongodb';
import type { MdmProvider } from '../ledger/device';
import type { DuplicateFinding, MissingFinding, ReenrolmentFinding } from '../sync/reconcile-types';
import type {
  AlertDoc,
  AlertOf,
  ConflictFinding,
  HeldRunPayload,
  MdmAlertType,
  RunFailurePayload,
  StocktakeAnswerPayload,
} from './alert-kinds';

/** What a sync found, to raise as alerts. */
export interface Findings {
  duplicates: DuplicateFinding[];
  conflicts: ConflictFinding[];
  missing: MissingFinding[];
  reenrolments?: ReenrolmentFinding[];
}

/** A new alert, not yet claimed by the notifier. */
export function newAlert(
  _id: string,
  kind: AlertOf<MdmAlertType>,
  provider: MdmProvider,
  runId: ObjectId | null,
  now: Date,
): AlertDoc {
  return { ...kind, _id, provider, runId, createdAt: now, status: 'pending', attempts: 0 };
}

/**
 * Findings become alerts in the outbox that the bot's notifier reads. The alert's `_id` is the
 * finding's key, so the same finding is never raised twice, run after run.
 */
export function alertDocs(
  provider: MdmProvider,
  runId: ObjectId,
  findings: Findings,
  now: Date,
): AlertDoc[] {
  const alert = (_id: string, kind: AlertOf<MdmAlertType>) =>
    newAlert(_id, kind, provider, runId, now);
  return [
    ...findings.duplicates.map((d) =>
      alert(duplicateKey(provider, d), { type: 'duplicate', payload: { ...d } }),
    ),
    ...findings.conflicts.map((c) =>
      alert(`asset-number-conflict:${provider}:${c.mdmDeviceId}`, {
        type: 'asset-number-conflict',
        payload: { ...c },
      }),
    ),
    ...findings.missing.map((m) =>
      alert(`missing-from-mdm:${provider}:${m.mdmDeviceId}:${now.toISOString().slice(0, 10)}`, {
        type: 'missing-from-mdm',
        payload: { ...m },
      }),
    ),
    // One per pair of enrolments: raised once while the old one is still listed.
    ...(findings.reenrolments ?? []).map((r) =>
      alert(`reenrolment:${provider}:${r.oldMdm.deviceId}:${r.newMdm.deviceId}`, {
        type: 'reenrolment',
        payload: { ...r },
      }),
    ),
  ];
}

/**
 * The same duplicate is raised once. MDM side: the same set of MDM devices sharing a key value
 * (their ids are stable). Ledger side: the key value alone — the set of ledger devices changes by
 * itself as the sync links or creates devices with that value (an MDM-side twin imported new joins
 * it on the next run), which must not send the admin the same alert again.
 */
export function duplicateKey(provider: MdmProvider, d: DuplicateFinding): string {
  const base = `duplicate:${provider}:${d.side}:${d.matchKey}:${d.keyValue}`;
  return d.side === 'mdm'
    ? `${base}:${d.mdmDevices
        .map((m) => m.deviceId)
        .sort()
        .join(',')}`
    : base;
}

/** One held-run alert per run: approving or rejecting the run resolves it. */
export function heldRunAlertId(runId: ObjectId | string): string {
  return `run-held:${typeof runId === 'string' ? runId : runId.toHexString()}`;
}

export function heldRunAlert(
  provider: MdmProvider,
  runId: ObjectId,
  payload: HeldRunPayload,
  now = new Date(),
): AlertDoc {
  return newAlert(heldRunAlertId(runId), { type: 'run-held', payload }, provider, runId, now);
}

/** One alert per failed or partial run. */
export function runFailureAlert(
  type: 'sync-failed' | 'sync-partial',
  provider: MdmProvider,
  runId: ObjectId,
  payload: RunFailurePayload,
  now = new Date(),
): AlertDoc {
  return newAlert(`${type}:${runId.toHexString()}`, { type, payload }, provider, runId, now);
}

/**
 * A stocktake answer an admin must act on (lost, not mine): one per stocktake, device and
 * result, so a user pressing the same answer again raises nothing new.
 */
export function stocktakeAlert(payload: StocktakeAnswerPayload, now = new Date()): AlertDoc {
  return {
    type: 'stocktake-answer',
    payload,
    _id: `stocktake-answer:${payload.stocktakeId}:${payload.assetNumber}:${payload.result}`,
    provider: null,
    runId: null,
    createdAt: now,
    status: 'pending',
    attempts: 0,
  };
}
