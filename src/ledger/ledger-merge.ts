import { DaichoError } from '../errors';
import type { Actor } from './actor';
import { PROVIDER_NAMES } from './provider-names';
import { canTakeOverPin } from './history';
import type { DeviceDoc, LedgerService } from './ledger-service';
import type { LedgerStore } from './ledger-store';

/**
 * Seed 000's answer to a device duplicated by a serial mismatch: keep the synced device, move
 * the original's usage history onto it, then delete the original (which must be deletable).
 */
export async function mergeDevices(
  ledger: LedgerService,
  store: LedgerStore,
  fromId: string,
  intoId: string,
  actor: Actor,
): Promise<{ moved: number }> {
  const from = await ledger.find(fromId);
  const into = await ledger.find(intoId);
  if (from._id.equals(into._id)) return { moved: 0 };
  const takesOverPin = canTakeOverPin(from, into);
  if ((from.source !== 'ledger' || from.mdm) && !from.mdm?.missingFromMdm && !takesOverPin) {
    throw new DaichoError('DELETE_SYNCED_DEVICE', 'device.deleteSynced', {
      assetNumber: from.assetNumber,
      provider:
        PROVIDER_NAMES[from.mdm?.provider ?? (from.source as 'intune' | 'jamf')] ?? from.source,
    });
  }
  // The kept device ends with one open period at most: its current 利用者's.
  const usage = await ledger.usage.mergeInto(from._id, into, new Date());
  if (takesOverPin) await takeOverPin(ledger, store, from, into, actor);
  await ledger.recordHistory(
    into,
    [{ field: 'mergedFrom', old: null, new: from.assetNumber }],
    'merge',
    actor,
  );
  await ledger.delete(from.assetNumber, actor);
  return { moved: usage.moved };
}

/**
 * A duplicate made before the 2025/12/15 rule: the admin keeps the old record (its asset number
 * and history) and the twin created for the re-enrolled device gives it its MDM link. The twin
 * lets go of the pin first (the pin is unique), then the kept record takes it; a crash between
 * the two leaves the re-enrolled device unpinned, and the next sync re-links it to the kept
 * record by serial (the re-enrolment rule), so the merge converges either way.
 */
async function takeOverPin(
  ledger: LedgerService,
  store: LedgerStore,
  from: DeviceDoc,
  into: DeviceDoc,
  actor: Actor,
): Promise<void> {
  const now = new Date();
  const pin = { ...from.mdm!, missingFromMdm: false, missingSince: null };
  await store.devices.updateOne(
    { _id: from._id },
    { $unset: { mdm: '' }, $set: { source: 'ledger', updatedAt: now } },
  );
  await store.devices.updateOne(
    { _id: into._id },
    { $set: { mdm: pin, source: from.source, updatedAt: now } },
  );
  await ledger.recordHistory(
    into,
    [
      { field: 'mdm.deviceId', old: into.mdm?.deviceId ?? null, new: pin.deviceId },
      { field: 'mdm.missingFromMdm', old: true, new: false },
    ],
    're-enrolled',
    actor,
  );
}
