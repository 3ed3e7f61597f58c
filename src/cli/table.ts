import stringWidth from 'string-width';

/**
 * Columns for a terminal, aligned by display width: a full-width character (漢字, カナ) takes two
 * columns, so padEnd's count of UTF-16 units would push every Japanese cell out of line.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** `text` padded with spaces to `width` display columns (never cut). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * Rows of cells as lines, each column as wide as its widest cell, two spaces between columns,
 * no trailing spaces. The header, when given, is the first line.
 */
export function formatTable(
  rows: readonly (readonly string[])[],
  header?: readonly string[],
): string[] {
  const all = header ? [header, ...rows] : rows;
  const columns = Math.max(0, ...all.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(0, ...all.map((r) => displayWidth(r[i] ?? ''))),
  );
  return all.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : padDisplay(cell, widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** "label  value" lines, the values in one column (devices show, sync status). */
export function formatLabelled(pairs: readonly (readonly [string, string])[]): string[] {
  return formatTable(pairs.map(([label, value]) => [label, value]));
}
