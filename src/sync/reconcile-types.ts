import type { Device, MdmBlock, MdmProvider } from '../ledger/device';
import type { MdmDevice } from './mdm-device';

/** A ledger device as the reconcile core sees it: the stored record plus its id and age. */
export interface LedgerDeviceView extends Device {
  id: string;
  createdAt: Date;
}

/** Why a field changes: the seed-000 precedence rule (or the lifecycle event) that applied. */
export type SyncRule =
  | 'mdm-wins'
  | 'ledger-wins-empty'
  | 'mdm-only'
  | 'link'
  | 'missing-from-mdm'
  | 'back-in-mdm'
  | 're-enrolled';

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
  /**
   * Set when this run moves the device's pin to a new MDM device (a re-enrolment, seed 000's
   * 2025/12/15 rule): the MDM device id it was pinned to before, which the MDM no longer lists.
   */
  relinkedFrom: string | null;
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

/** One MDM device as a finding names it (enrolled, last check-in, user), for the admin to compare. */
export interface MdmDeviceSummary {
  deviceId: string;
  deviceName: string | null;
  enrolledAt: string | null;
  lastCheckInAt: string | null;
  user: string | null;
}

export interface DuplicateFinding {
  /** "mdm": several MDM devices share the key value; "ledger": several ledger devices do. */
  side: 'mdm' | 'ledger';
  matchKey: string;
  /** The folded value the devices share (for matching and alert ids). */
  keyValue: string;
  /** The same value as one of the devices has it written: what cards and the CLI show. */
  keyText?: string;
  mdmDevices: MdmDeviceSummary[];
  /** Asset numbers of the ledger devices involved (the linked one first). */
  assetNumbers: string[];
  /**
   * Ledger side only, when some of `assetNumbers` are records linked to an MDM device the MDM no
   * longer lists while another listed device carries their key value: a re-enrolled device that
   * was imported as a second record before the 2025/12/15 rule (or beside a record that was
   * re-linked). Merging them into the linked one (the first asset number) keeps one record.
   */
  reenrolled?: { assetNumber: string; oldMdmId: string; newMdmId: string }[];
}

/**
 * A re-enrolment: an MDM device the ledger does not know yet whose key value (serial number, or
 * Jamf UDID) belongs to a ledger device pinned to another MDM device of that key.
 */
export interface Relink {
  ledgerId: string;
  assetNumber: string;
  /** The ledger's serial number (the matching value). */
  serialNumber: string | null;
  /** The MDM device the ledger device was pinned to, no longer listed by the MDM. */
  oldMdmId: string;
  /** The new enrolment, which takes over the ledger device. */
  newMdmId: string;
  deviceName: string | null;
}

/**
 * A probable re-enrolment while the old enrolment is still listed beside the new one: the new
 * MDM device is not imported (that would make a second record of one physical device); it takes
 * over the ledger device once the old enrolment has left the MDM.
 */
export interface ReenrolmentFinding {
  /** The ledger device of the old enrolment; null when this run imports that one new too. */
  ledgerId: string | null;
  assetNumber: string | null;
  matchKey: 'serial' | 'uuid';
  keyValue: string;
  /** The value as the new enrolment has it written: what cards and the CLI show. */
  keyText?: string;
  oldMdm: MdmDeviceSummary;
  newMdm: MdmDeviceSummary;
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
  /** Re-enrolled devices that take over the ledger record of their old enrolment (updates too). */
  relinks: Relink[];
  /** New enrolments held back because the old enrolment is still listed (one alert each). */
  reenrolments: ReenrolmentFinding[];
  /** Devices already synced before this run: the base of the safety limit. */
  syncedBefore: number;
  /** Synced devices whose 利用者 this run changes. */
  userChanges: number;
}

export type MdmBlockOf = (d: MdmDevice) => MdmBlock;
