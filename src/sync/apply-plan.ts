import { MongoBulkWriteError, ObjectId, type AnyBulkWriteOperation } from 'mongodb';
import type { FieldHistoryDoc } from '../db/collections';
import type { Actor } from '../ledger/actor';
import type { MdmProvider, StoredDevice } from '../ledger/device';
import type { LedgerService } from '../ledger/ledger-service';
import { historyDocs } from '../ledger/ledger-service';
import type { ConflictFinding } from './alerts';
import { reserveSysNumbers } from './sys-reservations';
import type { DeviceCreate, RuleChange, SyncPlan } from './reconcile-types';

const BATCH = 500;

export interface ApplyResult {
  created: number;
  linked: number;
  updated: number;
  missing: number;
  conflicts: ConflictFinding[];
  /** Asset numbers given to the MDM devices imported new, by MDM device id. */
  createdAssetNumbers: Map<string, string>;
  errors: string[];
  documentsWritten: number;
}

/**
 * Applies a plan with idempotent, batched writes and no transaction: creates are upserts keyed by
 * the MDM device id, updates are `$set`s by _id, SYS numbers are reserved per MDM device. A run
 * killed anywhere and run again therefore converges to the same ledger.
 */
export async function applyPlan(
  ledger: LedgerService,
  plan: SyncPlan,
  actor: Actor,
  now: Date,
): Promise<ApplyResult> {
  const c = ledger.c;
  const result: ApplyResult = {
    created: 0,
    linked: 0,
    updated: 0,
    missing: 0,
    conflicts: [],
    createdAssetNumbers: new Map(),
    errors: [],
    documentsWritten: 0,
  };
  const history: FieldHistoryDoc[] = [];
  const userChanges: {
    device: { _id: ObjectId; assetNumber: string };
    oldUser: string | null;
    newUser: string | null;
  }[] = [];

  await writeCreates(ledger, plan.creates, actor, now, result, history, userChanges);

  const updateOps: AnyBulkWriteOperation<StoredDevice>[] = plan.updates.map((u) => ({
    updateOne: {
      filter: { _id: new ObjectId(u.ledgerId) },
      update: { $set: withDerived(ledger, { ...u.set, updatedAt: now }) },
    },
  }));
  for (const u of plan.updates) {
    const ref = { _id: new ObjectId(u.ledgerId), assetNumber: u.assetNumber };
    history.push(...syncHistory(ref, u.changes, plan.provider, actor, now));
    const user = u.changes.find((ch) => ch.field === 'user');
    if (user)
      userChanges.push({
        device: ref,
        oldUser: user.old as string | null,
        newUser: user.new as string | null,
      });
    if (u.firstLink) result.linked++;
    else result.updated++;
  }
  for (const m of plan.missing) {
    updateOps.push({
      updateOne: {
        filter: { _id: new ObjectId(m.ledgerId) },
        update: {
          $set: {
            'mdm.missingFromMdm': true,
            'mdm.missingSince': now.toISOString(),
            updatedAt: now,
          },
        },
      },
    });
    const ref = { _id: new ObjectId(m.ledgerId), assetNumber: m.assetNumber };
    history.push(
      ...syncHistory(
        ref,
        [{ field: 'mdm.missingFromMdm', old: null, new: true, rule: 'missing-from-mdm' }],
        plan.provider,
        actor,
        now,
      ),
    );
    result.missing++;
  }
  for (let i = 0; i < updateOps.length; i += BATCH) {
    const r = await c.devices.bulkWrite(updateOps.slice(i, i + BATCH), { ordered: false });
    result.documentsWritten += r.modifiedCount;
  }
  await ledger.insertHistory(history);
  result.documentsWritten += history.length;
  await ledger.usage.usersChanged(userChanges, now);
  return result;
}

async function writeCreates(
  ledger: LedgerService,
  creates: DeviceCreate[],
  actor: Actor,
  now: Date,
  result: ApplyResult,
  history: FieldHistoryDoc[],
  userChanges: {
    device: { _id: ObjectId; assetNumber: string };
    oldUser: string | null;
    newUser: string | null;
  }[],
): Promise<void> {
  if (creates.length === 0) return;
  const c = ledger.c;
  const sys = await reserveSysNumbers(c, creates.filter((cr) => !cr.assetNumber).map(key), now);
  for (let i = 0; i < creates.length; i += BATCH) {
    const batch = creates.slice(i, i + BATCH);
    const numbers = batch.map((cr) => cr.assetNumber ?? sys.get(key(cr))!);
    const ops: AnyBulkWriteOperation<StoredDevice>[] = batch.map((cr, j) => ({
      updateOne: {
        filter: { 'mdm.provider': cr.mdm.provider, 'mdm.deviceId': cr.mdm.deviceId },
        update: { $setOnInsert: newDoc(ledger, cr, numbers[j], now) },
        upsert: true,
      },
    }));
    const failed = new Set<number>();
    try {
      await c.devices.bulkWrite(ops, { ordered: false });
    } catch (e) {
      if (!(e instanceof MongoBulkWriteError)) throw e;
      const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
      for (const we of errors) failed.add(we.index);
    }
    // An asset number taken since the plan was made (by an admin or another writer): the device
    // gets a SYS number instead, like any conflict.
    for (const j of failed) {
      const cr = batch[j];
      // A fresh number (the atomic counter), remembered as this device's reservation.
      const fallback = await ledger.assetNumbers.next();
      await c.reservations.updateOne(
        { _id: key(cr) },
        { $set: { assetNumber: fallback, at: now } },
        { upsert: true },
      );
      try {
        await c.devices.updateOne(
          { 'mdm.provider': cr.mdm.provider, 'mdm.deviceId': cr.mdm.deviceId },
          { $setOnInsert: newDoc(ledger, cr, fallback, now) },
          { upsert: true },
        );
        result.conflicts.push({
          mdmDeviceId: cr.mdm.deviceId,
          deviceName: cr.mdm.deviceName,
          wanted: numbers[j],
          takenBy: numbers[j],
          assignedAssetNumber: fallback,
        });
        numbers[j] = fallback;
      } catch (e) {
        result.errors.push(`${cr.mdm.deviceId}: ${(e as Error).message}`);
        numbers[j] = '';
      }
    }
    const stored = await c.devices
      .find(
        {
          'mdm.provider': batch[0].mdm.provider,
          'mdm.deviceId': { $in: batch.map((cr) => cr.mdm.deviceId) },
        },
        { projection: { _id: 1, assetNumber: 1, 'mdm.deviceId': 1, createdAt: 1 } },
      )
      .toArray();
    const byDeviceId = new Map(stored.map((d) => [d.mdm!.deviceId, d]));
    batch.forEach((cr, j) => {
      const doc = byDeviceId.get(cr.mdm.deviceId);
      if (!doc || !numbers[j]) return;
      result.createdAssetNumbers.set(cr.mdm.deviceId, doc.assetNumber);
      if (doc.createdAt.getTime() !== now.getTime()) return; // created by an earlier, interrupted run
      result.created++;
      result.documentsWritten++;
      if (cr.conflictWith)
        result.conflicts.push({
          mdmDeviceId: cr.mdm.deviceId,
          deviceName: cr.mdm.deviceName,
          wanted: cr.conflictWith.wanted,
          takenBy: cr.conflictWith.takenBy,
          assignedAssetNumber: doc.assetNumber,
        });
      const ref = { _id: doc._id, assetNumber: doc.assetNumber };
      const fields = { assetNumber: doc.assetNumber, ...cr.device, mdm: undefined };
      const changes = Object.entries(fields)
        .filter(([f, v]) => v !== null && v !== undefined && f !== 'mdm')
        .map(([field, v]) => ({ field, old: null, new: v }));
      history.push(...historyDocs(ref, changes, 'created', actor, cr.mdm.provider, now));
      if (cr.device.user) userChanges.push({ device: ref, oldUser: null, newUser: cr.device.user });
    });
  }
}

function newDoc(
  ledger: LedgerService,
  cr: DeviceCreate,
  assetNumber: string,
  now: Date,
): StoredDevice {
  return {
    ...cr.device,
    assetNumber,
    serialKey: ledger.serialKey(cr.device.serialNumber),
    createdAt: now,
    updatedAt: now,
  };
}

function withDerived(ledger: LedgerService, set: Record<string, unknown>): Record<string, unknown> {
  if ('serialNumber' in set)
    return { ...set, serialKey: ledger.serialKey(set.serialNumber as string | null) };
  return set;
}

function key(cr: DeviceCreate): string {
  return `${cr.mdm.provider}:${cr.mdm.deviceId}`;
}

/** History entries for a sync's changes, each with the rule that made it and the MDM as source. */
function syncHistory(
  ref: { _id: ObjectId; assetNumber: string },
  changes: RuleChange[],
  provider: MdmProvider,
  actor: Actor,
  now: Date,
): FieldHistoryDoc[] {
  return changes.map((ch) => historyDocs(ref, [ch], ch.rule, actor, provider, now)[0]);
}
