import { z } from 'zod';
import { deviceCardData } from '../../cards/device';
import { DEVICE_REF } from '../../cards/payloads';
import { renderCard } from '../../cards/render';
import { VERBS } from '../../cards/verbs';
import { isDaichoError } from '../../errors';
import { toExported } from '../../ledger/device';
import type { DeviceDoc } from '../../ledger/ledger-service';
import type { BotDeps } from '../bot-deps';
import { argument, COMMANDS } from '../commands';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { excerpt } from '../text';
import { actor, type BotTurn, type Reply } from '../turn';

const HISTORY_ON_CARD = 10;
const HISTORY_ON_REQUEST = 50;
const MAX_USER_MATCHES = 10;

/**
 * `device PC-0012` / `デバイス 山田`: a device by asset number, serial, UUID — or by user when no
 * device has that id. One match: its card with the last changes ("why did this change?");
 * several: their asset numbers to pick from.
 */
export const deviceCommand: CommandRoute = {
  pattern: COMMANDS.device,
  role: 'anyone',
  async handle(turn, deps) {
    const id = argument(turn, COMMANDS.device);
    const { say } = sayer(turn);
    const matches = await lookup(deps, id);
    if (matches.length === 0) return say('bot.noDevice', { id: excerpt(id) });
    if (matches.length > 1)
      return say('bot.devicesFound', {
        id: excerpt(id),
        count: matches.length,
        list: matches.map((d) => d.assetNumber).join(', '),
      });
    return deviceCard(turn, deps, matches[0]);
  },
};

/** A device's card from a button (a list row, an alert). */
export const showDeviceAction = actionRoute({
  verb: VERBS.showDevice,
  schema: DEVICE_REF,
  role: 'anyone',
  handle: (turn, id, deps) => deviceById(turn, deps, id, HISTORY_ON_CARD),
});

/** The same card with more of the device's history. */
export const deviceHistoryAction = actionRoute({
  verb: VERBS.deviceHistory,
  schema: DEVICE_REF,
  role: 'anyone',
  handle: (turn, id, deps) => deviceById(turn, deps, id, HISTORY_ON_REQUEST),
});

/** Delete, from the confirmation inside the device card. */
export const deviceDeleteAction = actionRoute({
  verb: VERBS.deviceDelete,
  schema: z.object({ assetNumber: z.string().min(1).max(64) }).passthrough(),
  role: 'admin',
  async handle(turn, payload, deps) {
    const { say } = sayer(turn);
    try {
      const deleted = await deps.ledger.delete(payload.assetNumber, actor(turn));
      return say('device.deleted', { assetNumber: deleted.assetNumber });
    } catch (e) {
      // The delete lock (a synced device) or a device gone meanwhile: say why, change nothing.
      if (isDaichoError(e)) return say(e.messageKey, e.params);
      throw e;
    }
  },
});

/**
 * A message that is nothing but an asset number, serial number or UUID (`PC-0012`): that device's
 * card, as the help card promises. Only an exact match of one device counts — a user's name or a
 * typo still gets the unknown-input help, so a stray word never opens someone's device.
 */
export async function deviceByBareId(turn: BotTurn, deps: BotDeps): Promise<Reply | undefined> {
  const id = turn.text.trim();
  if (!id || id.length > 64 || /\s/.test(id)) return undefined;
  try {
    return await deviceCard(turn, deps, await deps.ledger.find(id));
  } catch (e) {
    if (isDaichoError(e, 'NOT_FOUND') || isDaichoError(e, 'AMBIGUOUS')) return undefined;
    throw e;
  }
}

async function deviceById(turn: BotTurn, deps: BotDeps, id: string, entries: number) {
  const [device] = id ? await lookup(deps, id) : [];
  if (!device) return sayer(turn).say('bot.noDevice', { id });
  return deviceCard(turn, deps, device, entries);
}

async function deviceCard(
  turn: BotTurn,
  deps: BotDeps,
  device: DeviceDoc,
  entries = HISTORY_ON_CARD,
) {
  const { locale } = sayer(turn);
  const history = await deps.deviceReads.recentHistory(device._id, entries);
  return renderCard(
    'device',
    deviceCardData(toExported(device), history, locale, {
      isAdmin: await deps.roles.isAdmin(turn),
      canReplace: !!deps.workflows,
    }),
  );
}

async function lookup(deps: BotDeps, id: string): Promise<DeviceDoc[]> {
  try {
    return [await deps.ledger.find(id)];
  } catch (e) {
    if (isDaichoError(e, 'AMBIGUOUS')) {
      const key = deps.ledger.serialKey(id);
      if (key) return deps.deviceReads.withSerialKey(key, MAX_USER_MATCHES);
      const device = await deps.deviceReads.byAssetNumber(id);
      return device ? [device] : [];
    }
    if (!isDaichoError(e, 'NOT_FOUND')) throw e;
  }
  return deps.deviceReads.whoseUserContains(id, MAX_USER_MATCHES);
}
