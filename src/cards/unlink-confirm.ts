import { t, type Locale } from '../i18n/messages';
import type { MdmProvider } from '../ledger/device';
import { count, providerName } from './format';

export interface UnlinkConfirmCardData {
  title: string;
  /** Sent back by confirm, so the handler can check it is still the MDM that is linked. */
  provider: MdmProvider;
  /** Exactly what will happen, one sentence each. */
  points: { text: string }[];
  labels: { confirm: string; cancel: string };
}

/** From the unlink dry run (`LinkService.unlink({ dryRun: true })`). */
export function unlinkConfirmCardData(
  plan: { provider: MdmProvider; devices: number },
  locale: Locale,
): UnlinkConfirmCardData {
  const provider = providerName(plan.provider);
  return {
    title: t(locale, 'card.unlink.title', { provider }),
    provider: plan.provider,
    points: [
      t(locale, 'card.unlink.keep', { devices: count(plan.devices, locale) }),
      t(locale, 'card.unlink.source'),
      t(locale, 'card.unlink.mdmFields'),
      t(locale, 'card.unlink.stop', { provider }),
    ].map((text) => ({ text })),
    labels: { confirm: t(locale, 'card.unlink.confirm'), cancel: t(locale, 'card.cancel') },
  };
}
