import { Option } from 'commander';
import {
  excerpt,
  readTableFile,
  TableFileError,
  type FieldOf,
  type TableRow,
} from '../csv/table-file';
import { ENCODING_CHOICES, encodingNamed } from '../csv/text-decoding';
import { DaichoError } from '../errors';
import type { MessageKey } from '../i18n/messages';
import type { CliContext } from './context';
import { printJson } from './output';
import { UsageError } from './usage-error';

/** Problem lines shown on stderr; the rest are counted (--json has them all). */
const SHOWN_PROBLEMS = 20;
/** Unknown columns named per line: a wrong file has hundreds, the same on every row. */
const SHOWN_UNKNOWN = 10;
/** Longest name or value quoted in a problem: an asset number (64) fits. */
const VALUE_CHARS = 80;

/** `--encoding`, for every command that reads a table file. */
export function encodingOption(): Option {
  return new Option(
    '--encoding <name>',
    `the file's character encoding, when detection refuses it: ${ENCODING_CHOICES}`,
  );
}

/**
 * The data rows of an import file; an unreadable, undecodable, oversized or empty file, or one
 * naming a field twice, is the user's error (nothing is written), not a crash. `fieldOf` names
 * each column's field, so that two spellings of one field are refused.
 */
export function readImportRows(
  file: string,
  options: { encoding?: string; fieldOf?: FieldOf } = {},
): TableRow[] {
  const encoding = options.encoding === undefined ? undefined : encodingNamed(options.encoding);
  if (options.encoding !== undefined && !encoding)
    throw new UsageError('cli.badChoice', {
      option: '--encoding',
      value: excerpt(options.encoding, VALUE_CHARS),
      choices: ENCODING_CHOICES,
    });
  let rows: TableRow[];
  try {
    rows = readTableFile(file, { encoding, fieldOf: options.fieldOf });
  } catch (e) {
    if (!(e instanceof TableFileError)) throw e;
    const shownFile = excerpt(file, 200);
    if (e.key) throw new DaichoError('IMPORT_INVALID', e.key, { ...e.params, file: shownFile });
    throw new DaichoError('IMPORT_INVALID', 'import.badFile', {
      file: shownFile,
      reason: excerpt(e.message, 200),
    });
  }
  if (rows.length === 0) throw new DaichoError('IMPORT_INVALID', 'import.empty');
  return rows;
}

type Params = Record<string, string | number>;
interface Reason {
  key: MessageKey;
  field?: string;
  params?: Params;
}
interface RowProblems {
  problems: { line: number; reasons: Reason[] }[];
}

/**
 * Lists the first bad rows on stderr ("line 3: …", then how many more), prints the whole report
 * as JSON when asked, and fails the command when the rows were refused. Names and values are
 * cut short, and a row's unknown columns are named up to SHOWN_UNKNOWN: a 50,000-column header
 * or a 1 MB cell must not print megabytes.
 */
export function reportImport<R extends RowProblems>(
  ctx: CliContext,
  report: R,
  json: boolean,
  refused: boolean,
): void {
  const problems = report.problems.map((p) => ({ ...p, reasons: p.reasons.map(shortReason) }));
  const lines = problems.map((p) =>
    ctx.say('import.rowProblem', { line: p.line, reasons: reasonsText(ctx, p.reasons) }),
  );
  if (json)
    printJson({ ...report, problems: problems.map((p, i) => ({ ...p, message: lines[i] })) });
  for (const line of lines.slice(0, SHOWN_PROBLEMS)) process.stderr.write(`${line}\n`);
  if (lines.length > SHOWN_PROBLEMS)
    process.stderr.write(
      `${ctx.say('import.moreProblems', { count: (lines.length - SHOWN_PROBLEMS).toLocaleString('en-US') })}\n`,
    );
  if (refused)
    throw new DaichoError('IMPORT_INVALID', 'import.rejected', { count: report.problems.length });
}

function shortReason(r: Reason): Reason {
  const params: Params = {};
  for (const [k, v] of Object.entries(r.params ?? {}))
    params[k] = typeof v === 'string' ? excerpt(v, VALUE_CHARS) : v;
  return {
    ...r,
    ...(r.field === undefined ? {} : { field: excerpt(r.field, VALUE_CHARS) }),
    ...(r.params === undefined ? {} : { params }),
  };
}

/** The reasons of one row, in order, with at most SHOWN_UNKNOWN unknown columns named. */
function reasonsText(ctx: CliContext, reasons: Reason[]): string {
  let unknown = 0;
  const texts: string[] = [];
  for (const r of reasons) {
    if (r.key === 'input.unknownField' && ++unknown > SHOWN_UNKNOWN) continue;
    texts.push(ctx.say(r.key, r.params));
  }
  if (unknown > SHOWN_UNKNOWN)
    texts.push(
      ctx.say('import.moreUnknownFields', {
        count: (unknown - SHOWN_UNKNOWN).toLocaleString('en-US'),
      }),
    );
  return texts.join('; ');
}
