import { TestAdapter, type Activity } from 'botbuilder';
import { createAdapter } from '../../src/teams/adapter';
import type { BotDeps } from '../../src/bot/bot-deps';
import { createBot } from '../../src/teams/create-bot';
import { rolePolicy } from '../../src/bot/roles';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { createServices } from '../../src/services';
import { ROOT } from './cli';
import type { SyncHarness } from './sync-harness';
import type { TestDb } from './test-db';

export const ADMIN = { id: 'u-admin', name: 'Hanako Admin', aadObjectId: 'aad-admin' };
export const USER = { id: 'u-user', name: 'User', aadObjectId: 'aad-user' };

/**
 * The real bot on botbuilder's TestAdapter, with `aad-admin` as its only admin. `extra` replaces
 * or adds dependencies (e.g. a WorkflowService with a test clock, the card-copy updater).
 */
export function testBot(t: TestDb, h: SyncHarness, extra: Partial<BotDeps> = {}): TestAdapter {
  const config = botConfig(t);
  const log = createLogger('silent');
  const roles = rolePolicy(config.admins, false, log);
  const { services } = h;
  const bot = createBot(
    {
      config,
      c: t.c,
      conversations: services.conversations,
      downloads: services.downloads,
      troubleshootSessions: services.troubleshootSessions,
      people: services.people,
      alerts: services.alerts,
      ledger: t.ledger,
      sync: h.sync,
      links: h.links,
      roles,
      log,
      workflows: services.workflows,
      ...extra,
    },
    createAdapter(undefined),
  );
  return new TestAdapter(async (context) => void (await bot.run(context)));
}

/** The record owners a hand-built BotDeps needs: the product's services on the test database. */
export async function botOwners(t: TestDb, config = botConfig(t)) {
  const s = await createServices(config, { db: t.db, log: createLogger('silent') });
  const { conversations, downloads, troubleshootSessions, people, alerts } = s;
  return { conversations, downloads, troubleshootSessions, people, alerts };
}

/** The bot's config on the test database with `aad-admin` as admin; `env` adds to it. */
export function botConfig(t: TestDb, env: Record<string, string> = {}) {
  return loadConfig(
    {
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      SYNC_SCHEDULE: 'off',
      ADMIN_USER_IDS: ADMIN.aadObjectId,
      ...env,
    },
    ROOT,
  );
}

/** An Action.Execute press; returns what Teams would show: a card (as JSON text) or a message. */
export async function press(
  adapter: TestAdapter,
  verb: string,
  data: Record<string, unknown>,
  from = ADMIN,
  locale = 'en-US',
) {
  let reply: Partial<Activity> | undefined;
  await adapter
    .send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      locale,
      from: from as never,
      value: { action: { type: 'Action.Execute', verb, data } },
    })
    .assertReply((a) => void (reply = a));
  const body = (reply?.value as { body?: { type: string; value: unknown } })?.body;
  return {
    type: body?.type,
    text: typeof body?.value === 'string' ? body.value : JSON.stringify(body?.value),
  };
}
