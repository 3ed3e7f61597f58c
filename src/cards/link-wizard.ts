import { t, type Locale } from '../i18n/messages';
import type { MdmProvider } from '../ledger/device';
import type { AssetNumberRule, MatchKey } from '../sync/settings';
import { providerName } from './format';

export interface Choice {
  title: string;
  value: string;
}

/**
 * Step "provider" asks which MDM (inputs `provider`); step "settings" asks the matching key and
 * the asset-number rule (inputs `matchKey`, `assetNumberRule`) in that MDM's own words.
 */
export interface LinkWizardCardData {
  step: 'provider' | 'settings';
  title: string;
  intro: string;
  /** The chosen MDM in step "settings" (also sent in the preview action's data); else "". */
  provider: MdmProvider | '';
  matchKey: MatchKey | '';
  assetNumberRule: AssetNumberRule | '';
  providers: Choice[];
  matchKeys: Choice[];
  assetRules: Choice[];
  labels: {
    provider: string;
    matchKey: string;
    assetRule: string;
    ruleNote: string;
    required: string;
    next: string;
    preview: string;
    cancel: string;
  };
}

/** The MDM's own name for its device UUID: Jamf Pro calls it UDID. */
function uuidName(provider: MdmProvider): string {
  return provider === 'jamf' ? 'UDID' : 'UUID';
}

export function matchKeyLabel(key: MatchKey, provider: MdmProvider, locale: Locale): string {
  return key === 'serial'
    ? t(locale, 'card.link.key.serial')
    : t(locale, 'card.link.key.uuid', { name: uuidName(provider) });
}

export function assetRuleLabel(
  rule: AssetNumberRule,
  provider: MdmProvider,
  locale: Locale,
): string {
  return rule === 'deviceName'
    ? t(locale, 'card.link.rule.deviceName')
    : matchKeyLabel(rule, provider, locale);
}

/** Without a provider: step 1 (choose the MDM). With one: step 2 (its settings). */
export function linkWizardCardData(
  locale: Locale,
  chosen?: { provider: MdmProvider; matchKey?: MatchKey; assetNumberRule?: AssetNumberRule },
): LinkWizardCardData {
  const p = chosen?.provider;
  const keys: MatchKey[] = ['serial', 'uuid'];
  const rules: AssetNumberRule[] = ['deviceName', 'serial', 'uuid'];
  return {
    step: p ? 'settings' : 'provider',
    title: t(locale, 'card.link.title'),
    intro: p
      ? t(locale, 'card.link.settingsIntro', { provider: providerName(p) })
      : t(locale, 'card.link.intro'),
    provider: p ?? '',
    matchKey: chosen?.matchKey ?? 'serial',
    assetNumberRule: chosen?.assetNumberRule ?? '',
    providers: (['intune', 'jamf'] as const).map((v) => ({ title: providerName(v), value: v })),
    matchKeys: p ? keys.map((k) => ({ title: matchKeyLabel(k, p, locale), value: k })) : [],
    assetRules: p ? rules.map((r) => ({ title: assetRuleLabel(r, p, locale), value: r })) : [],
    labels: {
      provider: t(locale, 'card.link.provider'),
      matchKey: t(locale, 'card.link.matchKey'),
      assetRule: t(locale, 'card.link.assetRule'),
      ruleNote: t(locale, 'card.link.ruleNote'),
      required: t(locale, 'card.link.required'),
      next: t(locale, 'card.link.next'),
      preview: t(locale, 'card.link.preview'),
      cancel: t(locale, 'card.cancel'),
    },
  };
}
