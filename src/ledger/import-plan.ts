import { changesFrom, type FieldChange } from './changes';
import { EDITABLE_FIELDS } from './device';
import type { DeviceInput } from './device-input';
import type { DeviceDoc } from './ledger-service';

/**
 * What an import would do to each valid row, before anything is written: the plan that the import
 * carries out, and that `--dry-run` shows. Pure.
 */
export type Planned =
  | { kind: 'create'; line: number; input: DeviceInput }
  | {
      kind: 'update';
      line: number;
      device: DeviceDoc;
      /** The changes that are written (clears only when empty cells clear). */
      changes: FieldChange[];
      /** Fields left as they are although the row's cell was empty (no --clear-empty). */
      kept: FieldChange[];
    };

/**
 * The update of `device` by one row. An empty cell (null) clears a field only when `clearEmpty`
 * says so; otherwise that field keeps its value and is listed as kept, so the admin can be told.
 */
export function planUpdate(
  line: number,
  device: DeviceDoc,
  input: DeviceInput,
  clearEmpty: boolean,
): Extract<Planned, { kind: 'update' }> {
  const all = changesFrom(device, { ...input, assetNumber: device.assetNumber });
  if (clearEmpty) return { kind: 'update', line, device, changes: all, kept: [] };
  return {
    kind: 'update',
    line,
    device,
    changes: all.filter((c) => c.new !== null),
    kept: all.filter((c) => c.new === null),
  };
}

export interface FieldPreview {
  field: string;
  from: unknown;
  to: unknown;
}

/** One row of a dry run, as printed and as `--json` gives it. */
export interface RowPreview {
  line: number;
  action: 'add' | 'change' | 'unchanged';
  /** null: a new device that gets the next SYS number when the import runs. */
  assetNumber: string | null;
  /** Fields set to a new value (for an added device: every field the row gives). */
  changes: FieldPreview[];
  /** Fields that would be emptied (--clear-empty). */
  cleared: FieldPreview[];
  /** Fields whose cell is empty but that keep their value; --clear-empty would clear them. */
  keptEmpty: FieldPreview[];
}

export interface PreviewSummary {
  add: number;
  change: number;
  unchanged: number;
  invalid: number;
  cleared: number;
  keptEmpty: number;
}

const fieldPreview = (c: FieldChange): FieldPreview => ({ field: c.field, from: c.old, to: c.new });

/** The dry run of a plan, row by row in file order. */
export function previewOf(plan: Planned[]): RowPreview[] {
  return plan.map((p): RowPreview => {
    if (p.kind === 'create') {
      return {
        line: p.line,
        action: 'add',
        assetNumber: p.input.assetNumber ?? null,
        changes: EDITABLE_FIELDS.filter((f) => f !== 'assetNumber' && p.input[f]).map((f) => ({
          field: f,
          from: null,
          to: p.input[f],
        })),
        cleared: [],
        keptEmpty: [],
      };
    }
    return {
      line: p.line,
      action: p.changes.length > 0 ? 'change' : 'unchanged',
      assetNumber: p.device.assetNumber,
      changes: p.changes.filter((c) => c.new !== null).map(fieldPreview),
      cleared: p.changes.filter((c) => c.new === null).map(fieldPreview),
      keptEmpty: p.kept.map(fieldPreview),
    };
  });
}

/** Counts of a dry run: rows by action, invalid rows, and fields cleared or kept. */
export function summaryOf(rows: RowPreview[], invalid: number): PreviewSummary {
  const count = (a: RowPreview['action']) => rows.filter((r) => r.action === a).length;
  const fields = (k: 'cleared' | 'keptEmpty') => rows.reduce((n, r) => n + r[k].length, 0);
  return {
    add: count('add'),
    change: count('change'),
    unchanged: count('unchanged'),
    invalid,
    cleared: fields('cleared'),
    keptEmpty: fields('keptEmpty'),
  };
}
