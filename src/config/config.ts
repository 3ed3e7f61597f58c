import path from 'node:path';
import { z } from 'zod';
import { DaichoError } from '../errors';
import { localeFrom, type Locale } from '../i18n/messages';
import { projectRoot } from '../paths';
import { readEnvironment } from './env-files';
import { VARIABLES } from './variables';

type Parsed = { [V in (typeof VARIABLES)[number] as V['name']]: z.output<V['schema']> };

export interface Config {
  envName: string;
  port: number;
  mongodbUri: string | undefined;
  mongodbDb: string;
  dataDir: string;
  embeddedDb: 'auto' | 'mongod' | 'emulator';
  locale: Locale;
  /** The CLI speaks the shell's language unless DAICHO_LOCALE says otherwise. */
  cliLocale: Locale;
  serialPlaceholders: string[];
  logLevel: Parsed['LOG_LEVEL'];
}

export class ConfigError extends DaichoError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', 'config.invalid', { problems: problems.join('\n') });
    this.message = `Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`;
  }
}

/**
 * Parses and validates the whole configuration once, at start. Every problem is collected (not
 * only the first), and each names the variable and the file (or environment) to fix it in.
 */
export function loadConfig(
  processEnv: NodeJS.ProcessEnv = process.env,
  root: string = projectRoot(),
): Config {
  const raw = readEnvironment(path.join(root, 'env'), processEnv);
  const problems = raw.problems.map((p) => `${p.variable} in ${p.from}: ${p.problem}`);
  const parsed: Record<string, unknown> = {};

  for (const spec of VARIABLES) {
    const source = raw.values.get(spec.name);
    const result = spec.schema.safeParse(source?.value);
    if (result.success) {
      parsed[spec.name] = result.data;
    } else {
      const why = result.error.issues.map((i) => i.message).join('; ');
      const where = source ? source.from : `env/.env.${raw.envName}`;
      const got = source ? ` (got "${source.value}")` : '';
      problems.push(`${spec.name} ${why}${got}: fix it in ${where}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const p = parsed as Parsed;
  return {
    envName: raw.envName,
    port: p.PORT,
    mongodbUri: p.MONGODB_URI,
    mongodbDb: p.MONGODB_DB,
    dataDir: path.resolve(root, p.DAICHO_DATA_DIR ?? '.daicho'),
    embeddedDb: p.DAICHO_EMBEDDED_DB,
    locale: p.DAICHO_LOCALE ?? 'ja',
    cliLocale:
      p.DAICHO_LOCALE ??
      localeFrom(processEnv.LC_ALL || processEnv.LC_MESSAGES || processEnv.LANG, 'ja'),
    serialPlaceholders: p.DAICHO_SERIAL_PLACEHOLDERS ?? [],
    logLevel: p.LOG_LEVEL,
  };
}
