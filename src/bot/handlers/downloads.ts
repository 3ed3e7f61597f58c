import type { Application, TurnState } from '@microsoft/teams-ai';
import { z } from 'zod';
import { devicesCsv } from '../../csv/devices-csv';
import { toCsv } from '../../csv/table-file';
import { parseDeviceQuery } from '../../ledger/device-query';
import type { BotDeps } from '../bot-deps';
import { adminPayload, refusalOr } from '../guard';
import { sayer } from '../locale';
import { VERBS } from '../verbs';
import { actor, loadPreviewDevices } from './link';

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
    const url = await deps.downloads.offer({
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
    // Every planned link and new device, named as on the card (serials as written, never folded).
    const devices = await loadPreviewDevices(deps, p);
    const rows = [
      ...devices.links.map((l) => ({ action: 'link', ...l })),
      ...devices.relinks.map((l) => ({ action: 'relink', ...l })),
      ...p.creates.map((c) => ({
        action: 'create',
        assetNumber: c.assetNumber,
        mdmDeviceId: c.mdmDeviceId,
        deviceName: c.deviceName,
        serialNumber: c.serialNumber,
        note: c.sysNumber ? 'SYS' : null,
      })),
      ...p.conflicts.map((c) => ({
        action: 'conflict',
        assetNumber: c.wanted,
        mdmDeviceId: c.mdmDeviceId,
        deviceName: c.deviceName,
        note: `taken by ${c.takenBy}`,
      })),
      ...p.duplicates.map((d) => ({
        action: `duplicate-${d.side}`,
        assetNumber: d.assetNumbers.join(' '),
        mdmDeviceId: d.mdmDevices.map((m) => m.deviceId).join(' '),
        note: `${d.matchKey}=${devices.keyText[d.keyValue] ?? d.keyValue}`,
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
      [
        'action',
        'assetNumber',
        'mdmDeviceId',
        'deviceName',
        'serialNumber',
        'field',
        'old',
        'new',
        'rule',
        'note',
      ],
      rows,
    );
    const url = await deps.downloads.offer({
      filename: `link-preview-${provider}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body,
      createdBy: actor(context).by,
    });
    return sayer(context).say('bot.download', { url });
  });
}
