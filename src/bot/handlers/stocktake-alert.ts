import {
  STOCKTAKE_ACCEPT_SERIAL,
  STOCKTAKE_ALERT,
  STOCKTAKE_REASSIGN,
} from '../../cards/alert-stocktake';
import { VERBS } from '../../cards/verbs';
import { isDaichoError } from '../../errors';
import type { DeviceInput } from '../../ledger/device-input';
import type { BotDeps } from '../bot-deps';
import { sayer } from '../locale';
import { actionRoute } from '../routes';
import { actor, type BotTurn } from '../turn';
import { resolved } from './alerts';

/** The status a device gets when an admin marks it lost from a stocktake alert. */
export const LOST_STATUS = '紛失';
/** The longest 利用者 the reassign input takes (its maxLength on the card). */
const NEW_USER_MAX = 200;

/**
 * The next steps on a stocktake alert (紛失, 自分のではない): mark the device lost, give it a new
 * 利用者 (both through the ledger with history, resolving the alert), accept the user's serial
 * number proposal. Each press re-reads the alert: one already dealt with changes nothing.
 */
async function actOnAlert(
  turn: BotTurn,
  deps: BotDeps,
  alertId: string,
  change: DeviceInput,
  verb: typeof VERBS.stocktakeMarkLost | typeof VERBS.stocktakeReassign,
) {
  const { say } = sayer(turn);
  const alert = await deps.alerts.findOf(alertId, 'stocktake-answer');
  if (!alert) return say('bot.badPayload');
  if (alert.status === 'resolved') return say('stocktake.alert.done');
  try {
    await deps.ledger.edit(alert.payload.assetNumber, change, actor(turn), 'stocktake-alert');
  } catch (e) {
    // The device was deleted meanwhile (or the input refused): said, the alert stays open.
    if (isDaichoError(e)) return say(e.messageKey, e.params);
    throw e;
  }
  return resolved(turn, deps, alert._id, verb);
}

export const stocktakeMarkLostAction = actionRoute({
  verb: VERBS.stocktakeMarkLost,
  schema: STOCKTAKE_ALERT,
  role: 'admin',
  handle: (turn, payload, deps) =>
    actOnAlert(turn, deps, payload.alertId, { status: LOST_STATUS }, VERBS.stocktakeMarkLost),
});

export const stocktakeReassignAction = actionRoute({
  verb: VERBS.stocktakeReassign,
  schema: STOCKTAKE_REASSIGN,
  role: 'admin',
  async handle(turn, payload, deps) {
    if (!payload.newUser) return sayer(turn).say('stocktake.alert.newUserEmpty');
    if (payload.newUser.length > NEW_USER_MAX)
      return sayer(turn).say('stocktake.alert.newUserTooLong', { max: NEW_USER_MAX });
    const change = { user: payload.newUser };
    return actOnAlert(turn, deps, payload.alertId, change, VERBS.stocktakeReassign);
  },
});

export const stocktakeAcceptSerialAction = actionRoute({
  verb: VERBS.stocktakeAcceptSerial,
  schema: STOCKTAKE_ACCEPT_SERIAL,
  role: 'admin',
  unavailable: (turn, deps) =>
    deps.stocktakes ? undefined : sayer(turn).say('stocktake.bot.unavailable'),
  async handle(turn, payload, deps) {
    const { say } = sayer(turn);
    const who = { by: actor(turn).by, admin: true };
    let outcome: Awaited<ReturnType<NonNullable<BotDeps['stocktakes']>['acceptSerialOf']>>;
    try {
      outcome = await deps.stocktakes!.acceptSerialOf(
        who,
        payload.assetNumber,
        payload.stocktakeId,
      );
    } catch (e) {
      // A stocktake id no longer known (an old card, a forged press): said, nothing written.
      if (isDaichoError(e)) return say(e.messageKey, e.params);
      throw e;
    }
    if (!outcome.ok) return say(outcome.refusal.key, outcome.refusal.params);
    const { item } = outcome;
    return say('stocktake.serialAccepted', {
      assetNumber: item.assetNumber,
      serial: item.proposedSerial?.serial ?? '',
      previous: item.serialNumber ?? say('stocktake.serialNone'),
    });
  },
});
