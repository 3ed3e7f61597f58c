import type { MessageKey } from '../i18n/messages';
import { EDITABLE_FIELDS, EditableField, FIELD_LABELS_JA } from './device';

/**
 * Validation of what an admin types or imports, before anything touches the database. Pure:
 * returns the cleaned values and a list of problems (field + i18n key) instead of throwing, so an
 * import can report every bad row with its line number.
 */
export type DeviceInput = Partial<Record<EditableField, string | null>>;

export interface InputProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** Columns that exports carry for reference and imports ignore (they belong to the MDM). */
export function isReadOnlyColumn(name: string): boolean {
  return (
    name === 'source' ||
    name === 'mdm' ||
    name.startsWith('mdm.') ||
    name === 'ソース' ||
    name === 'lastStocktake' ||
    name.startsWith('lastStocktake.')
  );
}

/** The ways a column may spell a camelCase field: serialnumber, serial-number, serial_number. */
export function spellings(field: string): string[] {
  const lower = (sep: string) => field.replace(/[A-Z]/g, (c) => `${sep}${c.toLowerCase()}`);
  return [field.toLowerCase(), lower('-'), lower('_')];
}

/**
 * Text as typed or exported, without control characters other than tab and line breaks (they
 * come from broken exports; line breaks inside a quoted cell are kept so an export round-trips)
 * and surrounding space.
 */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}

const ALIASES = new Map<string, EditableField>();
for (const f of EDITABLE_FIELDS) {
  for (const name of spellings(f)) ALIASES.set(name, f);
  ALIASES.set(FIELD_LABELS_JA[f].toLowerCase(), f);
}
ALIASES.set('廃棄日', 'disposalDate');
ALIASES.set('解約日', 'disposalDate');

/** Maps a column or option name (camelCase, kebab-case, snake_case or the Japanese label) to a field. */
export function fieldFromName(name: string): EditableField | undefined {
  return ALIASES.get(name.normalize('NFKC').trim().toLowerCase());
}

const MAX_LENGTH: Record<EditableField, number> = {
  assetNumber: 64,
  serialNumber: 128,
  os: 256,
  manufacturer: 256,
  model: 256,
  deviceType: 100,
  status: 100,
  user: 256,
  procurementDate: 10,
  disposalDate: 10,
  uuid: 128,
};

const DATE_FIELDS = new Set<EditableField>(['procurementDate', 'disposalDate']);

/**
 * Cleans one record. `raw` maps field names to values; a present-but-empty value means "clear the
 * field" (null), an absent key means "leave it as it is". (An import clears on an empty cell only
 * with --clear-empty: see planUpdate.)
 */
export function parseDeviceInput(raw: Record<string, unknown>): {
  value: DeviceInput;
  problems: InputProblem[];
} {
  const value: DeviceInput = {};
  const problems: InputProblem[] = [];
  for (const [name, rawValue] of Object.entries(raw)) {
    if (isReadOnlyColumn(name)) continue;
    const field = fieldFromName(name);
    if (!field) {
      problems.push({ field: name, key: 'input.unknownField', params: { field: name } });
      continue;
    }
    const cleaned = cleanValue(field, rawValue);
    if ('problem' in cleaned) problems.push(cleaned.problem);
    else value[field] = cleaned.value;
  }
  if (value.assetNumber === null) {
    // An empty asset number on import means "assign one"; on edit the caller refuses it.
    delete value.assetNumber;
  }
  const { procurementDate: from, disposalDate: to } = value;
  if (from && to && to < from) {
    problems.push({
      field: 'disposalDate',
      key: 'input.disposalBeforeProcurement',
      params: { from, to },
    });
  }
  return { value, problems };
}

function cleanValue(
  field: EditableField,
  raw: unknown,
): { value: string | null } | { problem: InputProblem } {
  if (raw === null || raw === undefined) return { value: null };
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (typeof raw === 'number' && Number.isFinite(raw)) text = String(raw);
  else return { problem: { field, key: 'input.notText', params: { field } } };

  text = cleanText(text);
  if (text === '') return { value: null };
  if (text.length > MAX_LENGTH[field] && !DATE_FIELDS.has(field)) {
    return { problem: { field, key: 'input.tooLong', params: { field, max: MAX_LENGTH[field] } } };
  }
  if (DATE_FIELDS.has(field)) {
    const date = parseDate(text);
    if (!date) return { problem: { field, key: 'input.badDate', params: { field, value: text } } };
    return { value: date };
  }
  return { value: text };
}

/** Accepts 2024-04-01, 2024/4/1 (Excel's Japanese format) and 2024年4月1日; returns YYYY-MM-DD. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
