import type { Command } from 'commander';
import { DaichoError } from '../../errors';
import { openContext } from '../context';
import { readImportRows, reportImport } from '../import-file';

/** `daicho people import FILE [--json]`. */
export function registerPeopleImport(people: Command): void {
  people
    .command('import')
    .description(
      'import people from a CSV (header row of attribute names or the Japanese labels) or a JSON array; nothing is written unless every row is valid',
    )
    .argument('<file>', 'CSV or JSON file (UTF-8, UTF-8 with BOM, UTF-16 or Shift_JIS)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const ctx = await openContext();
      const rows = readImportRows(file);
      const report = await ctx.people.import(rows);
      // Lists the bad rows; the refusal is ours (people import has no --skip-invalid).
      reportImport(ctx, report, !!opts.json, false);
      if (report.rejected)
        throw new DaichoError('IMPORT_INVALID', 'people.importRejected', {
          count: report.problems.length,
        });
      if (!opts.json) {
        const { created, updated, unchanged, groupsCreated } = report;
        process.stdout.write(
          `${ctx.say('people.importDone', { created, updated, unchanged, groupsCreated })}\n`,
        );
      }
    });
}
