import { z } from 'zod';

/**
 * The shape of a troubleshooting tree file (`trees/*.json`). Zod checks the shape field by
 * field, so an admin who mistypes a field name or forgets a language is told where; the rules
 * that need the whole tree (every `next` exists, every node reachable …) are in validate.ts.
 */

/** A text in one language: one string, or a list of lines (easier to read in JSON). */
const text = z.custom<string | string[]>(
  (value) =>
    (typeof value === 'string' && value.trim() !== '') ||
    (Array.isArray(value) &&
      value.length > 0 &&
      value.every((line) => typeof line === 'string') &&
      value.join('').trim() !== ''),
  { message: 'is missing or empty (a text, or a list of lines)' },
);

/** Every user-visible string, in both languages the bot speaks. */
export const localizedSchema = z
  .object({ ja: text, en: text }, { message: 'must be {"ja": "…", "en": "…"}' })
  .strict();
export type Localized = z.infer<typeof localizedSchema>;

const ID_RULE = 'must be an id (letters, digits, ".", "_" or "-")';
export const idSchema = z
  .string({ required_error: 'is missing', invalid_type_error: ID_RULE })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, ID_RULE);

const linkSchema = z
  .object({
    label: localizedSchema,
    url: z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) address'),
  })
  .strict();
export type Link = z.infer<typeof linkSchema>;

/** A button: what it says and the node it leads to. */
const choiceSchema = z.object({ label: localizedSchema, next: idSchema }).strict();
export type Choice = z.infer<typeof choiceSchema>;

/** Fields every node may have. */
const common = {
  id: idSchema,
  /** A short heading for the card; the tree's title when absent. */
  title: localizedSchema.optional(),
  links: z.array(linkSchema).optional(),
  /** Commands, log lines, permission names: shown as written, in both languages. */
  commands: z.array(z.string().trim().min(1, 'a command must not be empty')).optional(),
};

const questionSchema = z
  .object({
    ...common,
    kind: z.literal('question'),
    text: localizedSchema,
    choices: z.array(choiceSchema).min(1, 'a question needs at least one choice'),
  })
  .strict();

const infoSchema = z
  .object({ ...common, kind: z.literal('info'), text: localizedSchema, next: idSchema })
  .strict();

const checkSchema = z
  .object({
    ...common,
    kind: z.literal('check'),
    text: localizedSchema,
    /** Which automatic check the bot runs here (see checks.ts). */
    check: idSchema,
    /** Outcome id of the check → the node to go to. */
    outcomes: z.record(idSchema, idSchema),
    /** The manual route: the tree must work when the check cannot run. */
    choices: z
      .array(choiceSchema)
      .min(1, 'a check needs at least one choice (the manual route, without the check)'),
  })
  .strict();

const answerSchema = z
  .object({
    ...common,
    kind: z.literal('answer'),
    /** Required unless statusCode is given (validate.ts checks it: a union needs plain objects). */
    text: localizedSchema.optional(),
    /** An Ivanti Azure client status code: its meaning and fix come from ivanti-status-codes.json. */
    statusCode: z.string().trim().min(1).optional(),
    /** Where to go from here, if the answer did not solve it. */
    next: z.array(choiceSchema).optional(),
  })
  .strict();

const nodeSchema = z.discriminatedUnion(
  'kind',
  [questionSchema, infoSchema, checkSchema, answerSchema],
  {
    errorMap: (issue, ctx) => ({
      message:
        issue.code === 'invalid_union_discriminator'
          ? 'must be "question", "answer", "check" or "info"'
          : ctx.defaultError,
    }),
  },
);
export type TreeNode = z.infer<typeof nodeSchema>;
export type NodeKind = TreeNode['kind'];

export const treeSchema = z
  .object({
    id: idSchema,
    /** Where the knowledge comes from (a seed document, or "Daicho" for our own checks). */
    source: z.string().trim().min(1),
    title: localizedSchema,
    description: localizedSchema,
    start: idSchema,
    nodes: z.array(nodeSchema).min(1, 'a tree needs at least one node'),
  })
  .strict();
export type Tree = z.infer<typeof treeSchema>;

/** Lines joined: what a card shows. */
export function joinText(value: string | string[]): string {
  return Array.isArray(value) ? value.join('\n') : value;
}
