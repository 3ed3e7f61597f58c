import { t, type Locale } from '../i18n/messages';
import type { Device } from '../ledger/device';
import type { DeviceQuery } from '../ledger/device-query';
import { clip, count, fieldLabel, show, sourceLabel } from './format';

/** One page is what a card shows comfortably in Teams, on a phone too. */
export const DEVICE_LIST_PAGE_SIZE = 10;

/**
 * What the list is filtered by: the ledger's device query, shared with the CLI. It travels in the
 * prev/next/CSV actions' `data`, so the handler gets back exactly what it sent (check it again
 * with `parseDeviceQuery`: card data comes from the client).
 */
export type DeviceListFilter = DeviceQuery;

export interface DeviceListCardData {
  title: string;
  filterSummary: string;
  filter: DeviceListFilter;
  headers: { assetNumber: string; model: string; user: string; status: string };
  rows: {
    assetNumber: string;
    assetNumberText: string;
    model: string;
    user: string;
    status: string;
  }[];
  pageText: string;
  /** 0 when there is no such page (the button is hidden). */
  prevPage: number;
  nextPage: number;
  labels: { empty: string; prev: string; next: string; csv: string };
}

export interface DeviceListPage {
  /** The devices of this page (more are cut to the page size, so a card stays small). */
  devices: Device[];
  /** How many devices match the filter in all. */
  total: number;
  /** 1-based. */
  page: number;
  filter: DeviceListFilter;
}

export function deviceListCardData(input: DeviceListPage, locale: Locale): DeviceListCardData {
  const pages = Math.max(1, Math.ceil(input.total / DEVICE_LIST_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(input.page) || 1), pages);
  return {
    title: t(locale, 'card.list.title'),
    filterSummary: filterSummary(input.filter, locale),
    filter: input.filter,
    headers: {
      assetNumber: fieldLabel('assetNumber', locale),
      model: fieldLabel('model', locale),
      user: fieldLabel('user', locale),
      status: fieldLabel('status', locale),
    },
    rows: input.devices.slice(0, DEVICE_LIST_PAGE_SIZE).map((d) => ({
      assetNumber: d.assetNumber,
      assetNumberText: clip(d.assetNumber, 40),
      model: show(d.model, locale, 60),
      user: show(d.user, locale, 60),
      status: show(d.status, locale, 40),
    })),
    pageText: t(locale, 'card.list.page', {
      page: count(page, locale),
      pages: count(pages, locale),
      total: count(input.total, locale),
    }),
    prevPage: page > 1 ? page - 1 : 0,
    nextPage: page < pages ? page + 1 : 0,
    labels: {
      empty: t(locale, 'card.list.empty'),
      prev: t(locale, 'card.list.prev'),
      next: t(locale, 'card.list.next'),
      csv: t(locale, 'card.csv'),
    },
  };
}

function filterSummary(filter: DeviceListFilter, locale: Locale): string {
  const parts: string[] = [];
  if (filter.text) parts.push(t(locale, 'card.list.text', { value: clip(filter.text, 60) }));
  if (filter.source)
    parts.push(`${fieldLabel('source', locale)}: ${sourceLabel(filter.source, locale)}`);
  if (filter.status) parts.push(`${fieldLabel('status', locale)}: ${clip(filter.status, 60)}`);
  if (filter.user) parts.push(`${fieldLabel('user', locale)}: ${clip(filter.user, 60)}`);
  if (filter.registrationState)
    parts.push(
      `${fieldLabel('mdm.registrationState', locale)}: ${clip(filter.registrationState, 60)}`,
    );
  if (filter.staleDays !== undefined)
    parts.push(t(locale, 'card.list.stale', { days: count(filter.staleDays, locale) }));
  if (filter.duplicates) parts.push(t(locale, 'card.list.duplicates'));
  if (filter.missingFromMdm) parts.push(fieldLabel('mdm.missingFromMdm', locale));
  return parts.length === 0
    ? t(locale, 'card.list.all')
    : t(locale, 'card.list.filter', { filter: parts.join(locale === 'ja' ? '、' : ', ') });
}
