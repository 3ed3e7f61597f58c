import { z } from 'zod';
import type { VariableSpec } from './variable-spec';

/** "on" / "off" (also true / false), default off: the provisioning switches. */
const onOff = z
  .enum(['on', 'off', 'true', 'false'], { message: 'must be on or off' })
  .default('off')
  .transform((v) => v === 'on' || v === 'true');

/** Microsoft 365 provisioning of the people directory: switches, removal policies, files. */
export const PROVISIONING_VARIABLES = [
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
] as const satisfies readonly VariableSpec[];
