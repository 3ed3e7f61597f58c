import type { Command } from 'commander';
import { readTableFile, TableFileError } from '../../csv/table-file';
import { DaichoError } from '../../errors';
import { importDevices } from '../../ledger/device-import';
import { openContext } from '../context';
import { printJson } from '../output';

export function registerDevicesImport(devices: Command): void {
  devices
    .command('import')
    .description(
      'import devices from a CSV (header row of field names) or a JSON array; nothing is written unless every row is valid',
    )
    .argument('<file>', 'CSV or JSON file (UTF-8, UTF-8 with BOM, UTF-16 or Shift_JIS)')
    .option('--skip-invalid', 'write the valid rows and list the invalid ones')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, opts: { skipInvalid?: boolean; json?: boolean }) => {
      const ctx = await openContext();
      let rows;
      try {
        rows = readTableFile(file);
      } catch (e) {
        if (e instanceof TableFileError)
          throw new DaichoError('IMPORT_INVALID', 'import.badFile', { file, reason: e.message });
        throw e;
      }
      if (rows.length === 0) throw new DaichoError('IMPORT_INVALID', 'import.empty');
      const report = await importDevices(
        ctx.ledger,
        rows,
        { skipInvalid: !!opts.skipInvalid },
        ctx.actor,
      );
      const problemLines = report.problems.map((p) =>
        ctx.say('import.rowProblem', {
          line: p.line,
          reasons: p.reasons.map((r) => ctx.say(r.key, r.params)).join('; '),
        }),
      );
      if (opts.json) {
        printJson({
          ...report,
          problems: report.problems.map((p, i) => ({ ...p, message: problemLines[i] })),
        });
      }
      for (const line of problemLines) process.stderr.write(`${line}\n`);
      if (report.rejected) {
        throw new DaichoError('IMPORT_INVALID', 'import.rejected', {
          count: report.problems.length,
        });
      }
      if (!opts.json)
        process.stdout.write(
          `${ctx.say('import.done', { created: report.created, updated: report.updated, unchanged: report.unchanged, skipped: report.skipped })}\n`,
        );
      if (report.problems.length > 0 && !opts.skipInvalid) process.exitCode = 1;
    });
}
