import { renderCard } from '../../cards/render';
import {
  STOCKTAKE_REF,
  STOCKTAKE_SCOPE,
  type StocktakeScopePayload,
} from '../../cards/stocktake-payloads';
import { stocktakeProgressCardData } from '../../cards/stocktake-progress';
import {
  stocktakePreviewCardData,
  stocktakeStartCardData,
  type StocktakeScopeValues,
} from '../../cards/stocktake-start';
import { NO_DATA } from '../../cards/payloads';
import { VERBS } from '../../cards/verbs';
import { toCsv } from '../../csv/table-file';
import { parseDeviceQuery } from '../../ledger/device-query';
import { REPORT_HEADERS, reportRows } from '../../stocktake/status';
import type { StocktakeService } from '../../stocktake/stocktake-service';
import type { StocktakeScope } from '../../stocktake/stocktake-types';
import type { BotDeps } from '../bot-deps';
import { COMMANDS } from '../commands';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import { actionRoute, type CommandRoute } from '../routes';
import { actor, type BotTurn, type Reply } from '../turn';
import { remember } from './installation';

/** How many days the start card's deadline lies ahead unless the admin picks another. */
const DEFAULT_DAYS = 14;

const unavailable = (turn: BotTurn, deps: BotDeps) =>
  deps.stocktakes ? undefined : sayer(turn).say('stocktake.bot.unavailable');

/** The service, present once `unavailable` let the route run. */
function service(deps: BotDeps): StocktakeService {
  if (!deps.stocktakes) throw new Error('stocktakes not configured');
  return deps.stocktakes;
}

/** A day in Japan, `days` from now (YYYY-MM-DD). */
function tokyoDay(days: number): string {
  return new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `stocktake` / `棚卸` (admins): the open stocktake's progress card (posted again, and updated from
 * now on), or the start card when none is open.
 */
export const stocktakeCommand: CommandRoute = {
  pattern: COMMANDS.stocktake,
  role: 'admin',
  unavailable,
  async handle(turn, deps) {
    // The progress card will be updated here proactively: the conversation must be known (the
    // Agents Playground, for one, announces no install).
    await remember(turn, deps);
    const open = await service(deps)
      .status()
      .catch(() => null);
    if (open && open.stocktake.status === 'open') {
      await postProgress(turn, deps, open.stocktake._id);
      return undefined;
    }
    const values = {
      status: '',
      source: '',
      deviceType: '',
      user: '',
      deadline: tokyoDay(DEFAULT_DAYS),
    };
    return renderCard('stocktake-start', stocktakeStartCardData(values, sayer(turn).locale));
  },
};

/** The scope the card sent, checked like the device list's filters; or why not. */
function scopeOf(
  turn: BotTurn,
  payload: StocktakeScopePayload,
): { scope: StocktakeScope; values: StocktakeScopeValues; deadline: string } | string {
  const { say } = sayer(turn);
  const values: StocktakeScopeValues = {
    status: payload.status ?? '',
    source: payload.source ?? '',
    deviceType: payload.deviceType ?? '',
    user: payload.user ?? '',
    deadline: payload.deadline ?? '',
  };
  const { query, problems } = parseDeviceQuery({
    status: values.status || undefined,
    source: values.source || undefined,
    user: values.user || undefined,
  });
  if (problems.length > 0) return say(problems[0].key, problems[0].params);
  if (!values.deadline) return say('card.stocktake.deadlineRequired');
  const scope = values.deviceType ? { query, deviceType: values.deviceType } : { query };
  return { scope, values, deadline: values.deadline };
}

/** Preview: the dry run, nothing written or sent. */
export const stocktakePreviewAction = actionRoute({
  verb: VERBS.stocktakePreview,
  schema: STOCKTAKE_SCOPE,
  role: 'admin',
  unavailable,
  async handle(turn, payload, deps) {
    const checked = scopeOf(turn, payload);
    if (typeof checked === 'string') return checked;
    const { scope, values, deadline } = checked;
    const planned = await refusalOr(turn, () =>
      service(deps).plan({ scope, deadline, by: actor(turn).by }),
    );
    if (!planned.ok) return planned.reply;
    const data = stocktakePreviewCardData(planned.value, scope, values, sayer(turn).locale);
    return renderCard('stocktake-preview', data);
  },
});

/**
 * Start: the stocktake is written, the preview becomes its progress card, and the ask cards go
 * out in the background (the card then says how many were sent).
 */
export const stocktakeStartAction = actionRoute({
  verb: VERBS.stocktakeStart,
  schema: STOCKTAKE_SCOPE,
  role: 'admin',
  unavailable,
  async handle(turn, payload, deps) {
    const checked = scopeOf(turn, payload);
    if (typeof checked === 'string') return checked;
    const { scope, deadline } = checked;
    const started = await refusalOr(turn, () =>
      service(deps).start({ scope, deadline, by: actor(turn).by }),
    );
    if (!started.ok) return started.reply;
    const id = started.value.stocktake._id;
    const reply = await postProgress(turn, deps, id, turn.replyToId);
    const cards = deps.stocktakeCards;
    if (cards)
      void cards
        .sendAsks()
        .then((sent) => cards.updateProgress(id, sent))
        .catch((e: unknown) =>
          deps.log.error({ err: e, stocktakeId: id }, 'stocktake asks failed'),
        );
    return reply ?? sayer(turn).say('stocktake.bot.progressSummary', { id });
  },
});

/**
 * The progress card where the admin is: it replaces the message `replaceId` (the preview the
 * start was pressed on; the card is then the press's answer) or is posted as a new message, and
 * is remembered as the card to update after each answer.
 */
async function postProgress(
  turn: BotTurn,
  deps: BotDeps,
  id: string,
  replaceId?: string,
): Promise<Reply | undefined> {
  const { locale } = sayer(turn);
  const card = renderCard(
    'stocktake-progress',
    stocktakeProgressCardData(await service(deps).status(id), locale),
  );
  const activityId = replaceId ?? (await turn.send(card));
  if (activityId) {
    await remember(turn, deps);
    await service(deps).setProgressCard(id, {
      conversationId: turn.conversation.id,
      activityId,
      locale,
    });
  }
  return replaceId ? card : undefined;
}

export const stocktakeCancelAction = actionRoute({
  verb: VERBS.stocktakeCancel,
  schema: NO_DATA,
  role: 'admin',
  unavailable,
  handle: async (turn) => sayer(turn).say('card.stocktake.cancelled'),
});

/** Close (admins): answers are refused from then on; the card shows the final counts. */
export const stocktakeCloseAction = actionRoute({
  verb: VERBS.stocktakeClose,
  schema: STOCKTAKE_REF,
  role: 'admin',
  unavailable,
  async handle(turn, payload, deps) {
    const closed = await refusalOr(turn, () =>
      service(deps).close(actor(turn).by, payload.stocktakeId),
    );
    if (!closed.ok) return closed.reply;
    const ref = closed.value.stocktake.progressCard;
    // The progress card elsewhere (pressed on an older copy): that one shows the close too.
    if (ref && ref.activityId !== turn.replyToId)
      void deps.stocktakeCards?.updateProgress(payload.stocktakeId);
    return renderCard(
      'stocktake-progress',
      stocktakeProgressCardData(closed.value, sayer(turn).locale),
    );
  },
});

/** The report (admins): every device with its answer, CSV for Excel (BOM, Japanese headers). */
export const stocktakeCsvAction = actionRoute({
  verb: VERBS.stocktakeCsv,
  schema: STOCKTAKE_REF,
  role: 'admin',
  unavailable,
  async handle(turn, payload, deps) {
    const { say, locale } = sayer(turn);
    const found = await refusalOr(turn, () => service(deps).items(payload.stocktakeId));
    if (!found.ok) return found.reply;
    const body = toCsv(REPORT_HEADERS, reportRows(found.value.items, locale), { excel: true });
    const url = await deps.downloads.offer({
      filename: `${payload.stocktakeId}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body,
      createdBy: actor(turn).by,
    });
    return say('bot.download', { url });
  },
});
