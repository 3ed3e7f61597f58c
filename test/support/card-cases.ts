import { DaichoError } from '../../src/errors';
import type { Locale } from '../../src/i18n/messages';
import { alertCardData } from '../../src/cards/alert';
import { deviceCardData } from '../../src/cards/device';
import { deviceListCardData } from '../../src/cards/device-list';
import { digestCardData } from '../../src/cards/digest';
import { errorCardData } from '../../src/cards/error';
import { helpCardData } from '../../src/cards/help';
import { linkPreviewCardData } from '../../src/cards/link-preview';
import { linkWizardCardData } from '../../src/cards/link-wizard';
import { renderCard, type AdaptiveCard } from '../../src/cards/render';
import { statusCardData } from '../../src/cards/status';
import { syncProgressCardData } from '../../src/cards/sync-progress';
import { syncSummaryCardData } from '../../src/cards/sync-summary';
import { unlinkConfirmCardData } from '../../src/cards/unlink-confirm';
import { VERBS } from '../../src/cards/verbs';
import * as s from './card-samples';
import { provisioningCards } from './provisioning-card-cases';
import { stocktakeCards } from './stocktake-card-cases';
import { troubleshootCards } from './troubleshoot-card-cases';
import { workflowCards } from './workflow-card-cases';

const tz = { timeZone: 'Asia/Tokyo' };
export const LINK_SETTINGS = {
  provider: 'jamf',
  matchKey: 'uuid',
  assetNumberRule: 'deviceName',
} as const;

/** Every card the bot can send: typical data, and the largest a user can produce. */
export function allCards(locale: Locale, name: string): [string, AdaptiveCard][] {
  const big = name.length > 100;
  const devices = Array.from({ length: big ? 10_000 : 37 }, (_, i) => s.ledgerDevice(i, name));
  const list = (page: number, filter = {}) =>
    renderCard(
      'device-list',
      deviceListCardData(
        { devices: devices.slice((page - 1) * 10), total: devices.length, page, filter },
        locale,
      ),
    );
  return [
    ['help (admin)', renderCard('help', helpCardData(locale, { isAdmin: true }))],
    ['help (user)', renderCard('help', helpCardData(locale, { isAdmin: false }))],
    [
      'device synced',
      renderCard(
        'device',
        deviceCardData(s.device({ user: name, model: name }), s.history(12, name), locale, {
          isAdmin: true,
          ...tz,
        }),
      ),
    ],
    [
      'device ledger-only',
      renderCard('device', deviceCardData(s.ledgerDevice(1, name), [], locale, { isAdmin: true })),
    ],
    [
      'device list, page 2 filtered',
      list(2, {
        text: name,
        source: 'ledger',
        status: '利用中',
        user: name,
        registrationState: 'registered',
        staleDays: 30,
        duplicates: true,
        missingFromMdm: true,
      }),
    ],
    ['device list, last page', list(Math.ceil(devices.length / 10))],
    [
      'device list, empty',
      renderCard(
        'device-list',
        deviceListCardData({ devices: [], total: 0, page: 1, filter: { text: name } }, locale),
      ),
    ],
    ['link wizard, provider', renderCard('link-wizard', linkWizardCardData(locale))],
    [
      'link wizard, settings',
      renderCard('link-wizard', linkWizardCardData(locale, { provider: 'jamf' })),
    ],
    [
      'link preview',
      renderCard(
        'link-preview',
        linkPreviewCardData(
          LINK_SETTINGS,
          { counts: s.COUNTS, preview: s.preview(big ? 500 : 3, name) },
          locale,
        ),
      ),
    ],
    [
      'link preview, clean',
      renderCard(
        'link-preview',
        linkPreviewCardData(LINK_SETTINGS, { counts: s.COUNTS, preview: s.preview(0) }, locale),
      ),
    ],
    [
      'unlink confirm',
      renderCard(
        'unlink-confirm',
        unlinkConfirmCardData({ provider: 'intune', devices: 1240 }, locale),
      ),
    ],
    [
      'sync progress, reading',
      renderCard(
        'sync-progress',
        syncProgressCardData(
          { provider: 'intune', phase: 'reading', read: 500, startedAt: new Date() },
          locale,
          tz,
        ),
      ),
    ],
    [
      'sync progress, applying',
      renderCard(
        'sync-progress',
        syncProgressCardData(
          {
            provider: 'jamf',
            phase: 'applying',
            read: 1240,
            counts: s.COUNTS,
            startedAt: new Date(),
          },
          locale,
        ),
      ),
    ],
    ['sync summary', renderCard('sync-summary', syncSummaryCardData(s.syncResult(), locale))],
    [
      'sync summary, held',
      renderCard(
        'sync-summary',
        syncSummaryCardData(
          s.syncResult({
            status: 'held',
            held: { reason: 'safety-limit', changes: 40, syncedBefore: 200, percent: 20 },
          }),
          locale,
        ),
      ),
    ],
    [
      'sync summary, partial',
      renderCard(
        'sync-summary',
        syncSummaryCardData(
          s.syncResult({
            status: 'partial',
            errors: Array.from({ length: big ? 1000 : 2 }, () => name),
          }),
          locale,
        ),
      ),
    ],
    [
      'status, linked',
      renderCard(
        'status',
        statusCardData(
          {
            master: {
              _id: 'master',
              provider: 'intune',
              matchKey: 'serial',
              assetNumberRule: 'deviceName',
              at: new Date(),
              by: `cli:${name}`,
            },
            runs: [
              s.run('held', 5),
              s.run('success', 65),
              s.run('failed', 125),
              ...Array.from({ length: 20 }, (_, i) => s.run('partial', 200 + i)),
            ],
            openAlerts: { duplicate: 3, 'run-held': 1, 'missing-from-mdm': 12 },
          },
          locale,
          { isAdmin: true },
        ),
      ),
    ],
    [
      'status, not linked',
      renderCard(
        'status',
        statusCardData({ master: null, runs: [], openAlerts: {} }, locale, { isAdmin: false }),
      ),
    ],
    ...s
      .alerts(name, big ? 1000 : 3)
      .map((a): [string, AdaptiveCard] => [
        `alert ${a.type}`,
        renderCard('alert', alertCardData(a, locale, tz)),
      ]),
    ...s
      .alerts(name, 3)
      .filter((a) => a.type === 'duplicate')
      .map((a): [string, AdaptiveCard] => [
        `alert ${a.type} (${String(a.payload.side)}), the ledger looked up`,
        renderCard('alert', alertCardData(s.withView(a), locale, tz)),
      ]),
    [
      'alert resolved',
      renderCard(
        'alert',
        alertCardData(s.alerts(name)[0], locale, {
          resolution: { by: 'teams:29:1AbC', verb: VERBS.alertMerge, at: new Date() },
        }),
      ),
    ],
    [
      'digest',
      renderCard(
        'digest',
        digestCardData(Array.from({ length: big ? 2000 : 3 }, () => s.alerts(name)).flat(), locale),
      ),
    ],
    [
      'error, known',
      renderCard(
        'error',
        errorCardData(
          new DaichoError('NOT_FOUND', 'device.notFound', { id: name }),
          locale,
          'c0ffee-1234',
        ),
      ),
    ],
    [
      'error, unexpected',
      renderCard('error', errorCardData(new Error('secret stack'), locale, 'c0ffee-5678')),
    ],
    ...workflowCards(locale, name),
    ...troubleshootCards(locale, name),
    ...provisioningCards(locale, name),
    ...stocktakeCards(locale, name),
  ];
}

export function collect(node: unknown, pick: (o: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => collect(n, pick));
  else if (node && typeof node === 'object') {
    pick(node as Record<string, unknown>);
    Object.values(node).forEach((n) => collect(n, pick));
  }
}

export const verbsOf = (card: unknown) => {
  const verbs: string[] = [];
  collect(card, (o) => o.type === 'Action.Execute' && verbs.push(String(o.verb)));
  return verbs;
};
