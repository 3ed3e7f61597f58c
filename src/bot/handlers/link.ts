import type { Application, TurnState } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { BotDeps } from '../bot-deps';
import type { SyncPreview } from '../../sync/summary';
import {
  linkPreviewCardData,
  previewDevices,
  type PreviewDevices,
  type PreviewLedgerRow,
} from '../../cards/link-preview';
import { linkWizardCardData } from '../../cards/link-wizard';
import { renderCard } from '../../cards/render';
import { syncSummaryCardData } from '../../cards/sync-summary';
import { command, COMMANDS } from '../commands';
import { adminPayload, refusalOr } from '../guard';
import { sayer } from '../locale';
import { sendCard } from '../reply';
import { VERBS } from '../../cards/verbs';

const provider = z.enum(['intune', 'jamf']);
const settings = z.object({
  provider,
  matchKey: z.enum(['serial', 'uuid']),
  assetNumberRule: z.enum(['uuid', 'deviceName', 'serial']),
});

/** The link wizard: choose the MDM → its settings → the dry-run preview → confirm or cancel. */
export function registerLink(app: Application<TurnState>, deps: BotDeps): void {
  const start = async (context: TurnContext) => {
    const ok = await adminPayload(context, deps, z.object({}).passthrough(), {});
    if (!ok.ok) return ok.reply;
    return renderCard('link-wizard', linkWizardCardData(sayer(context).locale)) as never;
  };
  app.message(command(COMMANDS.link), async (context) => {
    const ok = await adminPayload(context, deps, z.object({}).passthrough(), {});
    if (!ok.ok) return void (await context.sendActivity(ok.reply));
    await sendCard(context, 'link-wizard', linkWizardCardData(sayer(context).locale));
  });
  app.adaptiveCards.actionExecute(VERBS.linkStart, start);
  app.adaptiveCards.actionExecute(VERBS.linkChooseProvider, async (context, _s, data) => {
    const ok = await adminPayload(context, deps, z.object({ provider }).passthrough(), data);
    if (!ok.ok) return ok.reply;
    return renderCard(
      'link-wizard',
      linkWizardCardData(sayer(context).locale, { provider: ok.value.provider }),
    ) as never;
  });
  app.adaptiveCards.actionExecute(VERBS.linkPreview, async (context, _s, data) => {
    // zod strips whatever else the card sent: what is linked is exactly the three settings.
    const ok = await adminPayload(context, deps, settings, data);
    if (!ok.ok) return ok.reply;
    const chosen = ok.value;
    const result = await refusalOr(context, () =>
      deps.links.link(chosen, { dryRun: true, actor: actor(context) }),
    );
    if (!result.ok) return result.reply;
    const devices = await loadPreviewDevices(deps, result.value.preview);
    return renderCard(
      'link-preview',
      linkPreviewCardData(chosen, result.value, sayer(context).locale, devices),
    ) as never;
  });
  app.adaptiveCards.actionExecute(VERBS.linkConfirm, async (context, _s, data) => {
    // zod strips whatever else the card sent: what is linked is exactly the three settings.
    const ok = await adminPayload(context, deps, settings, data);
    if (!ok.ok) return ok.reply;
    const chosen = ok.value;
    const result = await refusalOr(context, () =>
      deps.links.link(chosen, { dryRun: false, actor: actor(context) }),
    );
    if (!result.ok) return result.reply;
    return renderCard(
      'sync-summary',
      syncSummaryCardData(result.value, sayer(context).locale),
    ) as never;
  });
  app.adaptiveCards.actionExecute(VERBS.linkCancel, async (context) =>
    sayer(context).say('bot.linkCancelled'),
  );
}

/**
 * The preview's devices named as the admin knows them: the ledger rows of the devices it links
 * and of its duplicates (serial numbers as written), read in slices of 1,000.
 */
export async function loadPreviewDevices(
  deps: Pick<BotDeps, 'c' | 'ledger'>,
  preview: SyncPreview | undefined,
): Promise<PreviewDevices> {
  const assets = new Set<string>();
  const serialKeys = new Set<string>();
  for (const l of preview?.links ?? []) assets.add(l.assetNumber);
  for (const r of preview?.relinks ?? []) assets.add(r.assetNumber);
  for (const d of preview?.duplicates ?? []) {
    d.assetNumbers.forEach((a) => assets.add(a));
    if (d.matchKey === 'serial') serialKeys.add(d.keyValue);
  }
  const rows: PreviewLedgerRow[] = [];
  const projection = { _id: 0, assetNumber: 1, serialNumber: 1, serialKey: 1, uuid: 1 };
  const read = async (filter: object) =>
    rows.push(
      ...((await deps.c.devices.find(filter, { projection }).toArray()) as PreviewLedgerRow[]),
    );
  const a = [...assets];
  for (let i = 0; i < a.length; i += 1000)
    await read({ assetNumber: { $in: a.slice(i, i + 1000) } });
  const k = [...serialKeys];
  for (let i = 0; i < k.length; i += 1000) await read({ serialKey: { $in: k.slice(i, i + 1000) } });
  return previewDevices(preview, rows, deps.ledger.serialKey);
}

/** Who acted, as the field history records it. */
export function actor(context: TurnContext): { by: string } {
  const from = context.activity.from;
  return { by: `teams:${from?.aadObjectId ?? from?.id ?? 'unknown'}` };
}
