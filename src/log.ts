import { format } from 'node:util';
import pino, { Logger } from 'pino';
import { maskSecrets } from './secrets';

export type { Logger };

/**
 * Structured JSON logs; the CLI sends them to stderr so stdout stays machine-readable. Every line
 * passes through the secret mask on its way out, whatever field a secret hid in.
 */
export function createLogger(level: string, destination: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino(
    {
      name: 'daicho',
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: (line) => maskSecrets(line) },
    },
    pino.destination({ fd: destination === 'stdout' ? 1 : 2, sync: true }),
  );
}

/**
 * Libraries that print on the console (botbuilder prints whole stack traces for a forged token)
 * are routed into the structured log at debug level: the server's output stays one JSON line
 * per event, our own line says what happened, and the library's detail is there when asked for.
 */
export function captureConsole(log: Logger): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    console[method] = (...args: unknown[]) =>
      log.debug({ console: method }, format(...args).slice(0, 4000));
  }
}
