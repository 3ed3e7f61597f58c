import type { Device } from '../ledger/device';
import type { ChecklistCatalog } from './checklist';

// The two choices a replacement asks for: which checklist to follow, and the old device's fate.

/**
 * What becomes of the old device when a replacement completes. The card offers these ids; the
 * ledger gets the Japanese status text whatever the admin's language, because ステータス is one
 * shared column that the company's own values fill (利用中, 廃棄 …): an English-speaking admin
 * completing a workflow must not write "disposed" next to everyone else's 廃棄.
 */
export const OLD_DEVICE_OUTCOMES = {
  disposed: '廃棄',
  spare: '予備機',
  repair: '修理中',
  returned: '返却',
} as const;

export type OldDeviceOutcomeId = keyof typeof OLD_DEVICE_OUTCOMES;

export const OLD_DEVICE_OUTCOME_IDS = Object.keys(OLD_DEVICE_OUTCOMES) as [
  OldDeviceOutcomeId,
  ...OldDeviceOutcomeId[],
];

/** The id of a stored status text, for pre-selecting it again (e.g. a completion to finish). */
export function outcomeIdOf(status: string | null | undefined): OldDeviceOutcomeId | undefined {
  return OLD_DEVICE_OUTCOME_IDS.find((id) => OLD_DEVICE_OUTCOMES[id] === status);
}

type Platform = 'ios' | 'ipados' | 'android' | 'macos' | 'windows';

/** The platform a ledger device runs, read from its OS (and model, for a blank OS). */
export function platformOf(device: Pick<Device, 'os' | 'model'>): Platform | undefined {
  const text = `${device.os ?? ''} ${device.model ?? ''}`.toLowerCase();
  if (/ipados|\bipad/.test(text)) return 'ipados';
  if (/\bios\b|iphone/.test(text)) return 'ios';
  if (/android|pixel|galaxy|xperia/.test(text)) return 'android';
  if (/mac ?os|os x|macbook|imac|mac mini/.test(text)) return 'macos';
  if (/windows/.test(text)) return 'windows';
  return undefined;
}

/**
 * The checklist to pre-select for a device: the one listing its platform (iOS/iPadOS → the
 * ABM/DEP one, Android → Android Enterprise), else the generic Windows/macOS one.
 */
export function suggestedChecklistId(
  device: Pick<Device, 'os' | 'model'>,
  catalog: ChecklistCatalog,
): string {
  const all = catalog.all();
  const platform = platformOf(device) ?? 'windows';
  const match =
    all.find((c) => c.platforms.includes(platform)) ??
    all.find((c) => c.platforms.includes('windows'));
  return (match ?? all[0]).id;
}
