import { t, type Locale } from '../i18n/messages';
import { tokyoDateTime } from './deadline';
import type { StocktakeItemDoc, StocktakeResult } from './stocktake-types';

/** How far a stocktake is: every device counted once. */
export interface StocktakeCounts {
  total: number;
  answered: number;
  /** Asked (or to be asked) and not answered yet. */
  pending: number;
  /** Answers other than 手元にある, and devices whose 利用者 changed during the stocktake. */
  problems: number;
  /** On the admin's list: the user could not be asked in Teams. */
  unreachable: number;
}

export interface DepartmentCounts extends StocktakeCounts {
  /** As the people directory has it; null when unknown. */
  department: string | null;
}

function zero(): StocktakeCounts {
  return { total: 0, answered: 0, pending: 0, problems: 0, unreachable: 0 };
}

function add(c: StocktakeCounts, item: StocktakeItemDoc): void {
  c.total++;
  if (item.state === 'answered') c.answered++;
  if (item.state === 'toAsk') c.pending++;
  if (item.state === 'unreachable') c.unreachable++;
  if (item.state === 'changedHands' || (item.answer && item.answer.result !== 'present'))
    c.problems++;
}

/** A device an admin looks at: answered other than 手元にある, changed hands, or not askable. */
export interface AttentionItem {
  assetNumber: string;
  user: string | null;
  state: StocktakeItemDoc['state'];
  result: StocktakeResult | null;
  reason: StocktakeItemDoc['unreachableReason'];
  note: string | null;
}

export function needsAttention(items: StocktakeItemDoc[]): AttentionItem[] {
  return items
    .filter(
      (i) =>
        i.state === 'unreachable' ||
        i.state === 'changedHands' ||
        (i.answer !== null && i.answer.result !== 'present'),
    )
    .map((i) => ({
      assetNumber: i.assetNumber,
      user: i.user,
      state: i.state,
      result: i.answer?.result ?? null,
      reason: i.unreachableReason,
      note: i.answer?.note ?? null,
    }));
}

/** A serial number a user proposed that no admin accepted yet. */
export interface ProposalItem {
  assetNumber: string;
  user: string | null;
  current: string | null;
  proposed: string;
}

export function pendingSerials(items: StocktakeItemDoc[]): ProposalItem[] {
  return items.flatMap((i) =>
    i.proposedSerial && !i.proposedSerial.acceptedAt
      ? [
          {
            assetNumber: i.assetNumber,
            user: i.user,
            current: i.serialNumber,
            proposed: i.proposedSerial.serial,
          },
        ]
      : [],
  );
}

/** The counts of a stocktake's items, overall and per department (known ones first, by name). */
export function countItems(items: StocktakeItemDoc[]): {
  counts: StocktakeCounts;
  departments: DepartmentCounts[];
  attention: AttentionItem[];
  proposals: ProposalItem[];
} {
  const counts = zero();
  const byDepartment = new Map<string | null, DepartmentCounts>();
  for (const item of items) {
    add(counts, item);
    const d = byDepartment.get(item.department) ?? { ...zero(), department: item.department };
    add(d, item);
    byDepartment.set(item.department, d);
  }
  const departments = [...byDepartment.values()].sort((a, b) =>
    a.department === null
      ? 1
      : b.department === null
        ? -1
        : a.department.localeCompare(b.department),
  );
  return {
    counts,
    departments,
    attention: needsAttention(items),
    proposals: pendingSerials(items),
  };
}

/** The report's columns, in Japanese for the accounting team. */
export const REPORT_HEADERS = [
  '棚卸ID',
  '資産番号',
  'シリアル番号',
  '型番',
  '利用者',
  '部署',
  '状態',
  '回答',
  '回答者',
  '回答日時',
  'メモ',
  'シリアル訂正案',
  '備考',
] as const;

export type ReportRow = Record<(typeof REPORT_HEADERS)[number], string>;

/** Every device of the stocktake with its answer, or 未回答 (No answer). */
export function reportRows(items: StocktakeItemDoc[], locale: Locale): ReportRow[] {
  return items.map((item) => {
    const a = item.answer;
    return {
      棚卸ID: item.stocktakeId,
      資産番号: item.assetNumber,
      シリアル番号: item.serialNumber ?? '',
      型番: item.model ?? '',
      利用者: item.user ?? '',
      部署: item.department ?? '',
      状態: t(locale, `stocktake.state.${item.state}`),
      回答: t(locale, `stocktake.result.${a?.result ?? 'none'}`),
      回答者: a?.by ?? '',
      回答日時: a ? tokyoDateTime(a.at) : '',
      メモ: a?.note ?? '',
      シリアル訂正案: item.proposedSerial?.serial ?? '',
      // Why the user could not be asked (the admin's list).
      備考: item.unreachableReason
        ? t(locale, `stocktake.reason.${item.unreachableReason}`, { user: item.user ?? '' })
        : '',
    };
  });
}
