import { t, type Locale } from '../i18n/messages';
import { DEADLINE_CLOSER } from '../stocktake/answer-rules';
import { tokyoDateTime } from '../stocktake/deadline';
import type { StocktakeStatus } from '../stocktake/stocktake-service';
import { actorLabel, bounded, clip, count, type Fact } from './format';

/** Departments and devices to look at shown on the card; the rest are counted (and in the CSV). */
export const PROGRESS_DEPARTMENTS_MAX = 10;
export const PROGRESS_ATTENTION_MAX = 10;
/** Serial proposals shown with their accept button (the rest: daicho stocktake proposals). */
export const PROGRESS_PROPOSALS_MAX = 5;

export interface StocktakeProgressCardData {
  title: string;
  subtitle: string;
  /** How the ask cards went, right after the start; '' later. */
  sent: string;
  facts: Fact[];
  departmentsHeader: string;
  departments: { text: string }[];
  departmentsMore: string;
  attentionHeader: string;
  attention: { text: string }[];
  attentionMore: string;
  proposalsHeader: string;
  proposals: { text: string; assetNumber: string }[];
  proposalsMore: string;
  stocktakeId: string;
  open: boolean;
  labels: { close: string; report: string; acceptSerial: string };
}

/**
 * The admin's progress card: answered / not yet / problems / cannot be asked, per department
 * where known, and the devices to look at; updated in place after each answer. Close (while
 * open) and the report CSV.
 */
export function stocktakeProgressCardData(
  s: StocktakeStatus,
  locale: Locale,
  sent?: { sent: number; failed: number },
): StocktakeProgressCardData {
  const { stocktake, counts } = s;
  const open = stocktake.status === 'open';
  const departments = bounded(
    // One department alone says nothing the totals do not.
    s.departments.length > 1 ? s.departments : [],
    PROGRESS_DEPARTMENTS_MAX,
    locale,
  );
  const attention = bounded(s.attention, PROGRESS_ATTENTION_MAX, locale);
  return {
    title: t(locale, 'card.stocktake.progress.title', { id: stocktake._id }),
    subtitle: subtitle(stocktake, locale),
    sent: sent ? t(locale, 'card.stocktake.progress.sent', sent) : '',
    facts: [
      { title: t(locale, 'card.stocktake.count.total'), value: count(counts.total, locale) },
      { title: t(locale, 'card.stocktake.count.answered'), value: count(counts.answered, locale) },
      { title: t(locale, 'card.stocktake.count.pending'), value: count(counts.pending, locale) },
      { title: t(locale, 'card.stocktake.count.problems'), value: count(counts.problems, locale) },
      {
        title: t(locale, 'card.stocktake.unreachable'),
        value: count(counts.unreachable, locale),
      },
    ],
    departmentsHeader: departments.shown.length > 0 ? t(locale, 'card.stocktake.departments') : '',
    departments: departments.shown.map((d) => ({
      text: t(locale, 'card.stocktake.departmentLine', {
        department: d.department
          ? clip(d.department, 60)
          : t(locale, 'card.stocktake.noDepartment'),
        answered: d.answered,
        total: d.total,
        problems: d.problems,
      }),
    })),
    departmentsMore: departments.more,
    attentionHeader: attention.shown.length > 0 ? t(locale, 'card.stocktake.attention') : '',
    attention: attention.shown.map((a) => ({
      text: t(locale, 'card.stocktake.attentionLine', {
        assetNumber: clip(a.assetNumber, 40),
        user: a.user ? clip(a.user, 40) : t(locale, 'card.none'),
        what: attentionWhat(a, locale),
      }),
    })),
    attentionMore: attention.more,
    ...proposalsOf(s, locale),
    stocktakeId: stocktake._id,
    open,
    labels: {
      close: t(locale, 'card.stocktake.close'),
      report: t(locale, 'card.stocktake.report'),
      acceptSerial: t(locale, 'card.alert.stocktake.acceptSerial'),
    },
  };
}

function subtitle(s: StocktakeStatus['stocktake'], locale: Locale): string {
  if (s.status === 'open')
    return t(locale, 'card.stocktake.progress.open', { deadline: s.deadlineDay });
  const at = s.closedAt ? tokyoDateTime(s.closedAt) : '-';
  if (s.closedBy === DEADLINE_CLOSER)
    return t(locale, 'card.stocktake.progress.closedByDeadline', { at, deadline: s.deadlineDay });
  return t(locale, 'card.stocktake.progress.closed', {
    at,
    by: actorLabel(s.closedBy ?? '-', locale),
  });
}

function attentionWhat(a: StocktakeStatus['attention'][number], locale: Locale): string {
  if (a.reason) return t(locale, `stocktake.reason.${a.reason}`, { user: clip(a.user ?? '', 40) });
  if (a.state === 'changedHands') return t(locale, 'stocktake.state.changedHands');
  const result = t(locale, `stocktake.result.${a.result ?? 'none'}`);
  return a.note ? `${result} — ${clip(a.note, 60)}` : result;
}

/** The serial numbers users proposed, each with its accept button (admins, on the card). */
function proposalsOf(s: StocktakeStatus, locale: Locale) {
  const shown = bounded(s.proposals, PROGRESS_PROPOSALS_MAX, locale);
  return {
    proposalsHeader: shown.shown.length > 0 ? t(locale, 'card.stocktake.proposals') : '',
    proposals: shown.shown.map((p) => ({
      assetNumber: p.assetNumber,
      text: t(locale, 'card.stocktake.proposalLine', {
        assetNumber: clip(p.assetNumber, 40),
        current: p.current ? clip(p.current, 40) : t(locale, 'card.none'),
        proposed: clip(p.proposed, 40),
      }),
    })),
    proposalsMore: shown.more,
  };
}
