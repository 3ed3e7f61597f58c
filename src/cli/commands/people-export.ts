import type { Command } from 'commander';
import { peopleCsv } from '../../csv/people-csv';
import { openContext } from '../context';
import { emit } from '../output';
import { UsageError } from '../usage-error';

/** `daicho people export [--format csv|json] [--out FILE] [--excel]`. */
export function registerPeopleExport(people: Command): void {
  people
    .command('export')
    .description('export every person of the directory (CSV or JSON array); imports back unchanged')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--excel', 'CSV for Excel: UTF-8 with BOM and CRLF line ends')
    .action(async (opts: { format: string; out?: string; excel?: boolean }) => {
      const format = opts.format.toLowerCase();
      if (format !== 'json' && format !== 'csv')
        throw new UsageError('cli.badFormat', { format: opts.format });
      const ctx = await openContext();
      const list = await ctx.people.list();
      emit(
        format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : peopleCsv(list, !!opts.excel),
        opts.out,
      );
    });
}
