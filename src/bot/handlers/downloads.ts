import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { devicesCsv } from '../../csv/devices-csv';
import { toCsv } from '../../csv/table-file';
import { parseDeviceQuery } from '../../ledger/device-query';
import { offerDownload } from '../../http/downloads';
import type { BotDeps } from '../bot-deps';
import { adminPayload, refusalOr } from '../guard';
import { sayer } from '../locale';
import { VERBS } from '../verbs';
import { actor } from './link';

/** The CSV buttons: the whole filtered device list, and the whole dry run of a link. */
export function registerDownloads(app: Application<TurnState>, deps: BotDeps): void {
  app.adaptiveCards.actionExecute(VERBS.downloadCsv, async (context, _s, data) => {
    const { say } = sayer(context);
    const raw = (data ?? {}) as { filter?: unknown };
    const { query, problems } = parseDeviceQuery(
      typeof raw.filter === 'object' && raw.filter !== null
        ? (raw.filter as Record<string, unknown>)
        : {},
    );
    if (problems.length > 0) return say('bot.badPayload');
    const body = devicesCsv(await deps.ledger.list(query), false);
    const url = await offerDownload(deps.c.downloads, deps.config.publicUrl, {
      filename: 'devices.csv',
      contentType: 'text/csv; charset=utf-8',
      body,
      createdBy: actor(context).by,
    });
    return say('bot.download', { url });
  });
  app.adaptiveCards.actionExecute(VERBS.linkPreviewCsv, async (context, _s, data) => {
    const schema = z
      .object({
        provider: z.enum(['intune', 'jamf']),
        matchKey: z.enum(['serial', 'uuid']),
        assetNumberRule: z.enum(['uuid', 'deviceName', 'serial']),
      })
      .passthrough();
    const ok = await adminPayload(context, deps, schema, data);
    if (!ok.ok) return ok.reply;
    const { provider, matchKey, assetNumberRule } = ok.value;
    const result = await refusalOr(context, () =>
      deps.links.link(
        { provider, matchKey, assetNumberRule },
        { dryRun: true, actor: actor(context) },
      ),
    );
    if (!result.ok) return result.reply;
    const p = result.value.preview!;
    const rows = [
      ...p.links.map((l) => ({
        action: 'link',
        assetNumber: l.assetNumber,
        mdmDeviceId: l.mdmDeviceId,
      })),
      ...p.creates.map((c) => ({
        action: 'create',
        assetNumber: c.assetNumber,
        mdmDeviceId: c.mdmDeviceId,
        note: [c.deviceName, c.serialNumber].filter(Boolean).join(' '),
      })),
      ...p.conflicts.map((c) => ({
        action: 'conflict',
        assetNumber: c.wanted,
        mdmDeviceId: c.mdmDeviceId,
        note: `taken by ${c.takenBy}`,
      })),
      ...p.duplicates.map((d) => ({
        action: `duplicate-${d.side}`,
        assetNumber: d.assetNumbers.join(' '),
        mdmDeviceId: d.mdmDevices.map((m) => m.deviceId).join(' '),
        note: `${d.matchKey}=${d.keyValue}`,
      })),
      ...p.changes.map((ch) => ({
        action: 'change',
        assetNumber: ch.assetNumber,
        field: ch.field,
        old: ch.old,
        new: ch.new,
        rule: ch.rule,
      })),
    ];
    const body = toCsv(
      ['action', 'assetNumber', 'mdmDeviceId', 'field', 'old', 'new', 'rule', 'note'],
      rows,
    );
    const url = await offerDownload(deps.c.downloads, deps.config.publicUrl, {
      filename: `link-preview-${provider}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body,
      createdBy: actor(context).by,
    });
    return sayer(context).say('bot.download', { url });
  });
}
