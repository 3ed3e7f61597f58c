import { z } from 'zod';
import type { VariableSpec } from './variable-spec';

/** Stocktakes (棚卸): how Daicho reaches the users who never opened the bot. */
export const STOCKTAKE_VARIABLES = [
  {
    name: 'DAICHO_STOCKTAKE_INSTALL',
    description:
      'A stocktake user without a personal chat with the bot: "auto" installs the bot for them through Graph (the Intune app registration needs TeamsAppInstallation.ReadWriteSelfForUser.All, and TEAMS_APP_CATALOG_ID), "off" lists them for the admin.',
    defaultText: 'off',
    schema: z.enum(['auto', 'off']).default('off'),
  },
  {
    name: 'TEAMS_APP_CATALOG_ID',
    description:
      "The Teams app's id in your organization's app catalog (Graph appCatalogs/teamsApps id: atk publish writes it as TEAMS_APP_PUBLISHED_APP_ID), not the manifest id. Needed with DAICHO_STOCKTAKE_INSTALL=auto.",
    schema: z
      .string()
      .trim()
      .regex(/^[0-9a-fA-F-]{36}$/, 'must be a GUID (the id in the app catalog)')
      .optional(),
  },
] as const satisfies readonly VariableSpec[];
