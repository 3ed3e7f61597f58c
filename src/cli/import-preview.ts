import { FIELD_LABELS_JA } from '../ledger/device';
import type { EditableField } from '../ledger/device';
import { fieldFromName } from '../ledger/device-input';
import type { FieldPreview, PreviewSummary, RowPreview } from '../ledger/import-plan';
import type { CliContext } from './context';

/** Longest value shown in a preview line: a 1 MB cell must not print a megabyte. */
const VALUE_CHARS = 80;

/** The lines of `devices import --dry-run`: each row's action and fields, then the counts. */
export function previewText(ctx: CliContext, rows: RowPreview[], summary: PreviewSummary): string {
  const lines: string[] = [];
  const label = (name: string) => fieldLabel(ctx, name);
  const value = (v: unknown) => shown(ctx, v);
  for (const row of rows) {
    const assetNumber = row.assetNumber ?? ctx.say('import.preview.nextSys');
    lines.push(ctx.say(`import.preview.${row.action}`, { line: row.line, assetNumber }));
    const field = (key: 'field' | 'cleared' | 'keptEmpty') => (f: FieldPreview) =>
      ctx.say(`import.preview.${key}`, {
        field: label(f.field),
        from: value(f.from),
        to: value(f.to),
      });
    lines.push(...row.changes.map(field('field')));
    lines.push(...row.cleared.map(field('cleared')));
    lines.push(...row.keptEmpty.map(field('keptEmpty')));
  }
  lines.push(ctx.say('import.preview.summary', { ...summary }));
  return `${lines.join('\n')}\n`;
}

function fieldLabel(ctx: CliContext, name: string): string {
  const field: EditableField | undefined = fieldFromName(name);
  return ctx.locale === 'ja' && field ? FIELD_LABELS_JA[field] : name;
}

/** A value on one line, cut short; an empty one as "(empty)". */
function shown(ctx: CliContext, v: unknown): string {
  if (v === null || v === undefined || v === '') return ctx.say('import.preview.empty');
  const text = String(v).replace(/\s*[\r\n]+\s*/g, ' ');
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS - 1)}…` : text;
}
