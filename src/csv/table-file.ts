import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { MessageKey } from '../i18n/messages';
import { decodeBytes, DecodeError, type Encoding } from './text-decoding';

/** One data row of an imported file, with the line (CSV) or record number (JSON) to report. */
export interface TableRow {
  line: number;
  raw: Record<string, unknown>;
  /** Set when a CSV row has more or fewer cells than the header. */
  badColumnCount?: { got: number; expected: number };
}

/**
 * A file that cannot be read as a table. `key` and `params`, when set, are the i18n message to
 * show (the caller adds `file`); else the message is the reason, in English.
 */
export class TableFileError extends Error {
  constructor(
    message: string,
    readonly key?: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/**
 * The largest import file read. Parsing holds about 14 times the file in memory (the text, every
 * cell, an object per row: 50 MB of devices, 350,000 rows, took 0.7 GB; 200 MB took 3 GB), so
 * 50 MB stays well within Node's default heap, while a ledger of 100,000 devices is about 15 MB.
 */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * The most columns (or JSON keys) a table may have: the device and people files have a few
 * dozen. A header of thousands is the wrong file, and every row would repeat a problem per column.
 */
export const MAX_COLUMNS = 1000;

/** Names a column (or key) by its field, so that two spellings of one field are caught. */
export type FieldOf = (name: string) => string | undefined;

export interface ReadOptions {
  /** What the admin named with --encoding; without it the encoding is detected. */
  encoding?: Encoding;
  fieldOf?: FieldOf;
}

/**
 * Decodes a file the way Japanese admins produce them: UTF-8 with or without BOM (Excel's
 * "CSV UTF-8"), UTF-16 with BOM, or Shift_JIS (Excel's plain "CSV" on Japanese Windows); EUC-JP
 * and UTF-16 without BOM when named. Bytes that are not surely one of them are refused.
 */
export function decodeText(bytes: Buffer, encoding?: Encoding): string {
  try {
    return decodeBytes(bytes, encoding);
  } catch (e) {
    if (e instanceof DecodeError) throw new TableFileError(e.message, e.key, e.params);
    throw e;
  }
}

/** Reads a CSV (header row of field names) or a JSON array of objects. */
export function readTableFile(file: string, options: ReadOptions = {}): TableRow[] {
  const text = decodeText(readBounded(file), options.encoding);
  return /\.json$/i.test(file) || /^\s*\[/.test(text)
    ? parseJsonRows(text, options.fieldOf)
    : parseCsvRows(text, options.fieldOf);
}

/** The file's bytes; one over the limit is refused by its size, before it is read. */
function readBounded(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw fileProblem(e);
  }
  try {
    const { size } = fstatSync(fd);
    if (size > MAX_IMPORT_BYTES) throw tooLarge(size);
    // A pipe has no size, and a file may grow while read: stop one chunk past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(4 * 1024 * 1024);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_IMPORT_BYTES) throw tooLarge(total);
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw e instanceof TableFileError ? e : fileProblem(e);
  } finally {
    closeSync(fd);
  }
}

/** 50000 → "50,000" (the same in the Japanese messages). */
const count = (n: number) => n.toLocaleString('en-US');

function fileProblem(e: unknown): TableFileError {
  return new TableFileError(
    (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e),
  );
}

function tooLarge(bytes: number): TableFileError {
  const mb = (n: number) => Math.ceil((n / 1024 / 1024) * 10) / 10;
  return new TableFileError(
    `${mb(bytes)} MB, over the limit of ${mb(MAX_IMPORT_BYTES)} MB`,
    'import.tooLarge',
    { size: mb(bytes), max: mb(MAX_IMPORT_BYTES) },
  );
}

/**
 * The first two names that mean one field: the same name twice, or two spellings of one field
 * (`assetNumber` and `資産番号`). A row object keeps only one of them, so the other would be
 * dropped without a word.
 */
function sameField(names: string[], fieldOf: FieldOf | undefined) {
  const seen = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const field = fieldOf?.(name);
    const key = field === undefined ? `name:${name}` : `field:${field}`;
    const first = seen.get(key);
    if (first !== undefined)
      return {
        first,
        second: i,
        a: excerpt(names[first]),
        b: excerpt(name),
        field: excerpt(field ?? name),
      };
    seen.set(key, i);
  }
  return undefined;
}

export function parseJsonRows(text: string, fieldOf?: FieldOf): TableRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TableFileError(`not valid JSON (${excerpt((e as Error).message, 200)})`);
  }
  if (!Array.isArray(data)) throw new TableFileError('JSON must be an array of objects');
  return data.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new TableFileError(`record ${i + 1} is not an object`);
    }
    const keys = Object.keys(item);
    const record = i + 1;
    if (keys.length > MAX_COLUMNS)
      throw new TableFileError(
        `record ${record} has ${keys.length} fields, more than ${MAX_COLUMNS}`,
        'import.tooManyKeys',
        { record, count: count(keys.length), max: count(MAX_COLUMNS) },
      );
    // JSON.parse already kept the last of two equal keys; two spellings of one field are caught.
    const dup = sameField(keys, fieldOf);
    if (dup)
      throw new TableFileError(
        `record ${record}: "${dup.a}" and "${dup.b}" are the same field`,
        'import.duplicateKey',
        { record, a: dup.a, b: dup.b, field: dup.field },
      );
    return { line: record, raw: flattenMdm(item as Record<string, unknown>) };
  });
}

/** One parsed CSV record with where it ended (csv-parse's `info: true`). */
interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/** csv-parse's types do not follow `info: true`, so its output is checked rather than cast. */
function isParsedRecord(r: unknown): r is ParsedRecord {
  return (
    typeof r === 'object' &&
    r !== null &&
    'record' in r &&
    Array.isArray(r.record) &&
    'info' in r &&
    typeof r.info === 'object' &&
    r.info !== null &&
    'lines' in r.info &&
    typeof r.info.lines === 'number'
  );
}

export function parseCsvRows(text: string, fieldOf?: FieldOf): TableRow[] {
  let parsed: unknown;
  try {
    parsed = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    });
  } catch (e) {
    const where = (e as { lines?: number }).lines;
    throw new TableFileError(
      `${where ? `line ${where}: ` : ''}${excerpt((e as Error).message, 200)}`,
    );
  }
  if (!Array.isArray(parsed) || !parsed.every(isParsedRecord))
    throw new TableFileError('the CSV parser returned records without their line numbers');
  const records = parsed;
  if (records.length === 0) return [];
  const header = records[0].record.map((h) => h.trim());
  const blank = header.findIndex((h) => h === '');
  if (blank >= 0) throw new TableFileError(`line 1: column ${blank + 1} has no name`);
  if (header.length > MAX_COLUMNS)
    throw new TableFileError(
      `line 1: the header has ${header.length} columns, more than ${MAX_COLUMNS}`,
      'import.tooManyColumns',
      { count: count(header.length), max: count(MAX_COLUMNS) },
    );
  const dup = sameField(header, fieldOf);
  if (dup)
    throw new TableFileError(
      `line 1: column ${dup.first + 1} "${dup.a}" and column ${dup.second + 1} "${dup.b}" are the same field`,
      'import.duplicateColumn',
      { ...dup, first: dup.first + 1, second: dup.second + 1 },
    );
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
export function toCsv<Row extends object>(
  header: readonly string[],
  rows: readonly Row[],
  options: { excel?: boolean } = {},
): string {
  const body = stringify(
    rows.map((r) => header.map((h) => cell(Reflect.get(r, h)))),
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

/**
 * A name or value short enough for one line of a report: at most `max` characters (then "…"),
 * control characters and line breaks shown as escapes.
 */
export function excerpt(text: string, max = 60): string {
  const head = Array.from(text.slice(0, max * 2 + 2));
  const cut = head.length > max || text.length > max * 2 + 2;
  const shown = (cut ? head.slice(0, max - 1) : head).join('');
  const escaped = shown.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n'
      ? '\\n'
      : c === '\r'
        ? '\\r'
        : c === '\t'
          ? '\\t'
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return cut ? `${escaped}…` : escaped;
}
