import { loadConfig, ConfigError } from './config/config';
import { openDatabase } from './db/database';
import { isDaichoError } from './errors';
import { healthzRoute } from './http/healthz';
import { createHttpServer, listen } from './http/server';
import { t } from './i18n/messages';
import { createLogger } from './log';

/**
 * The composition root: config → database → services → HTTP. Everything is wired here and only
 * here; the rest of the code receives what it needs.
 */
async function start(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const startedAt = new Date();
  let db;
  try {
    db = await openDatabase(config);
  } catch (e) {
    const message = isDaichoError(e) ? t('en', e.messageKey, e.params) : String(e);
    log.fatal({ err: e }, message);
    process.exit(1);
  }
  if (db.info.kind === 'emulator') log.warn(t('en', 'db.emulatorWarning'));

  const server = createHttpServer({ '/healthz': healthzRoute(db, startedAt) }, log);
  const port = await listen(server, config.port);
  log.info(
    { port, database: db.info },
    `Daicho listening on http://localhost:${port} (health: /healthz); database: ${db.info.kind} ${db.info.uri} db=${db.info.name}`,
  );

  const stop = (signal: string) => {
    log.info({ signal }, 'stopping');
    server.close();
    void db.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void start();
