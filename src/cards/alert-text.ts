import type { AlertDoc, AlertDocOf } from '../alerts';
import { t, type Locale } from '../i18n/messages';
import { clip, count, providerName } from './format';
import { ledgerViewOf } from './alert-ledger';
import { mdmAssetNumbers } from './alert-records';
import { keyLabel, nameList } from './sync-counts';

/** The alert's sentence, also the line of the digest. */
export function alertText(alert: AlertDoc, locale: Locale): string {
  const provider = alert.provider ? providerName(alert.provider) : '';
  switch (alert.type) {
    case 'duplicate':
      return duplicateText(alert, locale);
    case 'asset-number-conflict': {
      const c = alert.payload;
      return t(locale, 'card.alert.conflict', {
        device: clip(c.deviceName ?? c.mdmDeviceId, 60),
        wanted: clip(c.wanted, 60),
        assigned: clip(c.assignedAssetNumber, 60),
      });
    }
    case 'missing-from-mdm': {
      const m = alert.payload;
      const device = clip(m.deviceName ?? m.mdmDeviceId, 60);
      return t(locale, 'card.alert.missing', {
        assetNumber: clip(m.assetNumber),
        device,
        provider,
      });
    }
    case 'reenrolment': {
      const r = alert.payload;
      const oldDevice = clip(r.oldMdm.deviceName ?? r.oldMdm.deviceId, 60);
      return t(locale, 'card.alert.reenrolment', {
        newDevice: clip(r.newMdm.deviceName ?? r.newMdm.deviceId, 60),
        oldDevice,
        assetNumber: r.assetNumber ? clip(r.assetNumber) : oldDevice,
        provider,
        key: keyLabel(r.matchKey, locale),
        value: clip(r.keyText ?? r.keyValue, 60),
      });
    }
    case 'sync-failed':
      return t(locale, 'card.alert.failed');
    case 'sync-partial':
      return t(locale, 'card.alert.partial', { count: runErrors(alert).length });
    case 'run-held': {
      const h = alert.payload;
      return t(locale, 'card.syncSummary.held', {
        changes: count(h.changes, locale),
        syncedBefore: count(h.syncedBefore, locale),
        percent: h.percent,
      });
    }
    case 'stocktake-answer': {
      const s = alert.payload;
      return t(locale, `card.alert.stocktake.${s.result}`, {
        assetNumber: clip(s.assetNumber),
        user: clip(s.user ?? '-', 60),
        id: s.stocktakeId,
        note: clip(s.note ?? '-', 200),
      });
    }
  }
}

function duplicateText(alert: AlertDocOf<'duplicate'>, locale: Locale): string {
  const d = alert.payload;
  const view = ledgerViewOf(alert);
  // Shown as the MDM or an admin wrote it; the folded form is for matching only.
  const value = clip(view?.keyText ?? d.keyText ?? d.keyValue, 60);
  const params = { key: keyLabel(d.matchKey, locale), value };
  if (d.side === 'mdm') {
    // Each MDM device became a ledger device of its own (seed 000): name them all.
    const became = mdmAssetNumbers(d, view);
    return t(locale, 'card.alert.dupMdm', {
      ...params,
      count: count(d.mdmDevices.length, locale),
      assets: nameList(became, locale) || t(locale, 'card.none'),
    });
  }
  const assets = nameList(d.assetNumbers, locale) || t(locale, 'card.none');
  return t(locale, 'card.alert.dupLedger', {
    ...params,
    count: count(d.assetNumbers.length, locale),
    assets,
  });
}

/** The errors of a failed or partial run (none for other alerts). */
export function runErrors(alert: AlertDoc): string[] {
  if (alert.type !== 'sync-failed' && alert.type !== 'sync-partial') return [];
  // Stored documents are read as they are: a malformed list shows no lines rather than throw.
  const errors: unknown = alert.payload.errors;
  return Array.isArray(errors) ? errors.map(String) : [];
}
