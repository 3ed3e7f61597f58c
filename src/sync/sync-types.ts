import type { SyncRunDoc } from '../db/collections';
import type { Actor } from '../ledger/actor';
import type { MdmProvider } from '../ledger/device';
import type { SyncSettings } from './settings';
import type { SyncCounts, SyncPreview } from './summary';

export interface SyncOptions {
  dryRun?: boolean;
  trigger?: SyncRunDoc['trigger'];
  actor: Actor;
  /** For a link's dry run: the settings being considered, not the saved ones. */
  settings?: SyncSettings;
  /** Told as the run goes (each page read, then reconcile, then writes), e.g. for a progress card. */
  onProgress?: (progress: SyncProgress) => void;
}

export interface SyncProgress {
  phase: 'reading' | 'reconciling' | 'applying';
  /** MDM devices read so far. */
  read: number;
  /** What the plan will do, once it is known. */
  counts?: SyncCounts;
}

export interface SyncResult {
  runId: string | null;
  provider: MdmProvider;
  dryRun: boolean;
  status: SyncRunDoc['status'] | 'dry-run' | 'skipped';
  counts: SyncCounts;
  preview?: SyncPreview;
  held?: SyncRunDoc['held'];
  errors: string[];
  documentsWritten: number;
  requests: Record<string, number>;
}

export function emptyCounts(): SyncCounts {
  return {
    mdmDevices: 0,
    linked: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    conflicts: 0,
    missing: 0,
  };
}
