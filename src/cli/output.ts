import { writeFileSync } from 'node:fs';
import { DaichoError } from '../errors';
import { fieldLabel, providerName, sourceLabel } from '../cards/format';
import { EXPORT_FIELDS, type Device } from '../ledger/device';
import type { Locale } from '../i18n/messages';
import { formatLabelled } from './table';
import { cliTime } from './time';

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

/** A device as "label  value" lines, labels and values as the cards show them, aligned. */
export function formatDevice(device: Device, locale: Locale): string {
  const rows: [string, string][] = EXPORT_FIELDS.filter((f) => f !== 'mdm').map((f) => [
    fieldLabel(f, locale),
    f === 'source' ? sourceLabel(device.source, locale) : cellText(device[f]),
  ]);
  if (device.mdm)
    for (const [k, v] of Object.entries(device.mdm))
      rows.push([
        fieldLabel(`mdm.${k}`, locale),
        k === 'provider' && (v === 'intune' || v === 'jamf')
          ? providerName(v)
          : k.endsWith('At')
            ? cliTime(cellText(v, ''))
            : cellText(v),
      ]);
  return `${formatLabelled(rows).join('\n')}\n`;
}

/** A value as one table cell: empty is "-", an object its JSON. */
export function cellText(value: unknown, empty = '-'): string {
  if (value === null || value === undefined || value === '') return empty;
  if (value instanceof Date) return cliTime(value);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
