import { z } from 'zod';
import { t, type Locale } from '../i18n/messages';
import codeData from './trees/ivanti-status-codes.json';
import { errorResult, type TroubleshootResult } from './result';
import { joinText, localizedSchema } from './schema';

/**
 * Ivanti Neurons for MDM's "Azure client status code" (seed 003), answered directly by
 * `explain <code>`. The codes are names (Workplace_Join_Required), never numbers, so a user's
 * spelling is folded instead: case, spaces, "_" and "-", full-width letters, quotes, and the
 * "MSALError" prefix the same errors carry in iOS logs.
 */

export const FIXED_BY = ['device-user', 'admin', 'nobody'] as const;
export type FixedBy = (typeof FIXED_BY)[number];

const statusCodeSchema = z
  .object({
    code: z.string().trim().min(1),
    /** Other spellings users type (the seed itself writes both User_Canceled and user_Cancelled). */
    aliases: z.array(z.string().trim().min(1)),
    fixedBy: z.enum(FIXED_BY),
    meaning: localizedSchema,
    fix: localizedSchema,
  })
  .strict();
export type StatusCode = z.infer<typeof statusCodeSchema>;

export const statusCodeBookSchema = z
  .object({ source: z.string().trim().min(1), codes: z.array(statusCodeSchema).min(1) })
  .strict();
export type StatusCodeBook = z.infer<typeof statusCodeBookSchema>;

export interface CodeExplanation {
  /** The code as the seed spells it. */
  code: string;
  meaning: string;
  fix: string;
  fixedBy: FixedBy;
  /** Meaning, fix and who fixes it, ready to show. */
  text: string;
}

export function normalizeCode(input: string): string {
  return input
    .normalize('NFKC')
    .trim()
    .replace(/^["'`「『]+|["'`」』]+$/g, '')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '')
    .replace(/^msalerror/, '');
}

/** Problems in the code book (empty when it is fine): shape, and codes or aliases used twice. */
export function statusCodeBookProblems(raw: unknown): string[] {
  const parsed = statusCodeBookSchema.safeParse(raw);
  if (!parsed.success)
    return parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const entry of parsed.data.codes) {
    for (const spelling of [entry.code, ...entry.aliases]) {
      const key = normalizeCode(spelling);
      const owner = seen.get(key);
      if (owner !== undefined)
        problems.push(`"${spelling}" of ${entry.code} reads the same as a spelling of ${owner}`);
      else seen.set(key, entry.code);
    }
  }
  return problems;
}

/** The shipped code book; loadTrees() validates it at start with the trees. */
export const shippedStatusCodes: unknown = codeData;

export function findStatusCode(
  input: string,
  book: StatusCodeBook = codeData as StatusCodeBook,
): StatusCode | undefined {
  const key = normalizeCode(input);
  if (key === '') return undefined;
  return book.codes.find((c) => [c.code, ...c.aliases].some((s) => normalizeCode(s) === key));
}

export function describeStatusCode(entry: StatusCode, locale: Locale): CodeExplanation {
  const meaning = joinText(entry.meaning[locale]);
  const fix = joinText(entry.fix[locale]);
  const text = [
    t(locale, 'troubleshoot.code.meaning', { text: meaning }),
    t(locale, 'troubleshoot.code.fix', { text: fix }),
    t(locale, `troubleshoot.code.fixedBy.${entry.fixedBy}`),
  ].join('\n\n');
  return { code: entry.code, meaning, fix, fixedBy: entry.fixedBy, text };
}

/** `explain <code>`: the meaning, fix and who can fix it, or an error naming the known codes. */
export function explainCode(
  input: string,
  locale: Locale,
  book: StatusCodeBook = codeData as StatusCodeBook,
): TroubleshootResult<CodeExplanation> {
  const entry = findStatusCode(input, book);
  if (entry) return { ok: true, value: describeStatusCode(entry, locale) };
  return errorResult('unknown-code', 'troubleshoot.code.unknown', {
    code: input.trim(),
    known: book.codes.map((c) => c.code).join(', '),
  });
}
