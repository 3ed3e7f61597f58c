import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { parseDeviceQuery, type DeviceQuery } from '../../ledger/device-query';
import type { BotDeps } from '../bot-deps';
import { DEVICE_LIST_PAGE_SIZE, deviceListCardData } from '../../cards/device-list';
import { renderCard } from '../../cards/render';
import { argument, COMMANDS, command } from '../commands';
import { sayer } from '../locale';
import { sendCard } from '../reply';
import { excerpt } from '../text';
import { VERBS } from '../../cards/verbs';

/**
 * `devices` / `デバイス一覧 [text]`: the device list, paged, with the list screen's filters. The
 * filter comes back in every page button and is checked again each time (a card's data is
 * whatever the client sends).
 */
export function registerDevices(app: Application<TurnState>, deps: BotDeps): void {
  app.message(command(COMMANDS.devices), async (context) => {
    const text = argument(context, COMMANDS.devices);
    // Checked like a page button's filter (at most 200 characters), so every page of the list
    // it starts can be turned.
    const { query, problems } = parseDeviceQuery(text ? { text } : {});
    if (problems.length > 0) {
      const { say } = sayer(context);
      const [problem] = problems;
      await context.sendActivity(say(problem.key, { ...problem.params, value: excerpt(text) }));
      return;
    }
    await sendCard(context, 'device-list', await page(context, deps, query, 1));
  });
  const onPage = async (context: TurnContext, data: unknown) => {
    const raw = (data ?? {}) as { filter?: unknown; page?: unknown };
    const filter =
      typeof raw.filter === 'object' && raw.filter !== null
        ? (raw.filter as Record<string, unknown>)
        : {};
    const { query, problems } = parseDeviceQuery(filter);
    // Only a number or numeric text: Number({"toString": 1}) throws.
    const given = raw.page ?? 1;
    const n = typeof given === 'number' || typeof given === 'string' ? Number(given) : NaN;
    if (problems.length > 0 || !Number.isInteger(n) || n < 1 || n > 100_000)
      return sayer(context).say('bot.badPayload');
    return renderCard('device-list', await page(context, deps, query, n)) as never;
  };
  app.adaptiveCards.actionExecute(VERBS.listDevices, async (context) => onPage(context, {}));
  app.adaptiveCards.actionExecute(VERBS.devicesPage, async (context, _s, data) =>
    onPage(context, data),
  );
}

async function page(context: TurnContext, deps: BotDeps, query: DeviceQuery, n: number) {
  const total = await deps.ledger.count(query);
  const pages = Math.max(1, Math.ceil(total / DEVICE_LIST_PAGE_SIZE));
  const current = Math.min(n, pages);
  const devices = await deps.ledger.list(query, {
    skip: (current - 1) * DEVICE_LIST_PAGE_SIZE,
    limit: DEVICE_LIST_PAGE_SIZE,
  });
  return deviceListCardData(
    { devices, total, page: current, filter: query },
    sayer(context).locale,
  );
}
