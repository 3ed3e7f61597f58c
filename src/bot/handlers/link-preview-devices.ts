import type { SyncPreview } from '../../sync/summary';
import {
  previewDevices,
  type PreviewDevices,
  type PreviewLedgerRow,
} from '../../cards/link-preview';
import type { BotDeps } from '../bot-deps';

/**
 * The preview's devices named as the admin knows them: the ledger rows of the devices it links
 * and of its duplicates (serial numbers as written), read in slices of 1,000.
 */
export async function loadPreviewDevices(
  deps: Pick<BotDeps, 'c' | 'ledger'>,
  preview: SyncPreview | undefined,
): Promise<PreviewDevices> {
  const assets = new Set<string>();
  const serialKeys = new Set<string>();
  for (const l of preview?.links ?? []) assets.add(l.assetNumber);
  for (const r of preview?.relinks ?? []) assets.add(r.assetNumber);
  for (const d of preview?.duplicates ?? []) {
    d.assetNumbers.forEach((a) => assets.add(a));
    if (d.matchKey === 'serial') serialKeys.add(d.keyValue);
  }
  const rows: PreviewLedgerRow[] = [];
  const projection = { _id: 0, assetNumber: 1, serialNumber: 1, serialKey: 1, uuid: 1 };
  const read = async (filter: object) =>
    rows.push(
      ...((await deps.c.devices.find(filter, { projection }).toArray()) as PreviewLedgerRow[]),
    );
  const a = [...assets];
  for (let i = 0; i < a.length; i += 1000)
    await read({ assetNumber: { $in: a.slice(i, i + 1000) } });
  const k = [...serialKeys];
  for (let i = 0; i < k.length; i += 1000) await read({ serialKey: { $in: k.slice(i, i + 1000) } });
  return previewDevices(preview, rows, deps.ledger.serialKey);
}
