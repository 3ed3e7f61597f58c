/**
 * `npm run package [-- --env <name>] [--project <folder>]`: builds appPackage/build/daicho-<env>.zip
 * for upload to Teams (admin center, or custom app upload for a pilot). The env is chosen as
 * everywhere in Daicho: --env, else DAICHO_ENV, else TEAMSFX_ENV (set by the Agents Toolkit),
 * else local. Exit 0 with the zip written; 1 with every problem listed; 2 for a bad command line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';
import { maskSecrets } from '../secrets';
import { buildAppPackage, validEnvName } from './app-package';

const USAGE = 'usage: npm run package -- [--env <name>] [--project <folder>]';

interface Args {
  env: string | undefined;
  project: string;
}

function parseArgs(argv: string[]): Args | string {
  const args: Args = { env: undefined, project: projectRoot() };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline ?? argv[++i];
    if (flag === '--help' || flag === '-h') return USAGE;
    if (flag !== '--env' && flag !== '--project') return `unknown option ${flag}\n${USAGE}`;
    if (!value) return `${flag} needs a value\n${USAGE}`;
    if (flag === '--env') args.env = value;
    else args.project = path.resolve(value);
  }
  return args;
}

/** A command-line tool's lines, as the daicho CLI writes them (no logger: nothing is served). */
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${maskSecrets(line)}\n`);

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    err(args);
    return args === USAGE ? 0 : 2;
  }
  const processEnv = args.env ? { ...process.env, DAICHO_ENV: args.env } : process.env;
  const envName = processEnv.DAICHO_ENV || processEnv.TEAMSFX_ENV || 'local';
  if (!validEnvName(envName)) {
    err(`env name "${envName}" must be letters, digits, - or _`);
    return 2;
  }
  const appDir = path.join(args.project, 'appPackage');
  const result = await buildAppPackage({
    appDir,
    envDir: path.join(args.project, 'env'),
    processEnv,
  });
  if (!result.zip) {
    err(`Cannot build the Teams app package for env "${result.envName}":`);
    for (const p of result.problems) err(`  - ${p}`);
    return 1;
  }
  const zipPath = path.join(appDir, 'build', `daicho-${result.envName}.zip`);
  mkdirSync(path.dirname(zipPath), { recursive: true });
  writeFileSync(zipPath, result.zip);
  const shown = path.relative(process.cwd(), zipPath) || zipPath;
  out(
    `Built ${shown} (${result.zip.length} bytes) for env "${result.envName}": manifest valid against its schema, icons checked.`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    err(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
