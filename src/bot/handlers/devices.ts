import { DEVICE_LIST_PAGE_SIZE, deviceListCardData } from '../../cards/device-list';
import { ANY_DATA, DEVICE_LIST_PAGE, type DeviceListPagePayload } from '../../cards/payloads';
import { renderCard } from '../../cards/render';
import { VERBS } from '../../cards/verbs';
import { parseDeviceQuery, type DeviceQuery } from '../../ledger/device-query';
import type { BotDeps } from '../bot-deps';
import { argument, COMMANDS } from '../commands';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { excerpt } from '../text';
import type { BotTurn, Reply } from '../turn';

/**
 * `devices` / `デバイス一覧 [text]`: the device list, paged, with the list screen's filters. The
 * filter comes back in every page button and is checked again each time (a card's data is
 * whatever the client sends).
 */
export const devicesCommand: CommandRoute = {
  pattern: COMMANDS.devices,
  role: 'anyone',
  async handle(turn, deps) {
    const text = argument(turn, COMMANDS.devices);
    // Checked like a page button's filter (at most 200 characters), so every page of the list
    // it starts can be turned.
    const { query, problems } = parseDeviceQuery(text ? { text } : {});
    if (problems.length > 0) {
      const [problem] = problems;
      return sayer(turn).say(problem.key, { ...problem.params, value: excerpt(text) });
    }
    return page(turn, deps, query, 1);
  },
};

/** The list button: the first page, no filter. */
export const listDevicesAction = actionRoute({
  verb: VERBS.listDevices,
  schema: ANY_DATA,
  role: 'anyone',
  handle: (turn, _payload, deps) => onPage(turn, deps, {}),
});

/** A page button: the filter it carries, checked again. */
export const devicesPageAction = actionRoute({
  verb: VERBS.devicesPage,
  schema: DEVICE_LIST_PAGE,
  role: 'anyone',
  handle: (turn, payload, deps) => onPage(turn, deps, payload),
});

async function onPage(turn: BotTurn, deps: BotDeps, data: DeviceListPagePayload): Promise<Reply> {
  const filter = isRecord(data.filter) ? data.filter : {};
  const { query, problems } = parseDeviceQuery(filter);
  // Only a number or numeric text: Number({"toString": 1}) throws.
  const given = data.page ?? 1;
  const n = typeof given === 'number' || typeof given === 'string' ? Number(given) : NaN;
  if (problems.length > 0 || !Number.isInteger(n) || n < 1 || n > 100_000)
    return sayer(turn).say('bot.badPayload');
  return page(turn, deps, query, n);
}

/** An object's fields as they came (a filter is read field by field by parseDeviceQuery). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

async function page(turn: BotTurn, deps: BotDeps, query: DeviceQuery, n: number) {
  const total = await deps.ledger.count(query);
  const pages = Math.max(1, Math.ceil(total / DEVICE_LIST_PAGE_SIZE));
  const current = Math.min(n, pages);
  const devices = await deps.ledger.list(query, {
    skip: (current - 1) * DEVICE_LIST_PAGE_SIZE,
    limit: DEVICE_LIST_PAGE_SIZE,
  });
  return renderCard(
    'device-list',
    deviceListCardData({ devices, total, page: current, filter: query }, sayer(turn).locale),
  );
}
