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

/** "a, b, ,c" → ["a", "b", "c"]. */
const commaList = z.string().transform((s) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean),
);

/** "on" / "off" (also true / false), default off: the provisioning switches. */
const onOff = z
  .enum(['on', 'off', 'true', 'false'], { message: 'must be on or off' })
  .default('off')
  .transform((v) => v === 'on' || v === 'true');

const mongoUri = z
  .string()
  .regex(
    /^mongodb(\+srv)?:\/\/\S+$/,
    'must start with mongodb:// or mongodb+srv:// and contain no spaces',
  );

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
      'production: the server refuses to start without bot credentials (as it does with any DAICHO_ENV other than local).',
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
  {
    name: 'AZURE_TENANT_ID',
    description:
      'Intune: the Entra tenant (directory) id of the app registration that reads managedDevices.',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'AZURE_CLIENT_ID',
    description: 'Intune: the application (client) id of that app registration.',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'AZURE_CLIENT_SECRET',
    description:
      'Intune: its client secret (secret: only in env/.env.<env>.user, as AZURE_CLIENT_SECRET or SECRET_AZURE_CLIENT_SECRET, or the process environment).',
    secret: true,
    schema: z.string().min(1).optional(),
  },
  {
    name: 'AZURE_CLIENT_CERTIFICATE_PATH',
    description:
      'Intune: a PEM file (certificate + private key) to authenticate with instead of a secret.',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'AZURE_USE_MANAGED_IDENTITY',
    description:
      'Intune: true to authenticate with the Azure managed identity (AZURE_CLIENT_ID then names a user-assigned one).',
    defaultText: 'false',
    schema: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  },
  {
    name: 'AZURE_AUTHORITY_HOST',
    description: 'Entra ID sign-in endpoint (a local simulator in tests and demos).',
    defaultText: 'https://login.microsoftonline.com',
    schema: z.string().url('must be a URL').default('https://login.microsoftonline.com'),
  },
  {
    name: 'GRAPH_BASE_URL',
    description: 'Microsoft Graph endpoint (a local simulator in tests and demos).',
    defaultText: 'https://graph.microsoft.com',
    schema: z.string().url('must be a URL').default('https://graph.microsoft.com'),
  },
  {
    name: 'JAMF_URL',
    description: 'Jamf Pro: the server URL, e.g. https://yourcompany.jamfcloud.com.',
    schema: z.string().url('must be a URL').optional(),
  },
  {
    name: 'JAMF_CLIENT_ID',
    description:
      'Jamf Pro: API client id (API Roles and Clients; read computers and mobile devices).',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'JAMF_CLIENT_SECRET',
    description:
      'Jamf Pro: API client secret (secret: only in env/.env.<env>.user, as JAMF_CLIENT_SECRET or SECRET_JAMF_CLIENT_SECRET, or the process environment).',
    secret: true,
    schema: z.string().min(1).optional(),
  },
  {
    name: 'MDM_REQUEST_TIMEOUT_MS',
    description: 'Time limit of one Graph or Jamf request before it is retried or the run fails.',
    defaultText: '30000',
    schema: z.coerce.number().int().min(1000, 'must be at least 1000').default(30000),
  },
  {
    name: 'SYNC_SCHEDULE',
    description:
      'When the server syncs on its own: a cron expression ("0 */6 * * *"), an interval ("every 60m", "every 6h"), or "off".',
    defaultText: 'every 60m',
    schema: z.string().default('every 60m'),
  },
  {
    name: 'SYNC_SAFETY_LIMIT_PERCENT',
    description:
      'A sync run that would change the user of, or find missing, more than this share of the synced devices waits for an admin to approve it.',
    defaultText: '20',
    schema: z.coerce.number().min(0).max(100, 'must be between 0 and 100').default(20),
  },
  {
    name: 'SYNC_SAFETY_LIMIT_MIN_DEVICES',
    description:
      'A run is held only when at least this many devices would change user or go missing, as well as more than SYNC_SAFETY_LIMIT_PERCENT of them; 0 holds on the share alone.',
    defaultText: '10',
    schema: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 (the share alone) or more')
      .default(10),
  },
  {
    name: 'NOTIFY_MODE',
    description:
      'How alerts reach the alert channel: "each" (one card per finding; many of one kind from one run are grouped) or "digest" (one summary card per run).',
    defaultText: 'each',
    schema: z.enum(['each', 'digest']).default('each'),
  },
  {
    name: 'NOTIFY_INTERVAL_SECONDS',
    description: 'How often the notifier looks for new alerts to send.',
    defaultText: '10',
    schema: z.coerce.number().int().min(1, 'must be at least 1').max(3600).default(10),
  },
  {
    name: 'WORKFLOW_REMINDER_DAYS',
    description:
      'A device-replacement workflow with no activity for this many days gets one reminder card in the conversation it was started in (checked hourly); 0 turns reminders off.',
    defaultText: '3',
    schema: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 (off) or more')
      .max(365, 'must be at most 365')
      .default(3),
  },
  {
    name: 'PROVISION_ACCOUNTS',
    description:
      'Microsoft 365 account provisioning (seed 001): on creates, updates and stops or deletes the users of the people directory; off leaves accounts alone.',
    defaultText: 'off',
    schema: onOff,
  },
  {
    name: 'PROVISION_LICENSES',
    description:
      'Microsoft 365 licence provisioning: on assigns each person the SKUs (and disabled plans) of their licence profile and removes profile SKUs they no longer have.',
    defaultText: 'off',
    schema: onOff,
  },
  {
    name: 'PROVISION_GROUPS',
    description:
      'Microsoft 365 security group provisioning: on creates, updates and removes a security group per directory group and keeps its members equal to the directory (members always on).',
    defaultText: 'off',
    schema: onOff,
  },
  {
    name: 'PROVISION_ACCOUNT_REMOVAL',
    description:
      'What happens to the Microsoft 365 account of a person removed from the directory, or unlinked from it: stop (block sign-in) or delete.',
    defaultText: 'stop',
    schema: z.enum(['stop', 'delete']).default('stop'),
  },
  {
    name: 'PROVISION_GROUP_REMOVAL',
    description:
      'What happens to the security group of a removed directory group: members (remove its members only) or delete (delete the group).',
    defaultText: 'members',
    schema: z.enum(['members', 'delete']).default('members'),
  },
  {
    name: 'PROVISION_SAFETY_LIMIT',
    description:
      'A provisioning run that would stop or delete more than this many accounts waits for an admin to approve it.',
    defaultText: '10',
    schema: z.coerce
      .number({ invalid_type_error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .default(10),
  },
  {
    name: 'PROVISIONING_MAPPING_FILE',
    description:
      'JSON attribute mapping (directory attribute or custom.<name> → Microsoft 365 user property), checked at start; displayName, mailNickname, onPremisesImmutableId and userPrincipalName are fixed. Relative to the project folder.',
    defaultText: 'src/provisioning/default-mapping.json (shipped)',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'PROVISIONING_LICENSE_PROFILES_FILE',
    description:
      'JSON licence profiles: {"name": [{"skuPartNumber": "ENTERPRISEPACK", "disabledPlans": ["YAMMER_ENTERPRISE"]}]} (skuId and plan ids also accepted). Required with PROVISION_LICENSES=on. Relative to the project folder.',
    schema: z.string().min(1).optional(),
  },
  {
    name: 'BOT_ID',
    description:
      "The bot's Microsoft App ID (Azure Bot registration; botbuilder's MicrosoftAppId is read as an alias). Set: every request to /api/messages must carry a valid Bot Framework token (else 401). Unset: local mode — listens on 127.0.0.1 only, for the Agents Playground; refused with NODE_ENV=production or a DAICHO_ENV other than local.",
    schema: z.string().min(1).optional(),
  },
  {
    name: 'BOT_PASSWORD',
    description:
      "The bot's client secret (secret: only in env/.env.<env>.user as BOT_PASSWORD or SECRET_BOT_PASSWORD, or the process environment; MicrosoftAppPassword is read as an alias). Not needed with BOT_TYPE=UserAssignedMSI.",
    secret: true,
    schema: z.string().min(1).optional(),
  },
  {
    name: 'BOT_TYPE',
    description: 'MultiTenant, SingleTenant or UserAssignedMSI (managed identity).',
    defaultText: 'MultiTenant',
    schema: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  },
  {
    name: 'BOT_OPENID_METADATA_URL',
    description:
      "Where the Bot Framework's token signing keys are published (OpenID metadata). Unset: the public cloud's; set it only for a sovereign cloud or a test signer.",
    schema: z.string().url('must be a URL').optional(),
  },
  {
    name: 'BOT_TENANT_ID',
    description: "The bot's Entra tenant id (required for SingleTenant and UserAssignedMSI).",
    schema: z.string().min(1).optional(),
  },
  {
    name: 'ADMIN_USER_IDS',
    description:
      'Entra object ids (aadObjectId) of the admins, comma-separated. Only admins can link, unlink, sync, approve, merge, rename or delete; everyone may look up.',
    schema: commaList.optional(),
  },
  {
    name: 'ADMIN_TEAM_IDS',
    description:
      'Teams team ids (or Entra group ids of those teams) whose members are admins, comma-separated; membership is read from Teams when an admin action is asked for.',
    schema: commaList.optional(),
  },
  {
    name: 'PUBLIC_URL',
    description:
      'The address users reach this server at (the bot endpoint without /api/messages); CSV downloads from cards link there.',
    defaultText: 'http://localhost:<PORT>',
    schema: z.string().url('must be a URL').optional(),
  },
  {
    name: 'LOG_LEVEL',
    description: 'Structured log level: fatal, error, warn, info, debug, trace or silent.',
    defaultText: 'info',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
] as const satisfies readonly VariableSpec[];
