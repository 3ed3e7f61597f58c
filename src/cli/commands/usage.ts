import type { Command } from 'commander';
import { toCsv } from '../../csv/table-file';
import { USAGE_FIELDS } from '../../ledger/usage-service';
import { openContext } from '../context';
import { encodingOption, readImportRows, reportImport } from '../import-file';
import { emit } from '../output';

interface ImportOptions {
  skipInvalid?: boolean;
  json?: boolean;
  encoding?: string;
}

/** 利用履歴: export and import as CSV (seed 000's way to move it to another device). */
export function registerUsage(program: Command): void {
  const usage = program
    .command('usage')
    .description('usage history (利用履歴): who used a device, from when to when');
  usage
    .command('export')
    .description('export usage history as CSV (assetNumber,user,from,to,note)')
    .option('--device <id>', 'only this device')
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--json', 'JSON instead of CSV')
    .action(async (opts: { device?: string; out?: string; json?: boolean }) => {
      const ctx = await openContext();
      const deviceId = opts.device ? (await ctx.ledger.find(opts.device))._id : undefined;
      const records = await ctx.ledger.usage.export(deviceId);
      emit(
        opts.json ? `${JSON.stringify(records, null, 2)}\n` : toCsv(USAGE_FIELDS, records),
        opts.out,
      );
    });
  usage
    .command('import')
    .description(
      'import usage history from CSV; rows are keyed by device + user + from, so a re-import adds nothing',
    )
    .argument('<file>', 'CSV with the export columns (at most 50 MB)')
    .option('--skip-invalid', 'write the valid rows and list the invalid ones')
    .addOption(encodingOption())
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: ImportOptions) => {
      // The file first: a file refused whole needs no database. Columns are read by their exact
      // names, so only the same name twice is a duplicate.
      const rows = readImportRows(file, { encoding: opts.encoding });
      const ctx = await openContext();
      const report = await ctx.ledger.usage.import(rows, !!opts.skipInvalid);
      reportImport(ctx, report, !!opts.json, report.problems.length > 0 && !opts.skipInvalid);
      if (!opts.json) {
        const { created, updated, skipped } = report;
        process.stdout.write(`${ctx.say('usage.done', { created, updated, skipped })}\n`);
      }
    });
}
