import type { AlertDoc, AlertDocOf, DuplicateLedgerView, DuplicatePayload } from '../alerts';
import type { DeviceIdentity, DeviceReads, IdentityCriteria } from '../ledger/device-reads';

export type { DuplicateLedgerView };

/** The view, where it is kept on an alert for its card (never written back to the outbox). */
export function ledgerViewOf(alert: AlertDoc): DuplicateLedgerView | undefined {
  return alert.type === 'duplicate' ? alert.payload.ledgerView : undefined;
}

/**
 * Copies of the alerts with each duplicate's ledger view attached (one query for them all).
 * Other alerts come back as they are; so do all of them when the ledger cannot be read, the card
 * then falls back on what the finding says.
 */
export async function withLedgerView(
  reads: Pick<DeviceReads, 'identities'>,
  alerts: AlertDoc[],
): Promise<AlertDoc[]> {
  const dups = alerts.filter((a): a is AlertDocOf<'duplicate'> => a.type === 'duplicate');
  if (dups.length === 0) return alerts;
  const criteria: IdentityCriteria = { assetNumbers: [], serialKeys: [], mdmDevices: [] };
  const assets = new Set<string>();
  const serialKeys = new Set<string>();
  for (const a of dups) {
    const d = a.payload;
    for (const n of d.assetNumbers ?? []) assets.add(n);
    if (d.matchKey === 'serial' && d.keyValue) serialKeys.add(d.keyValue);
    const ids = (d.mdmDevices ?? []).map((m) => m.deviceId);
    if (ids.length > 0 && a.provider)
      criteria.mdmDevices.push({ provider: a.provider, deviceIds: ids });
  }
  criteria.assetNumbers = [...assets];
  criteria.serialKeys = [...serialKeys];
  // Nothing to look up: the alerts stay as they are (no view rather than an empty one).
  if (assets.size + serialKeys.size + criteria.mdmDevices.length === 0) return alerts;
  const rows = await reads.identities(criteria);
  return alerts.map((a) =>
    a.type === 'duplicate' ? { ...a, payload: { ...a.payload, ledgerView: viewOf(a, rows) } } : a,
  );
}

function viewOf(alert: AlertDocOf<'duplicate'>, rows: DeviceIdentity[]): DuplicateLedgerView {
  const d = alert.payload;
  const byMdmDevice: Record<string, string> = {};
  const ids = new Set((d.mdmDevices ?? []).map((m) => m.deviceId));
  for (const r of rows)
    if (r.mdm?.provider === alert.provider && ids.has(r.mdm.deviceId))
      byMdmDevice[r.mdm.deviceId] = r.assetNumber;
  const inFinding = rows.filter((r) => (d.assetNumbers ?? []).includes(r.assetNumber));
  return {
    keyText: keyText(d, rows),
    byMdmDevice,
    present: inFinding.map((r) => r.assetNumber),
    deletable: inFinding
      .filter((r) => (r.source === 'ledger' && !r.mdm) || r.mdm?.missingFromMdm === true)
      .map((r) => r.assetNumber),
    takeOver: inFinding
      .filter((r) => r.mdm?.missingFromMdm === true && r.mdm.provider === alert.provider)
      .map((r) => r.assetNumber),
  };
}

/** The finding's key as one of its devices has it written, before folding. */
function keyText(d: DuplicatePayload, rows: DeviceIdentity[]): string | null {
  if (d.matchKey === 'serial')
    return rows.find((r) => r.serialKey === d.keyValue && r.serialNumber)?.serialNumber ?? null;
  const same = (v: unknown) =>
    typeof v === 'string' && v.trim().toLowerCase() === d.keyValue ? v.trim() : null;
  for (const r of rows) {
    const hit = same(r.uuid) ?? same(r.mdm?.uuid);
    if (hit) return hit;
  }
  return null;
}
