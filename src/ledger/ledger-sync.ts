import type { ObjectId } from 'mongodb';
import type { LedgerDeviceView } from '../sync/reconcile-types';
import type { Actor } from './actor';
import type { MdmProvider, StoredDevice } from './device';
import { historyDocs } from './history';
import type { LedgerStore } from './ledger-store';

/** The whole ledger, as the reconcile core sees it (one read; fast even on the emulator). */
export async function ledgerSnapshot(store: LedgerStore): Promise<LedgerDeviceView[]> {
  const docs = await store.devices
    .find({}, { projection: { serialKey: 0, updatedAt: 0, lastSyncRun: 0 } })
    // As much per reply as the server allows (16 MB), not the driver's first batch of 101.
    .batchSize(100_000)
    .toArray();
  return docs.map(({ _id, ...d }) => ({ ...d, id: _id.toHexString() }) as LedgerDeviceView);
}

export type SyncedDevice = Pick<StoredDevice, 'assetNumber' | 'source' | 'mdm'> & {
  _id: ObjectId;
};

const syncedWith = (provider: MdmProvider) => ({
  $or: [{ 'mdm.provider': provider }, { source: provider }],
});

/** The devices synced with an MDM (what an unlink gives back to the ledger). */
export async function devicesSyncedWith(
  store: LedgerStore,
  provider: MdmProvider,
): Promise<SyncedDevice[]> {
  return store.devices
    .find(syncedWith(provider), { projection: { _id: 1, assetNumber: 1, source: 1, mdm: 1 } })
    .toArray();
}

/**
 * Unlink: every device synced with the MDM goes back to `source: ledger` without its MDM block;
 * the core fields keep their last values. `synced` is what the history records as the old values.
 */
export async function unlinkDevices(
  store: LedgerStore,
  provider: MdmProvider,
  synced: SyncedDevice[],
  actor: Actor,
  now: Date,
): Promise<void> {
  await store.devices.updateMany(syncedWith(provider), {
    $set: { source: 'ledger', mdm: null, updatedAt: now },
  });
  const history = synced.flatMap((d) =>
    historyDocs(
      d,
      [
        { field: 'source', old: d.source, new: 'ledger' },
        { field: 'mdm', old: d.mdm, new: null },
      ],
      'unlink',
      actor,
      'ledger',
      now,
    ),
  );
  if (history.length > 0) await store.fieldHistory.insertMany(history, { ordered: false });
}
