import type { Command } from 'commander';
import { readTableFile, TableFileError, toCsv } from '../../csv/table-file';
import { DaichoError } from '../../errors';
import { USAGE_FIELDS } from '../../ledger/usage-service';
import { openContext } from '../context';
import { emit, printJson } from '../output';

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
        opts.json
          ? `${JSON.stringify(records, null, 2)}\n`
          : toCsv(USAGE_FIELDS, records as unknown as Record<string, unknown>[]),
        opts.out,
      );
    });
  usage
    .command('import')
    .description(
      'import usage history from CSV; rows are keyed by device + user + from, so a re-import adds nothing',
    )
    .argument('<file>', 'CSV with the export columns')
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
      const report = await ctx.ledger.usage.import(rows, !!opts.skipInvalid);
      const lines = report.problems.map((p) =>
        ctx.say('usage.badRow', {
          line: p.line,
          reasons: p.reasons.map((r) => ctx.say(r.key, r.params)).join('; '),
        }),
      );
      if (opts.json)
        printJson({
          ...report,
          problems: report.problems.map((p, i) => ({ ...p, message: lines[i] })),
        });
      for (const line of lines) process.stderr.write(`${line}\n`);
      if (report.problems.length > 0 && !opts.skipInvalid) {
        throw new DaichoError('IMPORT_INVALID', 'import.rejected', {
          count: report.problems.length,
        });
      }
      if (!opts.json)
        process.stdout.write(
          `${ctx.say('usage.done', { created: report.created, updated: report.updated, skipped: report.skipped })}\n`,
        );
    });
}
