import { ObjectId, type AnyBulkWriteOperation } from 'mongodb';
import type { FieldHistoryDoc, SyncJournalEntry } from '../../db/collections';
import type {
  DeviceCreate,
  DeviceUpdate,
  MissingFinding,
  RuleChange,
} from '../../sync/reconcile-types';
import type { Actor } from '../actor';
import { alertDocs, type ConflictFinding } from '../alert-seam';
import type { MdmProvider, StoredDevice } from '../device';
import { historyDocs } from '../history';

/** Who commits, when, and under which run id (the devices written carry it as `lastSyncRun`). */
export interface CommitRun {
  runId: ObjectId;
  actor: Actor;
  at: Date;
}

export type SerialKey = (serial: string | null | undefined) => string | null;

/** A device write and what it records, built when its batch is written (not held for the run). */
export interface PendingWrite {
  op: AnyBulkWriteOperation<StoredDevice>;
  entry: SyncJournalEntry;
}

export function updateWrite(
  u: DeviceUpdate,
  provider: MdmProvider,
  run: CommitRun,
  serialKey: SerialKey,
): PendingWrite {
  const _id = new ObjectId(u.ledgerId);
  const changes = u.changes; // computed when read (reconcile-plan.ts): read once
  const user = changes.find((ch) => ch.field === 'user');
  const set: Record<string, unknown> = { ...u.set, updatedAt: run.at, lastSyncRun: run.runId };
  if ('serialNumber' in set) set.serialKey = serialKey(set.serialNumber as string | null);
  return {
    op: { updateOne: { filter: { _id }, update: { $set: set } } },
    entry: {
      device: _id,
      history: syncHistory({ _id, assetNumber: u.assetNumber }, changes, provider, run),
      user: user
        ? {
            assetNumber: u.assetNumber,
            oldUser: user.old as string | null,
            newUser: user.new as string | null,
          }
        : null,
      alerts: [],
    },
  };
}

export function missingWrite(
  m: MissingFinding,
  provider: MdmProvider,
  run: CommitRun,
): PendingWrite {
  const _id = new ObjectId(m.ledgerId);
  const set = {
    'mdm.missingFromMdm': true,
    'mdm.missingSince': run.at.toISOString(),
    updatedAt: run.at,
    lastSyncRun: run.runId,
  };
  const change: RuleChange = {
    field: 'mdm.missingFromMdm',
    old: null,
    new: true,
    rule: 'missing-from-mdm',
  };
  return {
    op: { updateOne: { filter: { _id }, update: { $set: set } } },
    entry: {
      device: _id,
      history: syncHistory({ _id, assetNumber: m.assetNumber }, [change], provider, run),
      user: null,
      alerts: alertDocs(
        provider,
        run.runId,
        { duplicates: [], conflicts: [], missing: [m] },
        run.at,
      ),
    },
  };
}

/** What creating one device records: its fields as history, its user, its conflict alert. */
export function createEntry(
  cr: DeviceCreate,
  _id: ObjectId,
  assetNumber: string,
  conflict: ConflictFinding | null,
  provider: MdmProvider,
  run: CommitRun,
): SyncJournalEntry {
  const ref = { _id, assetNumber };
  const fields = { assetNumber, ...cr.device, mdm: undefined };
  const changes = Object.entries(fields)
    .filter(([f, v]) => v !== null && v !== undefined && f !== 'mdm')
    .map(([field, v]) => ({ field, old: null, new: v }));
  return {
    device: _id,
    history: withIds(historyDocs(ref, changes, 'created', run.actor, cr.mdm.provider, run.at)),
    user: cr.device.user ? { assetNumber, oldUser: null, newUser: cr.device.user } : null,
    alerts: conflict
      ? alertDocs(
          provider,
          run.runId,
          { duplicates: [], conflicts: [conflict], missing: [] },
          run.at,
        )
      : [],
  };
}

/** The conflict alert's finding for a device imported under another asset number. */
export function conflictOf(
  cr: DeviceCreate,
  conflict: { wanted: string; takenBy: string },
  assignedAssetNumber: string,
): ConflictFinding {
  return {
    mdmDeviceId: cr.mdm.deviceId,
    deviceName: cr.mdm.deviceName,
    wanted: conflict.wanted,
    takenBy: conflict.takenBy,
    assignedAssetNumber,
  };
}

export function newDeviceDoc(
  cr: DeviceCreate,
  _id: ObjectId,
  assetNumber: string,
  run: CommitRun,
  serialKey: SerialKey,
): StoredDevice & { _id: ObjectId } {
  return {
    _id,
    ...cr.device,
    assetNumber,
    serialKey: serialKey(cr.device.serialNumber),
    createdAt: run.at,
    updatedAt: run.at,
    lastSyncRun: run.runId,
  };
}

/** The reservation key of an MDM device imported new. */
export function reservationKey(cr: DeviceCreate): string {
  return `${cr.mdm.provider}:${cr.mdm.deviceId}`;
}

function withIds(docs: FieldHistoryDoc[]): (FieldHistoryDoc & { _id: ObjectId })[] {
  return docs.map((d) => ({ _id: new ObjectId(), ...d }));
}

/** History entries for a sync's changes, each with the rule that made it and the MDM as source. */
function syncHistory(
  ref: { _id: ObjectId; assetNumber: string },
  changes: RuleChange[],
  provider: MdmProvider,
  run: CommitRun,
): (FieldHistoryDoc & { _id: ObjectId })[] {
  return withIds(
    changes.map((ch) => historyDocs(ref, [ch], ch.rule, run.actor, provider, run.at)[0]),
  );
}
