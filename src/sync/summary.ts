import { formatSysNumber } from '../ledger/asset-numbers';
import type { CommitResult } from '../ledger/ledger-service';
import type { SyncPlan } from './reconcile-types';

/** What a run did (or, in a dry run, would do): the counts of `daicho sync` and the cards. */
export interface SyncCounts {
  mdmDevices: number;
  linked: number;
  created: number;
  updated: number;
  unchanged: number;
  duplicates: number;
  conflicts: number;
  missing: number;
  /**
   * Re-enrolled devices that take over (took over) the ledger record of their old enrolment:
   * not in `linked` nor `updated`. Always set by plannedCounts / appliedCounts; optional only
   * for counts recorded before it existed.
   */
  relinked?: number;
  /** New enrolments not imported while their old enrolment is still listed (one alert each). */
  reenrolments?: number;
}

/** A re-enrolled device taking over its ledger record, as the dry run lists it. */
export interface RelinkPreview {
  assetNumber: string;
  serialNumber: string | null;
  oldMdmId: string;
  newMdmId: string;
  deviceName: string | null;
}

export interface SyncPreview {
  links: { assetNumber: string; mdmDeviceId: string }[];
  /** Re-links (seed 000's 2025/12/15 rule); set by preview(), optional for older callers. */
  relinks?: RelinkPreview[];
  /** New enrolments held back while the old one is still listed; set by preview(). */
  reenrolments?: SyncPlan['reenrolments'];
  creates: {
    mdmDeviceId: string;
    deviceName: string | null;
    serialNumber: string | null;
    assetNumber: string;
    sysNumber: boolean;
  }[];
  conflicts: { mdmDeviceId: string; deviceName: string | null; wanted: string; takenBy: string }[];
  duplicates: SyncPlan['duplicates'];
  missing: SyncPlan['missing'];
  changes: { assetNumber: string; field: string; old: unknown; new: unknown; rule: string }[];
}

export function plannedCounts(plan: SyncPlan, mdmDevices: number): SyncCounts {
  return {
    mdmDevices,
    linked: plan.updates.filter((u) => u.firstLink).length,
    created: plan.creates.length,
    updated: plan.updates.filter((u) => !u.firstLink && !u.relinkedFrom).length,
    unchanged: plan.unchanged,
    duplicates: plan.duplicates.length,
    conflicts: plan.creates.filter((c) => c.conflictWith).length,
    missing: plan.missing.length,
    relinked: plan.relinks.length,
    reenrolments: plan.reenrolments.length,
  };
}

export function appliedCounts(
  plan: SyncPlan,
  applied: CommitResult,
  mdmDevices: number,
): SyncCounts {
  return {
    mdmDevices,
    linked: applied.linked,
    created: applied.created,
    updated: applied.updated,
    unchanged: plan.unchanged,
    duplicates: plan.duplicates.length,
    conflicts: applied.conflicts.length,
    missing: applied.missing,
    relinked: applied.relinked,
    reenrolments: plan.reenrolments.length,
  };
}

/**
 * The dry-run report that replaces seed 000's "export both CSVs and compare by hand": every link,
 * every new device with its asset number (SYS numbers as they would be given next), duplicates,
 * conflicts and every field change.
 */
export function preview(plan: SyncPlan, nextSysSeq: number): SyncPreview {
  let sys = nextSysSeq;
  return {
    links: plan.updates
      .filter((u) => u.firstLink)
      .map((u) => ({ assetNumber: u.assetNumber, mdmDeviceId: u.mdmDeviceId })),
    relinks: plan.relinks.map((r) => ({
      assetNumber: r.assetNumber,
      serialNumber: r.serialNumber,
      oldMdmId: r.oldMdmId,
      newMdmId: r.newMdmId,
      deviceName: r.deviceName,
    })),
    reenrolments: plan.reenrolments,
    creates: plan.creates.map((c) => ({
      mdmDeviceId: c.mdm.deviceId,
      deviceName: c.mdm.deviceName,
      serialNumber: c.mdm.serialNumber,
      assetNumber: c.assetNumber ?? formatSysNumber(sys++),
      sysNumber: !c.assetNumber,
    })),
    conflicts: plan.creates
      .filter((c) => c.conflictWith)
      .map((c) => ({
        mdmDeviceId: c.mdm.deviceId,
        deviceName: c.mdm.deviceName,
        ...c.conflictWith!,
      })),
    duplicates: plan.duplicates,
    missing: plan.missing,
    changes: plan.updates.flatMap((u) =>
      u.changes.map((ch) => ({ assetNumber: u.assetNumber, ...ch })),
    ),
  };
}
