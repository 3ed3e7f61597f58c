import { z } from 'zod';

/** One environment variable: its row in docs/configuration.md, its secrecy and how it is parsed. */
export interface VariableSpec {
  name: string;
  description: string;
  /** Shown in docs; undefined means optional with no default. */
  defaultText?: string;
  secret?: boolean;
  schema: z.ZodTypeAny;
}

/** "a, b, ,c" → ["a", "b", "c"]. */
export const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
);
