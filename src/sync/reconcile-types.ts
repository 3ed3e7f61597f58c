import type { Device, MdmBlock, MdmProvider } from '../ledger/device';
import type { MdmDevice } from './mdm-device';

/** A ledger device as the reconcile core sees it: the stored record plus its id and age. */
export interface LedgerDeviceView extends Device {
  id: string;
  createdAt: Date;
}

/** Why a field changes: the seed-000 precedence rule (or the lifecycle event) that applied. */
export type SyncRule =
  'mdm-wins' | 'ledger-wins-empty' | 'mdm-only' | 'link' | 'missing-from-mdm' | 'back-in-mdm';

export interface RuleChange {
  field: string;
  old: unknown;
  new: unknown;
  rule: SyncRule;
}

export interface DeviceUpdate {
  ledgerId: string;
  assetNumber: string;
  mdmDeviceId: string;
  /** True when this run links the device to the MDM (first match); false for a pinned device. */
  firstLink: boolean;
  /** The `$set` to apply, with dotted paths for the mdm block. */
  set: Record<string, unknown>;
  changes: RuleChange[];
}

export interface DeviceCreate {
  mdm: MdmDevice;
  /** From the asset-number rule; null when it is empty or taken, so the device gets SYS+sequence. */
  assetNumber: string | null;
  /** The asset number the rule wanted when another device already had it. */
  conflictWith: { wanted: string; takenBy: string } | null;
  device: Omit<Device, 'assetNumber'>;
}

export interface DuplicateFinding {
  /** "mdm": several MDM devices share the key value; "ledger": several ledger devices do. */
  side: 'mdm' | 'ledger';
  matchKey: string;
  keyValue: string;
  mdmDevices: {
    deviceId: string;
    deviceName: string | null;
    enrolledAt: string | null;
    lastCheckInAt: string | null;
    user: string | null;
  }[];
  /** Asset numbers of the ledger devices involved (the linked one first). */
  assetNumbers: string[];
}

export interface MissingFinding {
  ledgerId: string;
  assetNumber: string;
  mdmDeviceId: string;
  deviceName: string | null;
}

export interface SyncPlan {
  provider: MdmProvider;
  updates: DeviceUpdate[];
  creates: DeviceCreate[];
  unchanged: number;
  duplicates: DuplicateFinding[];
  missing: MissingFinding[];
  /** Devices already synced before this run: the base of the safety limit. */
  syncedBefore: number;
  /** Synced devices whose 利用者 this run changes. */
  userChanges: number;
}

export type MdmBlockOf = (d: MdmDevice) => MdmBlock;
