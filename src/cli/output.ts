import { writeFileSync } from 'node:fs';
import { DaichoError } from '../errors';
import { FIELD_LABELS_JA, type Device } from '../ledger/device';
import type { Locale } from '../i18n/messages';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes to a file when --out is given, else to stdout. */
export function emit(text: string, out?: string): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(out, text);
  } catch (e) {
    // A directory, a missing folder, no permission: the user's to fix, not an unexpected error.
    const reason = e instanceof Error ? e.message : String(e);
    throw new DaichoError('INVALID_INPUT', 'cli.cannotWrite', { file: out, reason });
  }
}

/** A device as aligned "label: value" lines, in the user's language. */
export function formatDevice(device: Device, locale: Locale): string {
  const label = (f: keyof typeof FIELD_LABELS_JA) => (locale === 'ja' ? FIELD_LABELS_JA[f] : f);
  const rows: [string, unknown][] = (
    Object.keys(FIELD_LABELS_JA) as (keyof typeof FIELD_LABELS_JA)[]
  )
    .filter((f) => f !== 'mdm')
    .map((f) => [label(f), device[f]]);
  if (device.mdm) for (const [k, v] of Object.entries(device.mdm)) rows.push([`mdm.${k}`, v]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v ?? '-'}`).join('\n') + '\n';
}
