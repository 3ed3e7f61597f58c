import type { Command } from 'commander';
import { openContext, type CliContext } from './context';
import { emit } from './output';
import { UsageError } from './usage-error';

/**
 * An `export` subcommand: the whole list as a JSON array or CSV (`--excel` for Excel), to
 * stdout or `--out FILE`. Devices and people export alike; only the list and its CSV differ.
 */
export function registerExport<T>(
  parent: Command,
  spec: {
    description: string;
    defaultFormat: 'json' | 'csv';
    list: (ctx: CliContext) => Promise<T[]>;
    csv: (list: T[], excel: boolean) => string;
  },
): void {
  const other = spec.defaultFormat === 'json' ? 'csv' : 'json';
  parent
    .command('export')
    .description(spec.description)
    .option('--format <format>', `${spec.defaultFormat} or ${other}`, spec.defaultFormat)
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--excel', 'CSV for Excel: UTF-8 with BOM and CRLF line ends')
    .action(async (opts: { format: string; out?: string; excel?: boolean }) => {
      const format = opts.format.toLowerCase();
      if (format !== 'json' && format !== 'csv')
        throw new UsageError('cli.badFormat', { format: opts.format });
      const list = await spec.list(await openContext());
      emit(
        format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : spec.csv(list, !!opts.excel),
        opts.out,
      );
    });
}
