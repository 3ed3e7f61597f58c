import { createLogger } from '../../src/log';
import { sendIdleReminders, type ReminderDeps } from '../../src/workflows/reminders';
import type { WorkflowDoc } from '../../src/workflows/workflow-record';

const NOW = new Date('2031-05-24T03:00:00Z');
const startedIn = { conversationId: 'c-1', reference: {}, locale: 'ja' as const };

function idle(id: string, over: Partial<WorkflowDoc> = {}): WorkflowDoc {
  return {
    _id: id,
    updatedAt: new Date('2031-05-20T03:00:00Z'),
    startedIn,
    ...over,
  } as WorkflowDoc;
}

/** Fakes of the service and the card sender, recording what the check asked of them. */
function fakes(workflows: WorkflowDoc[], over: Partial<ReminderDeps> = {}) {
  const calls: string[] = [];
  const deps: ReminderDeps = {
    days: 3,
    now: () => NOW,
    idle: async (days, now) => {
      calls.push(`idle ${days} ${now.toISOString()}`);
      return workflows;
    },
    claim: async (id, _now, lastActivity) => {
      calls.push(`claim ${id} ${lastActivity.toISOString()}`);
      return true;
    },
    release: async (id) => void calls.push(`release ${id}`),
    send: async (workflow, days) => {
      calls.push(`send ${workflow._id} ${days}`);
      return true;
    },
    log: createLogger('silent'),
    ...over,
  };
  return { deps, calls };
}

describe('idle workflow reminders', () => {
  it('claims each idle workflow for its idle period, then sends its reminder', async () => {
    const { deps, calls } = fakes([idle('a'), idle('b')]);
    expect(await sendIdleReminders(deps)).toEqual({ idle: 2, sent: 2, skipped: 0, failed: 0 });
    expect(calls).toEqual([
      'idle 3 2031-05-24T03:00:00.000Z',
      'claim a 2031-05-20T03:00:00.000Z',
      'send a 3',
      'claim b 2031-05-20T03:00:00.000Z',
      'send b 3',
    ]);
  });

  it('skips one claimed elsewhere (another replica, or activity since) and one started outside Teams', async () => {
    const { deps, calls } = fakes([idle('a'), idle('b', { startedIn: undefined })], {
      claim: async (id) => {
        calls.push(`claim ${id}`);
        return false;
      },
    });
    expect(await sendIdleReminders(deps)).toEqual({ idle: 2, sent: 0, skipped: 2, failed: 0 });
    expect(calls.filter((c) => c.startsWith('send'))).toEqual([]);
  });

  it('gives the claim back when the card could not be sent, so the next check tries again', async () => {
    let n = 0;
    const { deps, calls } = fakes([idle('a'), idle('b')], {
      send: async (workflow) => {
        calls.push(`send ${workflow._id}`);
        if (++n === 1) throw new Error('connector down');
        return false;
      },
    });
    expect(await sendIdleReminders(deps)).toEqual({ idle: 2, sent: 0, skipped: 0, failed: 2 });
    expect(calls.filter((c) => c.startsWith('release'))).toEqual(['release a', 'release b']);
  });
});
