import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isDaichoError } from '../../errors';
import { parseDeviceInput } from '../../ledger/device-input';
import type { BotDeps } from '../bot-deps';
import { alertCardData } from '../cards/alert';
import { ledgerViewOf, withLedgerView } from '../cards/alert-ledger';
import { renderCard } from '../cards/render';
import { adminPayload } from '../guard';
import { sayer } from '../locale';
import { VERBS, type Verb } from '../verbs';
import { actor } from './link';

const alertId = z.string().min(1).max(1000);

/**
 * The buttons of an alert card: keep as is, merge (the ledger originals into the linked device,
 * seed 000's FAQ), rename (a SYS device's asset number). The card is answered with itself,
 * updated: who did what, no more buttons.
 */
export function registerAlertActions(app: Application<TurnState>, deps: BotDeps): void {
  app.adaptiveCards.actionExecute(VERBS.alertKeep, async (context, _s, data) => {
    const ok = await adminPayload(context, deps, z.object({ alertId }).passthrough(), data);
    if (!ok.ok) return ok.reply;
    // Resolved already (a stale card, another admin's merge): refused in the same update that
    // resolves, so who resolved it and how are kept.
    return resolved(context, deps, ok.value.alertId, VERBS.alertKeep);
  });

  app.adaptiveCards.actionExecute(VERBS.alertMerge, async (context, _s, data) => {
    const ok = await adminPayload(
      context,
      deps,
      z.object({ alertId, keep: z.string().min(1).max(128) }).passthrough(),
      data,
    );
    if (!ok.ok) return ok.reply;
    const { say } = sayer(context);
    const alert = await deps.alerts.findOf(ok.value.alertId, 'duplicate');
    if (!alert || alert.status === 'resolved') return say('bot.badPayload');
    const finding = alert.payload;
    if (finding.side !== 'ledger' || !finding.assetNumbers.includes(ok.value.keep))
      return say('bot.mergeMdmSide');
    const [viewed] = await withLedgerView(deps.c, [alert]);
    const view = ledgerViewOf(viewed)!;
    if (!view.present.includes(ok.value.keep)) return say('bot.badPayload');
    // Devices deleted meanwhile are skipped. A synced one (refused) goes first, so a refused
    // merge leaves the ledger as it was.
    const others = view.present.filter((a) => a !== ok.value.keep);
    const deletableLast = (a: string) => (view.deletable.includes(a) ? 1 : 0);
    try {
      for (const other of others.sort((a, b) => deletableLast(a) - deletableLast(b))) {
        await deps.ledger.mergeInto(other, ok.value.keep, actor(context));
      }
    } catch (e) {
      if (isDaichoError(e)) return say(e.messageKey, e.params);
      throw e;
    }
    return resolved(context, deps, alert._id, VERBS.alertMerge);
  });

  app.adaptiveCards.actionExecute(VERBS.alertRename, async (context, _s, data) => {
    const schema = z
      .object({
        alertId,
        assetNumber: z.string().min(1).max(64),
        newAssetNumber: z.string().max(200),
      })
      .passthrough();
    const ok = await adminPayload(context, deps, schema, data);
    if (!ok.ok) return ok.reply;
    const { say } = sayer(context);
    const alert = await deps.alerts.findOf(ok.value.alertId, 'asset-number-conflict');
    if (
      !alert ||
      alert.payload.assignedAssetNumber !== ok.value.assetNumber ||
      alert.status === 'resolved'
    )
      return say('bot.badPayload');
    const { value, problems } = parseDeviceInput({ assetNumber: ok.value.newAssetNumber });
    if (problems.length > 0 || !value.assetNumber) return say('edit.assetNumberEmpty');
    try {
      await deps.ledger.edit(
        ok.value.assetNumber,
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
  });
}

async function resolved(context: TurnContext, deps: BotDeps, alertId: string, verb: Verb) {
  const resolution = { by: context.activity.from?.name ?? actor(context).by, verb, at: new Date() };
  // Only one press resolves it: two admins at the same moment must not overwrite who did it.
  const alert = await deps.alerts.resolve(alertId, resolution);
  if (!alert) return sayer(context).say('bot.badPayload');
  // The card shows what the ledger holds now (the device each MDM record became, raw serials).
  const [done = alert] = await withLedgerView(deps.c, [alert]).catch(() => [alert]);
  // The same card in every other alert channel shows it too; a failure there is only logged.
  void deps.alertCards
    ?.updateAlertCards(alert._id, (locale) =>
      renderCard('alert', alertCardData(done, locale, { resolution })),
    )
    .catch((e: unknown) =>
      deps.log.warn({ err: e, alertId: alert._id }, 'could not update the alert cards'),
    );
  return renderCard('alert', alertCardData(done, sayer(context).locale, { resolution })) as never;
}
