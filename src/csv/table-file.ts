import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';

/** One data row of an imported file, with the line (CSV) or record number (JSON) to report. */
export interface TableRow {
  line: number;
  raw: Record<string, unknown>;
  /** Set when a CSV row has more or fewer cells than the header. */
  badColumnCount?: { got: number; expected: number };
}

export class TableFileError extends Error {}

/**
 * Decodes a file the way Japanese admins produce them: UTF-8 with or without BOM (Excel's
 * "CSV UTF-8"), UTF-16 with BOM, or Shift_JIS (Excel's plain "CSV" on Japanese Windows).
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'Shift_JIS');
  }
}

/** Reads a CSV (header row of field names) or a JSON array of objects. */
export function readTableFile(file: string): TableRow[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new TableFileError(
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e),
    );
  }
  const text = decodeText(bytes);
  return /\.json$/i.test(file) || /^\s*\[/.test(text) ? parseJsonRows(text) : parseCsvRows(text);
}

export function parseJsonRows(text: string): TableRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TableFileError(`not valid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(data)) throw new TableFileError('JSON must be an array of objects');
  return data.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new TableFileError(`record ${i + 1} is not an object`);
    }
    return { line: i + 1, raw: flattenMdm(item as Record<string, unknown>) };
  });
}

export function parseCsvRows(text: string): TableRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (e) {
    const where = (e as { lines?: number }).lines;
    throw new TableFileError(`${where ? `line ${where}: ` : ''}${(e as Error).message}`);
  }
  if (records.length === 0) return [];
  const header = records[0].record.map((h) => h.trim());
  const blank = header.findIndex((h) => h === '');
  if (blank >= 0) throw new TableFileError(`line 1: column ${blank + 1} has no name`);
  return records.slice(1).map(({ record, info }) => {
    // Own keys whatever the header says: `raw['__proto__'] = …` would drop the column silently
    // instead of reporting it as unknown.
    const raw: Record<string, unknown> = Object.fromEntries(
      header.flatMap((h, i) => (i < record.length ? [[h, unescapeFormula(record[i])]] : [])),
    );
    const row: TableRow = { line: info.lines, raw };
    if (record.length !== header.length)
      row.badColumnCount = { got: record.length, expected: header.length };
    return row;
  });
}

/** CSV text with a header row. Cells that a spreadsheet would run as a formula are defused. */
export function toCsv(
  header: readonly string[],
  rows: Record<string, unknown>[],
  options: { excel?: boolean } = {},
): string {
  const body = stringify(
    rows.map((r) => header.map((h) => cell(r[h]))),
    { header: true, columns: [...header], record_delimiter: options.excel ? '\r\n' : '\n' },
  );
  return options.excel ? `\ufeff${body}` : body;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  // A value that already starts with quotes before a formula character gets one more, so that
  // unescapeFormula gives it back as it was.
  return /^'*[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** Undoes cell(): the one quote we put before (quotes and) a formula character is not part of the value. */
function unescapeFormula(s: string): string {
  return /^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s;
}

/** `mdm: {...}` of an exported JSON record → `mdm.*` keys, which imports ignore as read-only. */
function flattenMdm(item: Record<string, unknown>): Record<string, unknown> {
  const { mdm, ...rest } = item;
  if (mdm === undefined) return rest;
  return { ...rest, mdm: mdm === null ? null : JSON.stringify(mdm) };
}
