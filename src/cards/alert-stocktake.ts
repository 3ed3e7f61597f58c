import { z } from 'zod';
import type { AlertDoc } from '../alerts';
import { t, type Locale } from '../i18n/messages';
import { clip } from './format';
import { STOCKTAKE_ID } from './stocktake-payloads';

/** What a stocktake alert's card offers: the next steps of its answer, and a serial to accept. */
export interface StocktakeSteps {
  stocktakeId: string;
  markLost: boolean;
  replace: boolean;
  reassign: boolean;
  /** The serial number the user proposed, in a sentence next to its accept button; '' when none. */
  serialText: string;
}

export type StocktakeLabel = 'markLost' | 'replace' | 'reassign' | 'newUser' | 'acceptSerial';

const NONE: StocktakeSteps = {
  stocktakeId: '',
  markLost: false,
  replace: false,
  reassign: false,
  serialText: '',
};

export function stocktakeSteps(alert: AlertDoc, locale: Locale): StocktakeSteps {
  if (alert.type !== 'stocktake-answer') return NONE;
  const p = alert.payload;
  return {
    stocktakeId: p.stocktakeId,
    markLost: p.nextSteps.includes('markLost'),
    replace: p.nextSteps.includes('replace'),
    reassign: p.nextSteps.includes('reassign'),
    serialText: p.proposedSerial
      ? t(locale, 'card.alert.stocktake.serialText', { serial: clip(p.proposedSerial, 100) })
      : '',
  };
}

export function stocktakeLabels(locale: Locale): Record<StocktakeLabel, string> {
  return {
    markLost: t(locale, 'card.alert.stocktake.markLost'),
    replace: t(locale, 'card.alert.stocktake.replace'),
    reassign: t(locale, 'card.alert.stocktake.reassign'),
    newUser: t(locale, 'card.alert.stocktake.newUser'),
    acceptSerial: t(locale, 'card.alert.stocktake.acceptSerial'),
  };
}

/** What the stocktake alert's buttons send back, checked again by src/bot/handlers. */
const ALERT_ID = z.string().min(1).max(1000);
export const STOCKTAKE_ALERT = z.object({ alertId: ALERT_ID }).passthrough();
export const STOCKTAKE_REASSIGN = z
  .object({
    alertId: ALERT_ID,
    newUser: z
      .unknown()
      .transform((v) => (typeof v === 'string' ? v.trim() : ''))
      .catch(''),
  })
  .passthrough();
export const STOCKTAKE_ACCEPT_SERIAL = z
  .object({ stocktakeId: STOCKTAKE_ID, assetNumber: z.string().min(1).max(64) })
  .passthrough();
