import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';

/** Where a configuration value came from, so an error can name the place to fix it. */
export interface ValueSource {
  value: string;
  from: string; // e.g. "env/.env.local", "env/.env.local.user" or "the process environment"
}

export interface RawEnvironment {
  envName: string;
  values: Map<string, ValueSource>;
  /** Problems found while reading the files (e.g. a secret in a committed file). */
  problems: { variable: string; from: string; problem: string }[];
}

/**
 * Reads the Teams Toolkit env files: `env/.env.<name>` (committed, no secrets) and
 * `env/.env.<name>.user` (git-ignored, the only file allowed to hold `SECRET_*` values).
 * The process environment wins over both, as it does under the toolkit and in containers.
 */
export function readEnvironment(
  envDir: string,
  processEnv: NodeJS.ProcessEnv,
  secretNames: ReadonlySet<string> = new Set(),
  /** Secret only for some values: a MongoDB URI with a password in it, not one without. */
  secretWhen: ReadonlyMap<string, (value: string) => boolean> = new Map(),
): RawEnvironment {
  const envName = processEnv.DAICHO_ENV || processEnv.TEAMSFX_ENV || 'local';
  const values = new Map<string, ValueSource>();
  const problems: RawEnvironment['problems'] = [];
  const committed = path.join(envDir, `.env.${envName}`);
  const toolkitName = (name: string) =>
    name.startsWith('SECRET_') && (secretNames.has(name.slice(7)) || secretWhen.has(name.slice(7)))
      ? name.slice(7)
      : name;
  const userFile = `${committed}.user`;

  for (const file of [committed, userFile]) {
    if (!existsSync(file)) continue;
    const shown = path.join('env', path.basename(file));
    const parsed = parse(readFileSync(file));
    for (const [name, value] of Object.entries(parsed)) {
      const secret =
        name.startsWith('SECRET_') || secretNames.has(name) || secretWhen.get(name)?.(value);
      if (secret && file === committed) {
        problems.push({
          variable: name,
          from: shown,
          problem: `secrets must not be in a committed file; move it to env/.env.${envName}.user`,
        });
        continue;
      }
      // SECRET_X in a .user file is the toolkit's spelling of X.
      if (value !== '') values.set(toolkitName(name), { value, from: shown });
    }
  }
  for (const [name, value] of Object.entries(processEnv)) {
    if (value !== undefined && value !== '') {
      values.set(toolkitName(name), { value, from: 'the process environment' });
    }
  }
  return { envName, values, problems };
}
