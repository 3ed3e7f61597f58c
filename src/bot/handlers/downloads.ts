import { z } from 'zod';
import { LINK_SETTINGS } from '../../cards/payloads';
import { VERBS } from '../../cards/verbs';
import { devicesCsv } from '../../csv/devices-csv';
import { toCsv } from '../../csv/table-file';
import { parseDeviceQuery } from '../../ledger/device-query';
import type { SyncPreview } from '../../sync/summary';
import type { BotDeps } from '../bot-deps';
import { refusalOr } from '../guard';
import { sayer } from '../locale';
import { actionRoute } from '../routes';
import { actor } from '../turn';
import { isRecord } from './devices';
import { loadPreviewDevices } from './link-preview-devices';

/** The CSV buttons: the whole filtered device list, and the whole dry run of a link. */
export const downloadCsvAction = actionRoute({
  verb: VERBS.downloadCsv,
  // The filter is checked like a typed one; anything but an object is no filter.
  schema: z.object({ filter: z.unknown() }).partial().catch({}),
  role: 'anyone',
  async handle(turn, payload, deps) {
    const { say } = sayer(turn);
    const { query, problems } = parseDeviceQuery(isRecord(payload.filter) ? payload.filter : {});
    if (problems.length > 0) return say('bot.badPayload');
    const body = devicesCsv(await deps.ledger.list(query), false);
    const url = await deps.downloads.offer({
      filename: 'devices.csv',
      contentType: 'text/csv; charset=utf-8',
      body,
      createdBy: actor(turn).by,
    });
    return say('bot.download', { url });
  },
});

export const linkPreviewCsvAction = actionRoute({
  verb: VERBS.linkPreviewCsv,
  schema: LINK_SETTINGS.passthrough(),
  role: 'admin',
  async handle(turn, payload, deps) {
    const { provider, matchKey, assetNumberRule } = payload;
    const result = await refusalOr(turn, () =>
      deps.links.link(
        { provider, matchKey, assetNumberRule },
        { dryRun: true, actor: actor(turn) },
      ),
    );
    if (!result.ok) return result.reply;
    const body = await previewCsv(deps, result.value.preview!);
    const url = await deps.downloads.offer({
      filename: `link-preview-${provider}.csv`,
      contentType: 'text/csv; charset=utf-8',
      body,
      createdBy: actor(turn).by,
    });
    return sayer(turn).say('bot.download', { url });
  },
});

/** Every planned link and new device, named as on the card (serials as written, never folded). */
async function previewCsv(deps: BotDeps, p: SyncPreview): Promise<string> {
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
  return toCsv(
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
}
