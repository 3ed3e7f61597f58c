import type { MdmProvider } from '../ledger/device';

/** How MDM devices find their ledger record: serial number, or the MDM's device UUID. */
export type MatchKey = 'serial' | 'uuid';
/** Which MDM value becomes the asset number of a device imported new. */
export type AssetNumberRule = 'uuid' | 'deviceName' | 'serial';

export interface SyncSettings {
  provider: MdmProvider;
  matchKey: MatchKey;
  assetNumberRule: AssetNumberRule;
}

export const PROVIDER_NAMES: Record<MdmProvider, string> = {
  intune: 'Microsoft Intune',
  jamf: 'Jamf Pro',
};

/**
 * The words of the CLI and cards for each provider (seed 000 names Intune's; Jamf says UDID and
 * name). Each maps to the one internal value.
 */
export const MATCH_WORDS: Record<MdmProvider, Record<string, MatchKey>> = {
  intune: { serial: 'serial', uuid: 'uuid' },
  jamf: { serial: 'serial', udid: 'uuid' },
};
export const ASSET_RULE_WORDS: Record<MdmProvider, Record<string, AssetNumberRule>> = {
  intune: { uuid: 'uuid', 'device-name': 'deviceName', serial: 'serial' },
  jamf: { udid: 'uuid', name: 'deviceName', serial: 'serial' },
};
