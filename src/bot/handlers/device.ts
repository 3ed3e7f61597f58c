import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { isDaichoError } from '../../errors';
import { toExported } from '../../ledger/device';
import { literalPattern } from '../../ledger/device-query';
import type { DeviceDoc } from '../../ledger/ledger-service';
import type { BotDeps } from '../bot-deps';
import { deviceCardData } from '../../cards/device';
import { renderCard } from '../../cards/render';
import { argument, command, COMMANDS } from '../commands';
import { sayer } from '../locale';
import { sendCard } from '../reply';
import { excerpt } from '../text';
import { VERBS } from '../../cards/verbs';
import { adminPayload } from '../guard';
import { actor } from './link';
import { z } from 'zod';

const HISTORY_ON_CARD = 10;
const MAX_USER_MATCHES = 10;

/**
 * `device PC-0012` / `デバイス 山田`: a device by asset number, serial, UUID — or by user when no
 * device has that id. One match: its card with the last changes ("why did this change?");
 * several: their asset numbers to pick from.
 */
export function registerDevice(app: Application<TurnState>, deps: BotDeps): void {
  app.message(command(COMMANDS.device), async (context) => {
    const id = argument(context, COMMANDS.device);
    const { say } = sayer(context);
    const matches = await lookup(deps, id);
    if (matches.length === 0) {
      await context.sendActivity(say('bot.noDevice', { id: excerpt(id) }));
      return;
    }
    if (matches.length > 1) {
      await context.sendActivity(
        say('bot.devicesFound', {
          id: excerpt(id),
          count: matches.length,
          list: matches.map((d) => d.assetNumber).join(', '),
        }),
      );
      return;
    }
    await sendCard(context, 'device', await cardData(context, deps, matches[0]));
  });
  app.adaptiveCards.actionExecute<{ assetNumber?: unknown }>(
    VERBS.showDevice,
    async (context, _state, data) => {
      const { say } = sayer(context);
      const id = typeof data?.assetNumber === 'string' ? data.assetNumber.slice(0, 128) : '';
      const [device] = id ? await lookup(deps, id) : [];
      if (!device) return say('bot.noDevice', { id });
      return renderCard('device', await cardData(context, deps, device)) as never;
    },
  );
  app.adaptiveCards.actionExecute(VERBS.deviceHistory, async (context, _state, data) => {
    const { say } = sayer(context);
    const raw = (data ?? {}) as { assetNumber?: unknown };
    const id = typeof raw.assetNumber === 'string' ? raw.assetNumber.slice(0, 128) : '';
    const [device] = id ? await lookup(deps, id) : [];
    if (!device) return say('bot.noDevice', { id });
    return renderCard('device', await cardData(context, deps, device, 50)) as never;
  });
  app.adaptiveCards.actionExecute(VERBS.deviceDelete, async (context, _state, data) => {
    const schema = z.object({ assetNumber: z.string().min(1).max(64) }).passthrough();
    const ok = await adminPayload(context, deps, schema, data);
    if (!ok.ok) return ok.reply;
    const { say } = sayer(context);
    try {
      const deleted = await deps.ledger.delete(ok.value.assetNumber, actor(context));
      return say('device.deleted', { assetNumber: deleted.assetNumber });
    } catch (e) {
      // The delete lock (a synced device) or a device gone meanwhile: say why, change nothing.
      if (isDaichoError(e)) return say(e.messageKey, e.params);
      throw e;
    }
  });
}

async function cardData(
  context: TurnContext,
  deps: BotDeps,
  device: DeviceDoc,
  entries = HISTORY_ON_CARD,
) {
  const { locale } = sayer(context);
  const history = await deps.c.fieldHistory
    .find({ deviceId: device._id })
    .sort({ at: -1 })
    .limit(entries)
    .toArray();
  return deviceCardData(toExported(device), history, locale, {
    isAdmin: await deps.roles.isAdmin(context),
    canReplace: !!deps.workflows,
  });
}

async function lookup(deps: BotDeps, id: string): Promise<DeviceDoc[]> {
  try {
    return [await deps.ledger.find(id)];
  } catch (e) {
    if (isDaichoError(e, 'AMBIGUOUS')) {
      const key = deps.ledger.serialKey(id);
      return deps.c.devices
        .find(key ? { serialKey: key } : { assetNumber: id })
        .limit(MAX_USER_MATCHES)
        .toArray();
    }
    if (!isDaichoError(e, 'NOT_FOUND')) throw e;
  }
  const pattern = new RegExp(literalPattern(id), 'i');
  return deps.c.devices
    .find({ user: pattern })
    .sort({ assetNumber: 1 })
    .limit(MAX_USER_MATCHES)
    .toArray();
}
