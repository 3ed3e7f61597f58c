import { ObjectId } from 'mongodb';
import { t, type Locale } from '../../src/i18n/messages';
import { renderCard, type AdaptiveCard } from '../../src/cards/render';
import { stocktakeAskCardData } from '../../src/cards/stocktake-ask';
import { stocktakeProgressCardData } from '../../src/cards/stocktake-progress';
import { stocktakePreviewCardData, stocktakeStartCardData } from '../../src/cards/stocktake-start';
import type { PlanResult, StocktakeStatus } from '../../src/stocktake/stocktake-service';
import { DEADLINE_CLOSER } from '../../src/stocktake/answer-rules';
import { countItems } from '../../src/stocktake/status';
import {
  UNREACHABLE_REASONS,
  type StocktakeDoc,
  type StocktakeItemDoc,
} from '../../src/stocktake/stocktake-types';

const AT = new Date('2031-05-20T03:00:00Z');

export const SAMPLE_STOCKTAKE: StocktakeDoc = {
  _id: 'ST-20310520-1',
  scope: { query: {} },
  deadline: new Date('2031-06-03T14:59:59.999Z'),
  deadlineDay: '2031-06-03',
  status: 'open',
  ready: true,
  openSlot: 'open',
  createdBy: 'teams:aad-admin',
  createdAt: AT,
  closedBy: null,
  closedAt: null,
};

/** A stocktake's item: answered (by `i`) or not, every text `name`. */
export function sampleItem(i: number, name: string): StocktakeItemDoc {
  const results = ['present', 'notMine', 'lost', 'broken'] as const;
  const answered = i % 3 !== 0;
  const answer = answered
    ? { result: results[i % 4], note: i % 2 ? name : null, by: 'teams:aad-user', at: AT }
    : null;
  return {
    _id: new ObjectId(i.toString(16).padStart(24, '0')),
    stocktakeId: SAMPLE_STOCKTAKE._id,
    deviceId: new ObjectId(),
    assetNumber: `PC-${String(i).padStart(4, '0')}${name.length > 100 ? name : ''}`,
    user: name,
    upn: 'taro@contoso.co.jp',
    aadObjectId: 'aad-user',
    displayName: name,
    department: i % 5 === 0 ? null : `${name} 部 ${i % 13}`,
    model: name,
    serialNumber: i % 4 === 0 ? null : name,
    state: i % 7 === 0 ? 'unreachable' : answered ? 'answered' : 'toAsk',
    unreachableReason: i % 7 === 0 ? UNREACHABLE_REASONS[i % 4] : null,
    answer,
    answers: answer ? [answer] : [],
    proposedSerial:
      i % 2
        ? { serial: name, by: 'teams:aad-user', at: AT, acceptedBy: null, acceptedAt: null }
        : null,
    askedAt: AT,
    remindedAt: null,
    updatedAt: AT,
  };
}

function plan(n: number, name: string): PlanResult {
  const items = Array.from({ length: n }, (_, i) => sampleItem(i, name));
  const device = (i: StocktakeItemDoc) => ({
    _id: i.deviceId,
    assetNumber: i.assetNumber,
    user: i.user,
    model: i.model,
    serialNumber: i.serialNumber,
  });
  const user = {
    upn: 'taro@contoso.co.jp',
    aadObjectId: 'aad-user',
    displayName: name,
    department: name,
  };
  return {
    plan: {
      asks: [{ user, written: name, devices: items.slice(0, n / 2).map(device) }],
      unreachable: items.slice(n / 2).map((i, k) => ({
        device: device(i),
        reason: UNREACHABLE_REASONS[k % 4],
        user: null,
      })),
    },
    deadline: SAMPLE_STOCKTAKE.deadline,
    deadlineDay: SAMPLE_STOCKTAKE.deadlineDay,
    devices: n,
  };
}

/** `closed`: by an admin (true), by the deadline ('deadline'), or open (false). */
function status(n: number, name: string, closed: boolean | 'deadline' = false): StocktakeStatus {
  const items = Array.from({ length: n }, (_, i) => sampleItem(i, name));
  const closedBy = closed === 'deadline' ? DEADLINE_CLOSER : 'teams:aad-admin';
  const stocktake: StocktakeDoc = closed
    ? { ...SAMPLE_STOCKTAKE, status: 'closed', closedBy, closedAt: AT }
    : SAMPLE_STOCKTAKE;
  return { stocktake, ...countItems(items) };
}

/** The stocktake cards: start, preview, ask (as sent and after an answer), progress. */
export function stocktakeCards(locale: Locale, name: string): [string, AdaptiveCard][] {
  const big = name.length > 100;
  const n = big ? 400 : 12;
  const values = {
    status: name,
    source: 'intune',
    deviceType: name,
    user: name,
    deadline: '2031-06-03',
  };
  const scope = {
    query: { status: name, source: 'intune' as const, user: name },
    deviceType: name,
  };
  const items = Array.from({ length: big ? 30 : 3 }, (_, i) => sampleItem(i + 1, name));
  return [
    ['stocktake start', renderCard('stocktake-start', stocktakeStartCardData(values, locale))],
    [
      'stocktake preview',
      renderCard(
        'stocktake-preview',
        stocktakePreviewCardData(plan(n, name), scope, values, locale),
      ),
    ],
    [
      'stocktake ask, as sent',
      renderCard(
        'stocktake-ask',
        stocktakeAskCardData(
          SAMPLE_STOCKTAKE,
          items.map((i) => ({ ...i, answer: null, proposedSerial: null })),
          locale,
        ),
      ),
    ],
    [
      'stocktake ask, answered by an admin',
      renderCard(
        'stocktake-ask',
        stocktakeAskCardData(SAMPLE_STOCKTAKE, items, locale, {
          notice: name,
          noticeColor: 'Good',
          forUser: name,
        }),
      ),
    ],
    [
      'stocktake progress',
      renderCard(
        'stocktake-progress',
        stocktakeProgressCardData(status(n, name), locale, { sent: n, failed: 1 }),
      ),
    ],
    [
      'stocktake progress, closed',
      renderCard('stocktake-progress', stocktakeProgressCardData(status(n, name, true), locale)),
    ],
    [
      'stocktake progress, closed by the deadline',
      renderCard(
        'stocktake-progress',
        stocktakeProgressCardData(status(n, name, 'deadline'), locale),
      ),
    ],
    [
      'stocktake ask, a reminder',
      renderCard(
        'stocktake-ask',
        stocktakeAskCardData(
          SAMPLE_STOCKTAKE,
          items.map((i) => ({ ...i, answer: null, proposedSerial: null })),
          locale,
          {
            notice: t(locale, 'card.stocktake.ask.reminder', {
              count: items.length,
              deadline: SAMPLE_STOCKTAKE.deadlineDay,
            }),
            noticeColor: 'Attention',
          },
        ),
      ),
    ],
  ];
}
