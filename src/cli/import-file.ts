import { readTableFile, TableFileError, type TableRow } from '../csv/table-file';
import { DaichoError } from '../errors';
import type { CliContext } from './context';
import { printJson } from './output';

/** The data rows of an import file; an unreadable or empty file is the user's error, not a crash. */
export function readImportRows(file: string): TableRow[] {
  let rows: TableRow[];
  try {
    rows = readTableFile(file);
  } catch (e) {
    if (e instanceof TableFileError) {
      throw new DaichoError('IMPORT_INVALID', 'import.badFile', { file, reason: e.message });
    }
    throw e;
  }
  if (rows.length === 0) throw new DaichoError('IMPORT_INVALID', 'import.empty');
  return rows;
}

interface RowProblems {
  problems: {
    line: number;
    reasons: { key: string; params?: Record<string, string | number> }[];
  }[];
}

/**
 * Lists each bad row on stderr ("line 3: …"), prints the whole report as JSON when asked, and
 * fails the command when the rows were refused.
 */
export function reportImport<R extends RowProblems>(
  ctx: CliContext,
  report: R,
  json: boolean,
  refused: boolean,
): void {
  const lines = report.problems.map((p) =>
    ctx.say('import.rowProblem', {
      line: p.line,
      reasons: p.reasons.map((r) => ctx.say(r.key, r.params)).join('; '),
    }),
  );
  if (json)
    printJson({
      ...report,
      problems: report.problems.map((p, i) => ({ ...p, message: lines[i] })),
    });
  for (const line of lines) process.stderr.write(`${line}\n`);
  if (refused)
    throw new DaichoError('IMPORT_INVALID', 'import.rejected', { count: report.problems.length });
}
