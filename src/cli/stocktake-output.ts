import { t, type Locale } from '../i18n/messages';
import type { PlanResult, StocktakeStatus } from '../stocktake/stocktake-service';

/** A dry run or a start as JSON: who is asked about what, who is on the admin's list. */
export function planJson(r: PlanResult, locale: Locale) {
  return {
    deadline: r.deadlineDay,
    devices: r.devices,
    asks: r.plan.asks.map((a) => ({
      upn: a.user.upn,
      user: a.written,
      displayName: a.user.displayName,
      department: a.user.department,
      devices: a.devices.map((d) => ({
        assetNumber: d.assetNumber,
        model: d.model,
        serialNumber: d.serialNumber,
      })),
    })),
    unreachable: r.plan.unreachable.map((u) => ({
      assetNumber: u.device.assetNumber,
      user: u.device.user,
      reason: u.reason,
      reasonText: t(locale, `stocktake.reason.${u.reason}`, { user: u.device.user ?? '' }),
    })),
  };
}

/** The same as lines for a person: the asks, then the admin's list with reasons. */
export function planLines(r: PlanResult, locale: Locale): string[] {
  const json = planJson(r, locale);
  const asked = json.asks.reduce((n, a) => n + a.devices.length, 0);
  const lines: string[] = [];
  if (json.asks.length > 0) {
    lines.push(t(locale, 'stocktake.askHeader', { users: json.asks.length, devices: asked }));
    for (const a of json.asks) {
      const user = a.displayName ? `${a.displayName} <${a.upn}>` : a.upn;
      const assets = a.devices.map((d) => d.assetNumber).join(', ');
      lines.push(t(locale, 'stocktake.askLine', { user, assets }));
    }
  }
  if (json.unreachable.length > 0) {
    lines.push(t(locale, 'stocktake.unreachableHeader', { count: json.unreachable.length }));
    for (const u of json.unreachable)
      lines.push(
        t(locale, 'stocktake.unreachableLine', {
          assetNumber: u.assetNumber,
          reason: u.reasonText,
        }),
      );
  }
  return lines;
}

export function statusJson(s: StocktakeStatus) {
  const { stocktake } = s;
  return {
    id: stocktake._id,
    status: stocktake.status,
    deadline: stocktake.deadlineDay,
    createdBy: stocktake.createdBy,
    createdAt: stocktake.createdAt,
    closedBy: stocktake.closedBy,
    closedAt: stocktake.closedAt,
    counts: s.counts,
    departments: s.departments,
    attention: s.attention,
    proposals: s.proposals,
  };
}

/** The summary line, then a line per department. */
export function statusLines(s: StocktakeStatus, locale: Locale): string[] {
  const { stocktake, counts } = s;
  return [
    t(locale, 'stocktake.summary', {
      id: stocktake._id,
      status: t(locale, `stocktake.status.${stocktake.status}`),
      deadline: stocktake.deadlineDay,
      ...counts,
    }),
    ...s.departments.map((d) =>
      t(locale, 'stocktake.departmentLine', {
        department: d.department ?? t(locale, 'stocktake.noDepartment'),
        answered: d.answered,
        total: d.total,
        problems: d.problems,
      }),
    ),
    ...(s.attention.length > 0
      ? [t(locale, 'stocktake.attentionHeader', { count: s.attention.length })]
      : []),
    ...s.attention.map((a) =>
      t(locale, 'stocktake.attentionLine', {
        assetNumber: a.assetNumber,
        user: a.user ?? '-',
        what: a.reason
          ? t(locale, `stocktake.reason.${a.reason}`, { user: a.user ?? '' })
          : a.result
            ? t(locale, `stocktake.result.${a.result}`)
            : t(locale, `stocktake.state.${a.state}`),
        note: a.note ?? '',
      }).trimEnd(),
    ),
    ...(s.proposals.length > 0
      ? [t(locale, 'stocktake.proposalsWaiting', { count: s.proposals.length })]
      : []),
  ];
}
