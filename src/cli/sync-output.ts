import type { SyncResult } from '../sync/sync-service';
import type { CliContext } from './context';

/** The summary line of a run (and, for a dry run, the preview), or the whole result as JSON. */
export function printSyncResult(ctx: CliContext, result: SyncResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${ctx.say('sync.summary', { status: result.status, ...result.counts })}\n`);
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
  const lines: string[] = [];
  for (const l of p.links) lines.push(`link     ${l.assetNumber} ← ${l.mdmDeviceId}`);
  for (const r of p.relinks ?? [])
    lines.push(
      `relink   ${r.assetNumber} ← ${r.newMdmId} (re-enrolled; was ${r.oldMdmId}) ${r.deviceName ?? ''} ${r.serialNumber ?? ''}`.trimEnd(),
    );
  for (const r of p.reenrolments ?? [])
    lines.push(
      `reenrol  ${r.newMdm.deviceId} ${r.newMdm.deviceName ?? ''} waits: looks like ${r.assetNumber ?? r.oldMdm.deviceId} enrolled again; ${r.oldMdm.deviceId} is still listed (${r.matchKey}=${r.keyText ?? r.keyValue})`,
    );
  for (const c of p.creates)
    lines.push(
      `create   ${c.assetNumber}${c.sysNumber ? ' (SYS)' : ''} ← ${c.mdmDeviceId} ${c.deviceName ?? ''} ${c.serialNumber ?? ''}`.trimEnd(),
    );
  for (const c of p.conflicts)
    lines.push(`conflict ${c.wanted} is taken by ${c.takenBy}: ${c.mdmDeviceId} gets a SYS number`);
  for (const d of p.duplicates)
    lines.push(
      `duplicate ${d.matchKey}=${d.keyText ?? d.keyValue}: MDM ${d.mdmDevices.map((m) => m.deviceId).join(', ')}; ledger ${d.assetNumbers.join(', ')}`,
    );
  for (const m of p.missing) lines.push(`missing  ${m.assetNumber} (${m.mdmDeviceId})`);
  for (const ch of p.changes)
    lines.push(
      `change   ${ch.assetNumber} ${ch.field}: ${show(ch.old)} → ${show(ch.new)} [${ch.rule}]`,
    );
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '-';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}
