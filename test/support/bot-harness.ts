import { TestAdapter, type Activity } from 'botbuilder';
import { createAdapter } from '../../src/bot/adapter';
import { createBot } from '../../src/bot/create-bot';
import { rolePolicy } from '../../src/bot/roles';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log';
import { ROOT } from './cli';
import type { SyncHarness } from './sync-harness';
import type { TestDb } from './test-db';

export const ADMIN = { id: 'u-admin', name: 'Hanako Admin', aadObjectId: 'aad-admin' };
export const USER = { id: 'u-user', name: 'User', aadObjectId: 'aad-user' };

/** The real bot on botbuilder's TestAdapter, with `aad-admin` as its only admin. */
export function testBot(t: TestDb, h: SyncHarness): TestAdapter {
  const config = loadConfig(
    {
      MONGODB_URI: t.uri,
      MONGODB_DB: t.name,
      SYNC_SCHEDULE: 'off',
      ADMIN_USER_IDS: ADMIN.aadObjectId,
    },
    ROOT,
  );
  const log = createLogger('silent');
  const roles = rolePolicy(config.admins, false, log);
  const bot = createBot(
    { config, c: t.c, ledger: t.ledger, sync: h.sync, links: h.links, roles, log },
    createAdapter(undefined),
  );
  return new TestAdapter(async (context) => void (await bot.run(context)));
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
