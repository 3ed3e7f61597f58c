import { z } from 'zod';
import { isDaichoError } from '../../errors';
import { parseDeviceInput } from '../../ledger/device-input';
import type { BotDeps } from '../bot-deps';
import { alertCardData } from '../../cards/alert';
import { ledgerViewOf, withLedgerView } from '../../cards/alert-ledger';
import { renderCard } from '../../cards/render';
import { sayer } from '../locale';
import { VERBS, type Verb } from '../../cards/verbs';
import { actionRoute } from '../routes';
import { actor, type BotTurn } from '../turn';

const alertId = z.string().min(1).max(1000);

/*
 * The buttons of an alert card: keep as is, merge (the ledger originals into the linked device,
 * seed 000's FAQ), rename (a SYS device's asset number). The card is answered with itself,
 * updated: who did what, no more buttons.
 */
export const alertKeepAction = actionRoute({
  verb: VERBS.alertKeep,
  schema: z.object({ alertId }).passthrough(),
  role: 'admin',
  async handle(context, payload, deps) {
    // Resolved already (a stale card, another admin's merge): refused in the same update that
    // resolves, so who resolved it and how are kept.
    return resolved(context, deps, payload.alertId, VERBS.alertKeep);
  },
});

export const alertMergeAction = actionRoute({
  verb: VERBS.alertMerge,
  schema: z.object({ alertId, keep: z.string().min(1).max(128) }).passthrough(),
  role: 'admin',
  async handle(context, payload, deps) {
    const { say } = sayer(context);
    const alert = await deps.alerts.findOf(payload.alertId, 'duplicate');
    if (!alert || alert.status === 'resolved') return say('bot.badPayload');
    const finding = alert.payload;
    if (finding.side !== 'ledger' || !finding.assetNumbers.includes(payload.keep))
      return say('bot.mergeMdmSide');
    const [viewed] = await withLedgerView(deps.deviceReads, [alert]);
    const view = ledgerViewOf(viewed)!;
    if (!view.present.includes(payload.keep)) return say('bot.badPayload');
    // Devices deleted meanwhile are skipped. A synced one (refused) goes first, so a refused
    // merge leaves the ledger as it was.
    const others = view.present.filter((a) => a !== payload.keep);
    const deletableLast = (a: string) => (view.deletable.includes(a) ? 1 : 0);
    try {
      for (const other of others.sort((a, b) => deletableLast(a) - deletableLast(b))) {
        await deps.ledger.mergeInto(other, payload.keep, actor(context));
      }
    } catch (e) {
      if (isDaichoError(e)) return say(e.messageKey, e.params);
      throw e;
    }
    return resolved(context, deps, alert._id, VERBS.alertMerge);
  },
});

export const alertRenameAction = actionRoute({
  verb: VERBS.alertRename,
  schema: z
    .object({
      alertId,
      assetNumber: z.string().min(1).max(64),
      newAssetNumber: z.string().max(200),
    })
    .passthrough(),
  role: 'admin',
  async handle(context, payload, deps) {
    const { say } = sayer(context);
    const alert = await deps.alerts.findOf(payload.alertId, 'asset-number-conflict');
    if (
      !alert ||
      alert.payload.assignedAssetNumber !== payload.assetNumber ||
      alert.status === 'resolved'
    )
      return say('bot.badPayload');
    const { value, problems } = parseDeviceInput({ assetNumber: payload.newAssetNumber });
    if (problems.length > 0 || !value.assetNumber) return say('edit.assetNumberEmpty');
    try {
      await deps.ledger.edit(
        payload.assetNumber,
        { assetNumber: value.assetNumber },
        actor(context),
        'rename',
      );
    } catch (e) {
      // A number already in use: say so on the card's answer, leave the alert open.
      if (isDaichoError(e)) return say(e.messageKey, e.params);
      throw e;
    }
    return resolved(context, deps, alert._id, VERBS.alertRename);
  },
});

/** Resolves the alert as pressed and answers with its card, updated in every alert channel. */
export async function resolved(context: BotTurn, deps: BotDeps, alertId: string, verb: Verb) {
  const resolution = { by: context.user.name ?? actor(context).by, verb, at: new Date() };
  // Only one press resolves it: two admins at the same moment must not overwrite who did it.
  const alert = await deps.alerts.resolve(alertId, resolution);
  if (!alert) return sayer(context).say('bot.badPayload');
  // The card shows what the ledger holds now (the device each MDM record became, raw serials).
  const [done = alert] = await withLedgerView(deps.deviceReads, [alert]).catch(() => [alert]);
  // The same card in every other alert channel shows it too; a failure there is only logged.
  void deps.alertCards
    ?.updateAlertCards(alert._id, (locale) =>
      renderCard('alert', alertCardData(done, locale, { resolution })),
    )
    .catch((e: unknown) =>
      deps.log.warn({ err: e, alertId: alert._id }, 'could not update the alert cards'),
    );
  return renderCard('alert', alertCardData(done, sayer(context).locale, { resolution }));
}
