import { Cron } from 'croner';
import type { Logger } from '../log';
import type { WorkflowDoc } from './workflow-record';

/** How often idle workflows are looked for: hourly, at a minute the sync schedule rarely uses. */
export const REMINDER_CHECK_CRON = '23 * * * *';

export interface ReminderDeps {
  /** Idle this many days (since the last tick, new device, start) before a reminder; ≥ 1. */
  days: number;
  now: () => Date;
  /** WorkflowService.idleWorkflows */
  idle: (days: number, now: Date) => Promise<WorkflowDoc[]>;
  /** WorkflowService.markReminded: the claim, so two replicas send one reminder, not two. */
  claim: (id: string, now: Date, lastActivity: Date) => Promise<boolean>;
  /** Gives the claim back after a failed send, so the next check tries again. */
  release: (id: string, claimedAt: Date) => Promise<void>;
  /** Posts the reminder card where the workflow was started; false when it could not. */
  send: (workflow: WorkflowDoc, days: number) => Promise<boolean>;
  log: Logger;
}

export interface ReminderCounts {
  idle: number;
  sent: number;
  /** Started outside Teams (nowhere to send to), or claimed by another replica. */
  skipped: number;
  failed: number;
}

/**
 * One check: every open workflow idle for `days` days gets one reminder card per idle period
 * (any activity clears the mark, so a workflow idle again later is reminded again).
 */
export async function sendIdleReminders(deps: ReminderDeps): Promise<ReminderCounts> {
  const now = deps.now();
  const idle = await deps.idle(deps.days, now);
  const counts: ReminderCounts = { idle: idle.length, sent: 0, skipped: 0, failed: 0 };
  for (const workflow of idle) {
    if (!workflow.startedIn || !(await deps.claim(workflow._id, now, workflow.updatedAt))) {
      counts.skipped++;
      continue;
    }
    let sent = false;
    try {
      sent = await deps.send(workflow, deps.days);
    } catch (e) {
      deps.log.warn({ err: e, workflowId: workflow._id }, 'workflow reminder failed');
    }
    if (sent) counts.sent++;
    else {
      counts.failed++;
      await deps.release(workflow._id, now);
    }
  }
  return counts;
}

/** Runs the check hourly; WORKFLOW_REMINDER_DAYS=0 turns reminders off. */
export function startReminderSchedule(deps: ReminderDeps): { stop(): void } {
  if (deps.days <= 0) return { stop: () => undefined };
  const cron = new Cron(REMINDER_CHECK_CRON, { protect: true, unref: true }, async () => {
    try {
      const counts = await sendIdleReminders(deps);
      if (counts.idle > 0) deps.log.info({ ...counts, days: deps.days }, 'workflow reminders');
    } catch (e) {
      deps.log.error({ err: e }, 'workflow reminder check failed');
    }
  });
  return { stop: () => cron.stop() };
}
