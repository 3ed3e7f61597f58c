import { z } from 'zod';

/**
 * Every environment variable Daicho reads, in one table: the README's configuration table and
 * `daicho config` are checked against it, so a variable cannot be added without being documented.
 */
export interface VariableSpec {
  name: string;
  description: string;
  /** Shown in docs; undefined means optional with no default. */
  defaultText?: string;
  secret?: boolean;
  schema: z.ZodTypeAny;
}

const port = z.coerce
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const mongoUri = z
  .string()
  .regex(/^mongodb(\+srv)?:\/\/\S+$/, 'must start with mongodb:// or mongodb+srv://');

export const VARIABLES = [
  {
    name: 'PORT',
    description: 'HTTP port of the bot endpoint (/api/messages) and the health check (/healthz).',
    defaultText: '3978',
    schema: port.default(3978),
  },
  {
    name: 'MONGODB_URI',
    description:
      'MongoDB connection string. Unset: the embedded default (a real mongod via mongodb-memory-server where it can be had, else the wire-protocol emulator, memory only).',
    schema: mongoUri.optional(),
  },
  {
    name: 'MONGODB_DB',
    description: 'Database name.',
    defaultText: 'daicho',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
      .default('daicho'),
  },
  {
    name: 'DAICHO_ENV',
    description: 'Which env files to read: env/.env.<name> and env/.env.<name>.user.',
    defaultText: 'local',
    schema: z.string().default('local'),
  },
  {
    name: 'DAICHO_DATA_DIR',
    description:
      'Folder for the embedded database (its data files and the record of the running server that the bot and the CLI share).',
    defaultText: '.daicho (in the project folder)',
    schema: z.string().optional(),
  },
  {
    name: 'DAICHO_EMBEDDED_DB',
    description:
      'Which embedded server to use when MONGODB_URI is unset: auto (mongod, else emulator), mongod, or emulator.',
    defaultText: 'auto',
    schema: z.enum(['auto', 'mongod', 'emulator']).default('auto'),
  },
  {
    name: 'DAICHO_LOCALE',
    description:
      'Language of messages when the user has none (Teams users get their own): ja or en. The CLI falls back to LC_ALL / LANG, then ja.',
    defaultText: 'ja',
    schema: z.enum(['ja', 'en']).optional(),
  },
  {
    name: 'DAICHO_SERIAL_PLACEHOLDERS',
    description:
      'Extra serial-number placeholder values (comma-separated) that count as empty and never match, added to the built-in list ("0", "Default string", "To be filled by O.E.M.", "System Serial Number" ...).',
    schema: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      )
      .optional(),
  },
  {
    name: 'LOG_LEVEL',
    description: 'Structured log level: fatal, error, warn, info, debug, trace or silent.',
    defaultText: 'info',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
] as const satisfies readonly VariableSpec[];
