import { z } from 'zod';
import type { VariableSpec } from './variable-spec';

/** The device sources: Intune (Entra app registration, Graph) and Jamf Pro. */
export const MDM_VARIABLES = [
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
] as const satisfies readonly VariableSpec[];
