import type { Command } from 'commander';
import { DaichoError } from '../../errors';
import { fieldFromName } from '../../people/person-fields';
import { openContext } from '../context';
import { encodingOption, readImportRows, reportImport } from '../import-file';

/** `daicho people import FILE [--json]`. */
export function registerPeopleImport(people: Command): void {
  people
    .command('import')
    .description(
      'import people from a CSV (header row of attribute names or the Japanese labels) or a JSON array; nothing is written unless every row is valid',
    )
    .argument(
      '<file>',
      'CSV or JSON file (UTF-8, UTF-8 with BOM, UTF-16 or Shift_JIS; at most 50 MB)',
    )
    .addOption(encodingOption())
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { json?: boolean; encoding?: string }) => {
      // The file first: a file refused whole needs no database.
      const rows = readImportRows(file, { encoding: opts.encoding, fieldOf: fieldFromName });
      const ctx = await openContext();
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
