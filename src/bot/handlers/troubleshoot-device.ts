import type { Locale } from '../../i18n/messages';
import { t } from '../../i18n/messages';
import type { BotDeps } from '../bot-deps';
import {
  DEFAULT_TIME_ZONE,
  fieldLabel,
  formatDateTime,
  show,
  sourceLabel,
  type Fact,
} from '../../cards/format';

/**
 * The ledger's view of the device a guide is about, shown at the top of every step (seed 002:
 * the Intune management agent and registration state say at once whether co-management is in
 * play). A device that is gone meanwhile is shown as not found rather than failing the step.
 */
export async function deviceFacts(
  deps: Pick<BotDeps, 'c'>,
  assetNumber: string,
  locale: Locale,
): Promise<Fact[]> {
  const device = await deps.c.devices.findOne({ assetNumber });
  if (!device)
    return [
      {
        title: fieldLabel('assetNumber', locale),
        value: t(locale, 'troubleshoot.deviceNotFound', { assetNumber }),
      },
    ];
  const mdm = device.mdm;
  const intune = mdm?.provider === 'intune';
  return [
    { title: fieldLabel('assetNumber', locale), value: show(device.assetNumber, locale) },
    { title: fieldLabel('source', locale), value: sourceLabel(device.source, locale) },
    { title: fieldLabel('os', locale), value: show(device.os, locale) },
    {
      title: t(locale, 'troubleshoot.fact.managementAgent'),
      value: intune
        ? show(mdm?.managementAgent, locale)
        : t(locale, 'troubleshoot.deviceNotIntune'),
    },
    {
      title: fieldLabel('mdm.registrationState', locale),
      value: show(mdm?.registrationState, locale),
    },
    {
      title: fieldLabel('mdm.lastCheckInAt', locale),
      value: mdm?.lastCheckInAt
        ? formatDateTime(mdm.lastCheckInAt, DEFAULT_TIME_ZONE)
        : show(null, locale),
    },
  ];
}
