/**
 * Value cleaning shared by the MDM mappers: MDMs send "" , 0 and placeholder dates where they
 * mean "unknown", and the ledger stores null for all of those.
 */

/** A trimmed string, or null for a missing, blank or non-text value. */
export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** YYYY-MM-DD, optionally with a time (T or a space), fractions and a zone. */
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * An ISO 8601 date or date-time as the MDM sent it, or null. Intune writes
 * "0001-01-01T00:00:00Z" for "never"; any year before 1970 is treated the same way. Only ISO
 * text counts: Date.parse alone takes "12", "Monday 5" or a number as dates.
 */
export function isoDate(value: unknown): string | null {
  const s = typeof value === 'string' ? text(value) : null;
  if (s === null || !ISO_8601.test(s)) return null;
  const time = Date.parse(s);
  if (Number.isNaN(time) || time < 0) return null;
  return s;
}

/** A record of an MDM's JSON answer; anything else (null, a list, text) is refused, not read. */
export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return value as Record<string, unknown>;
  const got =
    value === null || value === undefined
      ? 'nothing'
      : Array.isArray(value)
        ? 'a list'
        : typeof value;
  throw new Error(`${what} is not a JSON object (got ${got})`);
}

/** Capacity in GB (1024-based, 2 decimals) from a count of `unitBytes`; 0 or less is unknown. */
export function capacityGb(value: unknown, unitBytes: number): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) return null;
  const gb = Math.round(((n * unitBytes) / 1024 ** 3) * 100) / 100;
  // A few bytes round to 0, an absurd count overflows: neither is a disk size.
  return Number.isFinite(gb) && gb > 0 ? gb : null;
}

/** "Windows (10.0.22631.4460)"; just the name without a version; null without either. */
export function osLabel(name: unknown, version: unknown): string | null {
  const n = text(name);
  const v = text(version);
  if (n && v) return `${n} (${v})`;
  return n ?? v;
}

/** A nested object of a JSON record ({} when absent), so mappers can read sections safely. */
export function section(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = record[key];
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
