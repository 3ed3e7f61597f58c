import { t, type Locale } from '../i18n/messages';
import {
  selfTestText,
  type IntuneSelfTestResult,
  type JamfSelfTestResult,
} from '../troubleshooting/self-test';
import { clip, type Fact } from './format';
import type { CheckView } from './troubleshoot';

export type SelfTestResultView = IntuneSelfTestResult | JamfSelfTestResult;

/** Fact labels in the order an admin reads them; values the test did not find are left out. */
const FACT_KEYS = [
  'tenantId',
  'tokenTenantId',
  'appId',
  'roles',
  'deviceCountSample',
  'url',
  'clientId',
  'computerCount',
  'mobileDeviceCount',
  'missingPrivileges',
  'status',
  'aadCode',
  'requestId',
  'retryAfterSeconds',
] as const;

/** The outcome in words, per provider: each provider has its own list of outcomes. */
function verdictText(result: SelfTestResultView, locale: Locale): string {
  return result.provider === 'intune'
    ? t(locale, `troubleshoot.outcome.intune.${result.outcome}`)
    : t(locale, `troubleshoot.outcome.jamf.${result.outcome}`);
}

/** The self-test's finding as the card shows it: a verdict, the facts, the technical detail. */
export function checkView(result: SelfTestResultView, locale: Locale): CheckView {
  const facts: Fact[] = [];
  const found = result.facts as Record<string, unknown>;
  for (const key of FACT_KEYS) {
    const value = found[key];
    if (value === undefined || value === null) continue;
    const shown = Array.isArray(value)
      ? value.length > 0
        ? value.join(', ')
        : t(locale, 'card.none')
      : String(value);
    facts.push({ title: t(locale, `troubleshoot.fact.${key}`), value: clip(shown, 300) });
  }
  facts.push({
    title: t(locale, 'troubleshoot.fact.duration'),
    value: `${(result.durationMs / 1000).toFixed(1)} s`,
  });
  return {
    title: t(locale, 'troubleshoot.checkTitle', {
      verdict: verdictText(result, locale),
    }),
    text: clip(selfTestText(result, locale), 500),
    ok: result.outcome === 'ok',
    facts,
  };
}
