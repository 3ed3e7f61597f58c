import { ObjectId } from 'mongodb';
import { renderCard } from '../../cards/render';
import { stocktakeAskCardData } from '../../cards/stocktake-ask';
import { STOCKTAKE_ANSWER, answerInputs } from '../../cards/stocktake-payloads';
import { VERBS } from '../../cards/verbs';
import { stocktakeRefusal } from '../../stocktake/answer-rules';
import type { StocktakeIdentity, StocktakeItemDoc } from '../../stocktake/stocktake-types';
import type { BotDeps } from '../bot-deps';
import { sayer } from '../locale';
import { actionRoute } from '../routes';
import { actor, type BotTurn } from '../turn';

/** Who pressed, as the stocktake's rules check it (the asked user, or an admin for anyone). */
async function identityOf(turn: BotTurn, deps: BotDeps): Promise<StocktakeIdentity> {
  return {
    by: actor(turn).by,
    aadObjectId: turn.user.aadObjectId ?? null,
    upn: null,
    admin: await deps.roles.isAdmin(turn),
  };
}

/**
 * The ask card's Send (anyone: the service checks every device against the presser). Each device
 * with an answer chosen is answered; nothing chosen, or every answer refused (an old card, the
 * deadline or close passed, someone else's device, a device that changed hands), is answered
 * with a sentence and the card stays. Otherwise the card shows what was recorded — the inputs
 * keep the answers, so they can be changed until the deadline — and the admin's progress card
 * is updated.
 */
export const stocktakeAnswerAction = actionRoute({
  verb: VERBS.stocktakeAnswer,
  schema: STOCKTAKE_ANSWER,
  role: 'anyone',
  unavailable: (turn, deps) =>
    deps.stocktakes ? undefined : sayer(turn).say('stocktake.bot.unavailable'),
  async handle(turn, payload, deps) {
    const { say, locale } = sayer(turn);
    const stocktakes = deps.stocktakes!;
    const who = await identityOf(turn, deps);
    const chosen = payload.items.flatMap((id) => {
      const input = answerInputs(payload, id);
      return input ? [{ id, input }] : [];
    });
    if (chosen.length === 0) return say('card.stocktake.ask.nothingChosen');
    let recorded = 0;
    // The stocktake of the devices answered (whatever stocktake id the card claimed).
    let stocktakeId = '';
    const refusals = new Set<string>();
    for (const { id, input } of chosen) {
      const outcome = await stocktakes.answer(who, id, input);
      if (outcome.ok) {
        recorded++;
        stocktakeId = outcome.stocktake._id;
      } else refusals.add(say(outcome.refusal.key, outcome.refusal.params));
    }
    if (recorded === 0) return [...refusals].join('\n\n');
    void deps.stocktakeCards?.updateProgress(stocktakeId);
    const { stocktake, items } = await stocktakes.items(
      stocktakeId,
      payload.items.map((id) => new ObjectId(id)),
    );
    const ordered = payload.items
      .map((id) => items.find((i) => i._id.toHexString() === id))
      .filter((i): i is StocktakeItemDoc => i !== undefined);
    const saved = say('card.stocktake.ask.saved', {
      count: recorded,
      deadline: stocktake.deadlineDay,
    });
    const theirs = ordered.find((i) => !isPresser(i, who));
    return renderCard(
      'stocktake-ask',
      stocktakeAskCardData(stocktake, ordered, locale, {
        notice: [saved, ...refusals].join(' '),
        noticeColor: refusals.size > 0 ? 'Attention' : 'Good',
        forUser: theirs ? (theirs.displayName ?? theirs.user ?? undefined) : undefined,
        canAnswer: stocktakeRefusal(stocktake, new Date()) === null,
      }),
    );
  },
});

function isPresser(item: StocktakeItemDoc, who: StocktakeIdentity): boolean {
  return !!item.aadObjectId && item.aadObjectId.toLowerCase() === who.aadObjectId?.toLowerCase();
}
