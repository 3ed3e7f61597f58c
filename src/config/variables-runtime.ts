import { z } from 'zod';
import { commaList, type VariableSpec } from './variable-spec';

const port = z.coerce
  .number({ invalid_type_error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const mongoUri = z
  .string()
  .regex(
    /^mongodb(\+srv)?:\/\/\S+$/,
    'must start with mongodb:// or mongodb+srv:// and contain no spaces',
  );

/** The process itself: its port, its database, its data folder, its language. */
export const RUNTIME_VARIABLES = [
  {
    name: 'PORT',
    description: 'HTTP port of the bot endpoint (/api/messages) and the health check (/healthz).',
    defaultText: '3978',
    schema: port.default(3978),
  },
  {
    name: 'MONGODB_URI',
    description:
      'MongoDB connection string. Unset: the embedded default (a real mongod via mongodb-memory-server where it can be had, else the wire-protocol emulator, memory only) — local mode only: required with NODE_ENV=production or a DAICHO_ENV other than local. With a password it is a secret: env/.env.<env>.user (SECRET_MONGODB_URI under the Toolkit) or the process environment.',
    schema: mongoUri.optional(),
  },
  {
    name: 'MONGODB_DB',
    description:
      "Database name. Unset: the database named in MONGODB_URI's path (mongodb://host/ledger_staging), else daicho. Set and different from the URI's: refused at start.",
    defaultText: 'daicho',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
      .optional(),
  },
  {
    name: 'NODE_ENV',
    description:
      'production: the server refuses to start without bot credentials and MONGODB_URI (as it does with any DAICHO_ENV other than local).',
    schema: z.string().optional(),
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
    name: 'DAICHO_EMBEDDED_PORT',
    description:
      'Port of the embedded database (mongod or emulator) on 127.0.0.1, e.g. to connect MongoDB Compass to it. Applies when the embedded database starts (daicho db stop stops a running one). A port in use stops the start with a message naming this variable.',
    defaultText: 'any free port',
    schema: port.optional(),
  },
  {
    name: 'DAICHO_BOT_LOCALE',
    description:
      "Language the bot answers in: ja, en, or auto (each user's Teams language, else DAICHO_LOCALE). npm run playground sets ja unless told otherwise, because the Agents Playground always sends en-US.",
    defaultText: 'auto',
    schema: z.enum(['ja', 'en', 'auto']).default('auto'),
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
    schema: commaList.optional(),
  },
] as const satisfies readonly VariableSpec[];
