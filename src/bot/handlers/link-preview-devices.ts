import type { SyncPreview } from '../../sync/summary';
import { previewDevices, type PreviewDevices } from '../../cards/link-preview';
import type { BotDeps } from '../bot-deps';

/**
 * The preview's devices named as the admin knows them: the ledger rows of the devices it links
 * and of its duplicates (serial numbers as written), read in slices.
 */
export async function loadPreviewDevices(
  deps: Pick<BotDeps, 'deviceReads' | 'ledger'>,
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
  const rows = await deps.deviceReads.namingOf([...assets], [...serialKeys]);
  return previewDevices(preview, rows, deps.ledger.serialKey);
}
