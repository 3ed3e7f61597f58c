import { z } from 'zod';
import { commaList, type VariableSpec } from './variable-spec';

/** The bot endpoint: its credentials, its admins, its public address and its logs. */
export const SERVER_VARIABLES = [
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
    description:
      'SingleTenant (an Entra app of your tenant, with BOT_PASSWORD), UserAssignedMSI (a managed identity, no secret) or MultiTenant (only for an existing bot: Azure has refused new multi-tenant bots since July 2025). SingleTenant and UserAssignedMSI need BOT_TENANT_ID.',
    defaultText: 'SingleTenant',
    schema: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
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
  {
    name: 'LOG_FORMAT',
    description:
      'How log lines are written: auto (readable lines on a terminal, JSON lines otherwise), json (one JSON object per line, for log collectors) or pretty (readable lines).',
    defaultText: 'auto',
    schema: z.enum(['auto', 'json', 'pretty']).default('auto'),
  },
] as const satisfies readonly VariableSpec[];
