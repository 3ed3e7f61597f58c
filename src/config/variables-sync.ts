import { z } from 'zod';
import type { VariableSpec } from './variable-spec';

/** When syncs run, when they wait for approval, and how their findings reach people. */
export const SYNC_VARIABLES = [
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
] as const satisfies readonly VariableSpec[];
