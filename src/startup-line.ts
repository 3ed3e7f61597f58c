import type { DatabaseInfo } from './db/database';

export interface StartupFacts {
  /** The address the server listens on; undefined: every interface. */
  host: string | undefined;
  port: number;
  database: DatabaseInfo;
  /** NODE_ENV=production or a DAICHO_ENV other than local. */
  production: boolean;
  /** Bot Framework credentials are set: requests are authenticated. */
  authenticated: boolean;
  /** Started by npm run playground, which prints the Playground's address next. */
  underPlayground?: boolean;
}

function databaseText(db: DatabaseInfo): string {
  const where = `${db.kind} ${db.uri} db=${db.name}`;
  if (db.kind === 'emulator') return `${where} (embedded emulator, memory only)`;
  if (db.kind === 'mongod') return `${where} (embedded mongod)`;
  return `${where} (MONGODB_URI)`;
}

/**
 * The one line a server logs once it listens: where to reach it, which database it keeps the
 * ledger in (passwords masked), which mode it runs in, and what to do next.
 */
export function startupLine(facts: StartupFacts): string {
  const base = `http://${facts.host ?? 'localhost'}:${facts.port}`;
  const mode = facts.production
    ? 'production'
    : facts.authenticated
      ? 'local (bot credentials set: requests are authenticated)'
      : 'local (no bot credentials: 127.0.0.1 only)';
  const next = facts.production
    ? 'npx daicho doctor to check the configuration'
    : facts.underPlayground
      ? 'open the Agents Playground (its address follows), npx daicho --help for the CLI'
      : 'npm run playground to try the bot (it starts a bot of its own: stop this one first), npx daicho --help for the CLI';
  return [
    `Daicho listening on ${base}/api/messages (health: ${base}/healthz)`,
    `database: ${databaseText(facts.database)}`,
    `mode: ${mode}`,
    `next: ${next}`,
  ].join('; ');
}
