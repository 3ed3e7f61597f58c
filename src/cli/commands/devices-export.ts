import type { Command } from 'commander';
import { toCsv } from '../../csv/table-file';
import { EXPORT_FIELDS, type Device } from '../../ledger/device';
import { openContext } from '../context';
import { emit } from '../output';
import { UsageError } from '../usage-error';

/** The mdm block's columns in a CSV export (read-only on import). */
export const MDM_COLUMNS = [
  'provider',
  'deviceId',
  'deviceName',
  'enrolledAt',
  'lastCheckInAt',
  'primaryUser',
  'diskCapacityGb',
  'registrationState',
].map((k) => `mdm.${k}`);

export function registerDevicesExport(devices: Command): void {
  devices
    .command('export')
    .description('export every device (JSON array or CSV)')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--excel', 'CSV for Excel: UTF-8 with BOM and CRLF line ends')
    .action(async (opts: { format: string; out?: string; excel?: boolean }) => {
      const format = opts.format.toLowerCase();
      if (format !== 'json' && format !== 'csv')
        throw new UsageError('cli.badFormat', { format: opts.format });
      const ctx = await openContext();
      const list = await ctx.ledger.list();
      emit(
        format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : devicesCsv(list, !!opts.excel),
        opts.out,
      );
    });
}

export function devicesCsv(list: Device[], excel: boolean): string {
  const header = [...EXPORT_FIELDS.filter((f) => f !== 'mdm'), ...MDM_COLUMNS];
  const rows = list.map((d) => {
    const row: Record<string, unknown> = { ...d };
    for (const col of MDM_COLUMNS) row[col] = d.mdm ? d.mdm[col.slice(4)] : null;
    return row;
  });
  return toCsv(header, rows, { excel });
}
