import type { Command } from 'commander';
import { importDevices, type ImportReport } from '../../ledger/device-import';
import { fieldFromName } from '../../ledger/device-input';
import { summaryOf } from '../../ledger/import-plan';
import { openContext, type CliContext } from '../context';
import { encodingOption, readImportRows, reportImport } from '../import-file';
import { previewText } from '../import-preview';

interface ImportOptions {
  skipInvalid?: boolean;
  json?: boolean;
  encoding?: string;
  dryRun?: boolean;
  clearEmpty?: boolean;
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
    .option('--dry-run', 'write nothing; show per row what would be added, changed and cleared')
    .option('--clear-empty', 'an empty cell clears the field (without it, the field is kept)')
    .addOption(encodingOption())
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: ImportOptions) => {
      // The file first: a file refused whole needs no database.
      const rows = readImportRows(file, { encoding: opts.encoding, fieldOf: fieldFromName });
      const ctx = await openContext();
      const report = await importDevices(
        ctx.ledger,
        rows,
        {
          skipInvalid: !!opts.skipInvalid,
          clearEmpty: !!opts.clearEmpty,
          dryRun: !!opts.dryRun,
        },
        ctx.actor,
      );
      if (opts.dryRun) return reportDryRun(ctx, report, !!opts.json);
      reportImport(ctx, report, !!opts.json, report.rejected);
      // Rows that lost a race for their asset number while writing: the rest is written, but the
      // run did not do all it was asked to.
      if (report.problems.length > 0 && !opts.skipInvalid) process.exitCode = 1;
      if (!opts.json) {
        const { created, updated, unchanged, skipped, kept } = report;
        process.stdout.write(
          `${ctx.say('import.done', { created, updated, unchanged, skipped })}\n`,
        );
        if (kept > 0) process.stdout.write(`${ctx.say('import.kept', { count: kept })}\n`);
      }
    });
}

/** `--dry-run`: the invalid rows as a real import lists them, then the plan row by row. */
function reportDryRun(ctx: CliContext, report: ImportReport, json: boolean): void {
  const rows = report.preview ?? [];
  const summary = summaryOf(rows, report.skipped);
  const { problems, rejected } = report;
  reportImport(ctx, { dryRun: true, rows, summary, problems }, json, rejected);
  if (!json) process.stdout.write(previewText(ctx, rows, summary));
}
