import { fieldFromName } from '../ledger/device-input';
import { UsageError } from './usage-error';

/**
 * Reads `--field value` pairs (`--user 山田`, `--serial-number=ABC`, `--serialNumber ABC`) from the
 * words after the device id. `--json` is the one flag among them. An empty value clears a field.
 */
export function parseFieldOptions(words: string[]): { raw: Record<string, string>; json: boolean } {
  const raw: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--json') {
      json = true;
      continue;
    }
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(word);
    if (!m) throw new UsageError('cli.unexpectedWord', { word });
    const name = m[1];
    if (name.startsWith('mdm') || name === 'source')
      throw new UsageError('edit.mdmOnly', { field: name });
    const field = fieldFromName(name);
    if (!field) throw new UsageError('cli.unknownField', { field: name });
    let value = m[2];
    if (value === undefined) {
      if (i + 1 >= words.length) throw new UsageError('cli.missingValue', { field: name });
      value = words[++i];
    }
    raw[field] = value;
  }
  return { raw, json };
}
