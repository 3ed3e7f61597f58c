import { createRequire } from 'node:module';
import { isatty } from 'node:tty';
import { format } from 'node:util';
import pino, { Logger } from 'pino';
import type PinoPretty from 'pino-pretty';
import { maskSecrets } from './secrets';

export type { Logger };

/** json: one JSON object per line; pretty: one readable line per event; auto: pretty on a terminal. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/**
 * Structured logs; the CLI sends them to stderr so stdout stays machine-readable. Every line
 * passes through the secret mask on its way out, whatever field a secret hid in — the readable
 * format too, which is made from the masked line. On a terminal the lines are readable
 * (pino-pretty, in this process, written synchronously); anywhere else (tests, containers, log
 * collectors) they stay JSON, one object per line. `destination` may also be an open file
 * descriptor.
 */
export function createLogger(
  level: string,
  destination: 'stdout' | 'stderr' | number = 'stdout',
  logFormat: LogFormat = 'auto',
): Logger {
  const fd = destination === 'stdout' ? 1 : destination === 'stderr' ? 2 : destination;
  const terminal = isatty(fd);
  const pretty = logFormat === 'pretty' || (logFormat === 'auto' && terminal);
  const stream = pretty
    ? loadPinoPretty()({
        destination: fd,
        sync: true,
        colorize: terminal,
        singleLine: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,name',
      })
    : pino.destination({ fd, sync: true });
  return pino(
    {
      name: 'daicho',
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: { streamWrite: (line) => maskSecrets(line) },
    },
    stream,
  );
}

/**
 * pino-pretty is loaded only for a terminal: it adds some 50 ms to the start of every process
 * (each CLI command), and JSON lines do not need it.
 */
function loadPinoPretty(): typeof PinoPretty {
  return createRequire(__filename)('pino-pretty') as typeof PinoPretty;
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
