/**
 * Serial numbers are compared after trimming and case-folding. Placeholder values that
 * manufacturers and MDMs report for "no serial" count as empty and must never match each other,
 * or every unbranded PC would be linked to the same ledger record.
 */
export const DEFAULT_SERIAL_PLACEHOLDERS = [
  '0',
  'Default string',
  'To be filled by O.E.M.',
  'To Be Filled By O.E.M.',
  'System Serial Number',
  'Not Specified',
  'None',
  'N/A',
  'Unknown',
  '0123456789',
  '123456789',
  'Chassis Serial Number',
  'Base Board Serial Number',
  'INVALID',
];

export function serialMatcher(extraPlaceholders: readonly string[] = []) {
  const placeholders = new Set(
    [...DEFAULT_SERIAL_PLACEHOLDERS, ...extraPlaceholders].map(fold).filter(Boolean),
  );
  /** The key a serial is matched and indexed by, or null when it is empty or a placeholder. */
  return function serialKey(serial: string | null | undefined): string | null {
    if (serial === null || serial === undefined) return null;
    const key = fold(serial);
    if (key === '' || placeholders.has(key) || /^0+$/.test(key)) return null;
    return key;
  };
}

function fold(s: string): string {
  // NFKC folds full-width letters and digits (common in Japanese spreadsheets) to ASCII.
  return s.normalize('NFKC').trim().toLowerCase();
}
