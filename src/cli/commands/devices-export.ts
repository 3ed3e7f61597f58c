import type { Command } from 'commander';
import { devicesCsv } from '../../csv/devices-csv';
import { openContext } from '../context';
import { emit } from '../output';
import { UsageError } from '../usage-error';

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
