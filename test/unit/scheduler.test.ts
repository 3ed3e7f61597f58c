import pino from 'pino';
import { startScheduler } from '../../src/sync/scheduler';

describe('sync scheduler', () => {
  const log = pino({ level: 'silent' });

  it('runs the job on the interval, never two at once, and keeps going after a failure', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const scheduler = startScheduler(
      { kind: 'interval', ms: 20 },
      async () => {
        runs++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 50));
        running--;
        if (runs === 1) throw new Error('first run fails');
      },
      log,
    );
    await new Promise((r) => setTimeout(r, 400));
    scheduler.stop();
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(maxRunning).toBe(1);
  });

  it('does nothing when off', async () => {
    let runs = 0;
    const scheduler = startScheduler({ kind: 'off' }, async () => void runs++, log);
    await new Promise((r) => setTimeout(r, 50));
    scheduler.stop();
    expect(runs).toBe(0);
  });
});
