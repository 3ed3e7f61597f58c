import { z } from 'zod';
import android from './checklists/android-enterprise.json';
import iosDep from './checklists/ios-abm-dep-no-licence.json';
import windowsMac from './checklists/windows-macos-generic.json';

/**
 * Device-replacement checklists. The knowledge lives in `checklists/*.json` so an IT admin can
 * read and extend it without touching code; this module only checks the shape once, at load,
 * so a broken file fails the start (and the unit test) instead of a card half-way through.
 */

/** Every user-facing string of a checklist, in both languages the bot speaks. */
const text = z.object({ ja: z.string().trim().min(1), en: z.string().trim().min(1) }).strict();
export type LocalizedText = z.infer<typeof text>;

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case id');

const stepSchema = z
  .object({
    id,
    title: text,
    detail: text.optional(),
    warning: text.optional(),
    /** A workflow cannot be completed while a required step is not done. */
    required: z.boolean().optional(),
  })
  .strict();

const warningSchema = z
  .object({
    id,
    /** The step the warning belongs next to; absent = about the whole checklist. */
    stepId: id.optional(),
    text,
  })
  .strict();

const checklistSchema = z
  .object({
    id,
    /** Where the knowledge comes from (a seed document, or "generic"). */
    source: z.string().min(1),
    platforms: z.array(z.string().min(1)).min(1),
    title: text,
    summary: text,
    steps: z.array(stepSchema).min(1),
    warnings: z.array(warningSchema),
  })
  .strict()
  .superRefine((c, ctx) => {
    const stepIds = c.steps.map((s) => s.id);
    for (const dup of duplicates(stepIds))
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `step id "${dup}" is not unique` });
    for (const dup of duplicates(c.warnings.map((w) => w.id)))
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `warning id "${dup}" is not unique` });
    for (const w of c.warnings) {
      if (w.stepId && !stepIds.includes(w.stepId))
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `warning "${w.id}" points to unknown step "${w.stepId}"`,
        });
    }
  });

export type ChecklistStep = z.infer<typeof stepSchema>;
export type ChecklistWarning = z.infer<typeof warningSchema>;
export type Checklist = z.infer<typeof checklistSchema>;

function duplicates(ids: string[]): string[] {
  return ids.filter((x, i) => ids.indexOf(x) !== i);
}

/** Validates raw checklist data; the error names the checklist and every problem in it. */
export function parseChecklist(raw: unknown): Checklist {
  const result = checklistSchema.safeParse(raw);
  if (result.success) return result.data;
  const name = (raw as { id?: unknown } | null)?.id ?? '(no id)';
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '-'}: ${i.message}`);
  throw new Error(`Checklist ${String(name)} is invalid:\n  ${problems.join('\n  ')}`);
}

/** The checklists, by id, in the order a menu offers them. */
export class ChecklistCatalog {
  private readonly byId = new Map<string, Checklist>();

  constructor(checklists: readonly Checklist[]) {
    for (const c of checklists) {
      if (this.byId.has(c.id)) throw new Error(`Checklist id "${c.id}" is used twice`);
      this.byId.set(c.id, c);
    }
  }

  get(checklistId: string): Checklist | undefined {
    return this.byId.get(checklistId);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  all(): Checklist[] {
    return [...this.byId.values()];
  }
}

/** The built-in checklists (seed 004 and a generic Windows/macOS one), validated at load. */
export const REPLACEMENT_CHECKLISTS: readonly Checklist[] = [iosDep, android, windowsMac].map(
  parseChecklist,
);

export function defaultChecklists(): ChecklistCatalog {
  return new ChecklistCatalog(REPLACEMENT_CHECKLISTS);
}
