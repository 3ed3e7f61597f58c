import type { SyncResult } from '../sync/sync-service';
import { fieldLabel, ruleLabel } from '../cards/format';
import type { MessageKeySuffix } from '../i18n/messages';
import type { CliContext } from './context';
import { formatTable } from './table';

/** The summary line of a run (and, for a dry run, the preview), or the whole result as JSON. */
export function printSyncResult(ctx: CliContext, result: SyncResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const status = ctx.say(`cli.sync.result.${result.status}`);
  process.stdout.write(`${ctx.say('sync.summary', { ...result.counts, status })}\n`);
  const { relinked = 0, reenrolments = 0 } = result.counts;
  // Re-enrolments (seed 000's 2025/12/15 rule) are counted apart from links and updates.
  if (relinked > 0 || reenrolments > 0)
    process.stdout.write(`${ctx.say('sync.relinkSummary', { relinked, reenrolments })}\n`);
  if (result.status === 'held' && result.held) {
    process.stdout.write(
      `${ctx.say('sync.held', { ...result.held, runId: result.runId ?? '' })}\n`,
    );
  }
  const p = result.preview;
  if (!p) return;
  const { say, locale } = ctx;
  const rows: [PreviewKind, string][] = [];
  for (const l of p.links) rows.push(['link', `${l.assetNumber} ← ${l.mdmDeviceId}`]);
  for (const r of p.relinks ?? [])
    rows.push([
      'relink',
      say('cli.preview.relink', {
        assetNumber: r.assetNumber,
        newMdmId: r.newMdmId,
        oldMdmId: r.oldMdmId,
        name: named(r.deviceName, r.serialNumber),
      }).trimEnd(),
    ]);
  for (const r of p.reenrolments ?? [])
    rows.push([
      'reenrol',
      say('cli.preview.reenrol', {
        newMdmId: r.newMdm.deviceId,
        name: r.newMdm.deviceName ?? '',
        assetNumber: r.assetNumber ?? r.oldMdm.deviceId,
        oldMdmId: r.oldMdm.deviceId,
        key: `${r.matchKey}=${r.keyText ?? r.keyValue}`,
      }),
    ]);
  for (const c of p.creates)
    rows.push([
      'create',
      `${c.assetNumber}${c.sysNumber ? ' (SYS)' : ''} ← ${c.mdmDeviceId} ${named(c.deviceName, c.serialNumber)}`.trimEnd(),
    ]);
  for (const c of p.conflicts)
    rows.push([
      'conflict',
      say('cli.preview.conflict', {
        wanted: c.wanted,
        takenBy: c.takenBy,
        mdmDeviceId: c.mdmDeviceId,
      }),
    ]);
  for (const d of p.duplicates)
    rows.push([
      'duplicate',
      say('cli.preview.duplicate', {
        key: `${d.matchKey}=${d.keyText ?? d.keyValue}`,
        mdmIds: d.mdmDevices.map((m) => m.deviceId).join(', '),
        assetNumbers: d.assetNumbers.join(', '),
      }),
    ]);
  for (const m of p.missing) rows.push(['missing', `${m.assetNumber} (${m.mdmDeviceId})`]);
  for (const ch of p.changes)
    rows.push([
      'change',
      `${ch.assetNumber} ${fieldLabel(ch.field, locale)}: ${show(ch.old)} → ${show(ch.new)} [${ruleLabel(ch.rule, locale)}]`,
    ]);
  const lines = formatTable(rows.map(([kind, text]) => [say(`cli.preview.kind.${kind}`), text]));
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

type PreviewKind = MessageKeySuffix<'cli.preview.kind.'>;

const named = (name: string | null | undefined, serial: string | null | undefined) =>
  `${name ?? ''} ${serial ?? ''}`.trim();

function show(v: unknown): string {
  if (v === null || v === undefined) return '-';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
