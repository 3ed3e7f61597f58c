import type { Command } from 'commander';
import { importDevices } from '../../ledger/device-import';
import { fieldFromName } from '../../ledger/device-input';
import { openContext } from '../context';
import { encodingOption, readImportRows, reportImport } from '../import-file';

interface ImportOptions {
  skipInvalid?: boolean;
  json?: boolean;
  encoding?: string;
}

export function registerDevicesImport(devices: Command): void {
  devices
    .command('import')
    .description(
      'import devices from a CSV (header row of field names) or a JSON array; nothing is written unless every row is valid',
    )
    .argument(
      '<file>',
      'CSV or JSON file (UTF-8, UTF-8 with BOM, UTF-16 or Shift_JIS; at most 50 MB)',
    )
    .option('--skip-invalid', 'write the valid rows and list the invalid ones')
    .addOption(encodingOption())
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: ImportOptions) => {
      // The file first: a file refused whole needs no database.
      const rows = readImportRows(file, { encoding: opts.encoding, fieldOf: fieldFromName });
      const ctx = await openContext();
      const report = await importDevices(
        ctx.ledger,
        rows,
        { skipInvalid: !!opts.skipInvalid },
        ctx.actor,
      );
      reportImport(ctx, report, !!opts.json, report.rejected);
      // Rows that lost a race for their asset number while writing: the rest is written, but the
      // run did not do all it was asked to.
      if (report.problems.length > 0 && !opts.skipInvalid) process.exitCode = 1;
      if (!opts.json) {
        const { created, updated, unchanged, skipped } = report;
        process.stdout.write(
          `${ctx.say('import.done', { created, updated, unchanged, skipped })}\n`,
        );
      }
    });
}
