import { onlyDuplicateKeys, writeErrorsOf } from '../errors';
import type { ObjectId } from 'mongodb';
import type { AlertDoc, Collections } from '../db/collections';
import type { MdmProvider } from '../ledger/device';
import type { DuplicateFinding, MissingFinding, ReenrolmentFinding } from './reconcile-types';

export interface ConflictFinding {
  mdmDeviceId: string;
  deviceName: string | null;
  wanted: string;
  takenBy: string;
  assignedAssetNumber: string;
}

/**
 * Findings become alerts in the outbox that the bot's notifier reads. The alert's `_id` is the
 * finding's key, so the same finding is never raised twice, run after run.
 */
export function alertDocs(
  provider: MdmProvider,
  runId: ObjectId,
  findings: {
    duplicates: DuplicateFinding[];
    conflicts: ConflictFinding[];
    missing: MissingFinding[];
    reenrolments?: ReenrolmentFinding[];
  },
  now: Date,
): AlertDoc[] {
  const base = { provider, runId, createdAt: now, status: 'pending' as const, attempts: 0 };
  return [
    ...findings.duplicates.map((d) => ({
      ...base,
      _id: duplicateKey(provider, d),
      type: 'duplicate' as const,
      payload: { ...d },
    })),
    ...findings.conflicts.map((c) => ({
      ...base,
      _id: `asset-number-conflict:${provider}:${c.mdmDeviceId}`,
      type: 'asset-number-conflict' as const,
      payload: { ...c },
    })),
    ...findings.missing.map((m) => ({
      ...base,
      _id: `missing-from-mdm:${provider}:${m.mdmDeviceId}:${now.toISOString().slice(0, 10)}`,
      type: 'missing-from-mdm' as const,
      payload: { ...m },
    })),
    // One per pair of enrolments: raised once while the old one is still listed.
    ...(findings.reenrolments ?? []).map((r) => ({
      ...base,
      _id: `reenrolment:${provider}:${r.oldMdm.deviceId}:${r.newMdm.deviceId}`,
      type: 'reenrolment' as const,
      payload: { ...r },
    })),
  ];
}

/**
 * The same duplicate is raised once. MDM side: the same set of MDM devices sharing a key value
 * (their ids are stable). Ledger side: the key value alone — the set of ledger devices changes by
 * itself as the sync links or creates devices with that value (an MDM-side twin imported new joins
 * it on the next run), which must not send the admin the same alert again.
 */
function duplicateKey(provider: MdmProvider, d: DuplicateFinding): string {
  const base = `duplicate:${provider}:${d.side}:${d.matchKey}:${d.keyValue}`;
  return d.side === 'mdm'
    ? `${base}:${d.mdmDevices
        .map((m) => m.deviceId)
        .sort()
        .join(',')}`
    : base;
}

export async function raiseAlerts(c: Collections, docs: AlertDoc[]): Promise<number> {
  if (docs.length === 0) return 0;
  try {
    const r = await c.alerts.insertMany(docs, { ordered: false });
    return r.insertedCount;
  } catch (e) {
    // Duplicate keys are findings already raised: expected, not an error.
    const err = e as { code?: number; insertedCount?: number; writeErrors?: unknown };
    const errors = writeErrorsOf(err);
    if (onlyDuplicateKeys(err)) return err.insertedCount ?? docs.length - errors.length;
    if (err.code === 11000 && errors.length === 0) return 0;
    throw e;
  }
}
