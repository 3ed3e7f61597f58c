import pino, { Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; the CLI sends them to stderr so stdout stays machine-readable. */
export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    { name: 'daicho', level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ fd: destination === 'stdout' ? 1 : 2, sync: true }),
  );
}
