#!/usr/bin/env node
import { randomUUID } from 'node:crypto';
import { CommanderError } from 'commander';
import { ConfigError } from '../config/config';
import { isDaichoError } from '../errors';
import { t } from '../i18n/messages';
import { maskSecrets } from '../secrets';
import { cliConfig, closeContext } from './context';
import { buildProgram } from './program';
import { UsageError } from './usage-error';

/**
 * Exit 0 on success; otherwise a one-line reason on stderr and exit 1 (2 for a command-line
 * mistake). Users never see a stack trace; an unexpected error gets a correlation id.
 */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    return report(e);
  } finally {
    await closeContext().catch(() => undefined);
  }
}

function report(e: unknown): number {
  if (e instanceof CommanderError) {
    // --help and --version "fail" with exit code 0; commander already printed what it had to.
    return e.exitCode === 0 ? 0 : 2;
  }
  const write = (line: string) => process.stderr.write(`${maskSecrets(line)}\n`);
  if (e instanceof ConfigError) {
    write(e.problems.join('; '));
    return 1;
  }
  const locale = safeLocale();
  if (isDaichoError(e)) {
    write(t(locale, 'cli.failed', { message: t(locale, e.messageKey, e.params) }));
    return e instanceof UsageError ? 2 : 1;
  }
  const correlationId = randomUUID();
  const detail = e instanceof Error ? e.message : String(e);
  write(`${t(locale, 'cli.unexpected', { correlationId })} ${detail.split('\n')[0]}`);
  return 1;
}

function safeLocale() {
  try {
    return cliConfig().cliLocale;
  } catch {
    return 'en' as const;
  }
}

// exitCode, not exit(): exit() would cut off a large export still flowing into a pipe.
void main(process.argv).then((code) => {
  process.exitCode = code;
});
