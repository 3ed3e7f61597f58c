import { t, type Locale } from '../i18n/messages';
import type { PlanResult } from '../stocktake/stocktake-service';
import type { StocktakeScope } from '../stocktake/stocktake-types';
import { bounded, clip, count, fieldLabel, sourceLabel, type Fact } from './format';

/** The devices the preview lists as "cannot be asked"; the rest are counted (and in the CSV). */
export const PREVIEW_UNREACHABLE_MAX = 10;

/** The scope as the start card's inputs hold it, carried by the preview's start button. */
export interface StocktakeScopeValues {
  status: string;
  source: string;
  deviceType: string;
  user: string;
  deadline: string;
}

export interface StocktakeStartCardData {
  title: string;
  intro: string;
  values: StocktakeScopeValues;
  sources: { title: string; value: string }[];
  labels: Record<
    | 'status'
    | 'statusPlaceholder'
    | 'source'
    | 'type'
    | 'typePlaceholder'
    | 'user'
    | 'userPlaceholder'
    | 'deadline'
    | 'deadlineRequired'
    | 'preview',
    string
  >;
}

/** The start card: the device list's filters and the deadline, then a preview button. */
export function stocktakeStartCardData(
  values: StocktakeScopeValues,
  locale: Locale,
): StocktakeStartCardData {
  const say = (key: Parameters<typeof t>[1]) => t(locale, key);
  return {
    title: say('card.stocktake.start.title'),
    intro: say('card.stocktake.start.intro'),
    values,
    sources: [
      { title: say('card.stocktake.allSources'), value: '' },
      ...(['ledger', 'intune', 'jamf'] as const).map((s) => ({
        title: sourceLabel(s, locale),
        value: s,
      })),
    ],
    labels: {
      status: fieldLabel('status', locale),
      statusPlaceholder: say('card.stocktake.statusPlaceholder'),
      source: fieldLabel('source', locale),
      type: fieldLabel('deviceType', locale),
      typePlaceholder: say('card.stocktake.typePlaceholder'),
      user: fieldLabel('user', locale),
      userPlaceholder: say('card.stocktake.userPlaceholder'),
      deadline: say('card.stocktake.deadline'),
      deadlineRequired: say('card.stocktake.deadlineRequired'),
      preview: say('card.stocktake.preview'),
    },
  };
}

export interface StocktakePreviewCardData {
  title: string;
  intro: string;
  facts: Fact[];
  values: StocktakeScopeValues;
  unreachableHeader: string;
  unreachable: { text: string }[];
  more: string;
  labels: { start: string; cancel: string };
}

/** The scope in a line: "All devices", or its filters. */
export function scopeText(scope: StocktakeScope, locale: Locale): string {
  const parts: string[] = [];
  const { query } = scope;
  if (query.status) parts.push(`${fieldLabel('status', locale)}: ${clip(query.status, 60)}`);
  if (query.source)
    parts.push(`${fieldLabel('source', locale)}: ${sourceLabel(query.source, locale)}`);
  if (scope.deviceType)
    parts.push(`${fieldLabel('deviceType', locale)}: ${clip(scope.deviceType, 60)}`);
  if (query.user) parts.push(`${fieldLabel('user', locale)}: ${clip(query.user, 60)}`);
  return parts.length === 0
    ? t(locale, 'card.stocktake.scope.all')
    : parts.join(locale === 'ja' ? '、' : ', ');
}

/** The dry run: how many users and devices are asked, who cannot be, and start / cancel. */
export function stocktakePreviewCardData(
  planned: PlanResult,
  scope: StocktakeScope,
  values: StocktakeScopeValues,
  locale: Locale,
): StocktakePreviewCardData {
  const { asks, unreachable } = planned.plan;
  const asked = asks.reduce((n, a) => n + a.devices.length, 0);
  const listed = bounded(unreachable, PREVIEW_UNREACHABLE_MAX, locale);
  return {
    title: t(locale, 'card.stocktake.preview.title'),
    intro: t(locale, 'card.stocktake.preview.intro'),
    facts: [
      { title: t(locale, 'card.stocktake.scope'), value: scopeText(scope, locale) },
      {
        title: t(locale, 'card.stocktake.deadline'),
        value: t(locale, 'card.stocktake.deadlineValue', { deadline: planned.deadlineDay }),
      },
      { title: t(locale, 'card.stocktake.users'), value: count(asks.length, locale) },
      { title: t(locale, 'card.stocktake.asked'), value: count(asked, locale) },
      { title: t(locale, 'card.stocktake.unreachable'), value: count(unreachable.length, locale) },
    ],
    values: { ...values, deadline: planned.deadlineDay },
    unreachableHeader: unreachable.length > 0 ? t(locale, 'card.stocktake.unreachableHeader') : '',
    unreachable: listed.shown.map((u) => ({
      text: t(locale, 'card.stocktake.unreachableLine', {
        assetNumber: clip(u.device.assetNumber, 40),
        reason: t(locale, `stocktake.reason.${u.reason}`, { user: clip(u.device.user ?? '', 60) }),
      }),
    })),
    more: listed.more,
    labels: { start: t(locale, 'card.stocktake.start'), cancel: t(locale, 'card.cancel') },
  };
}
