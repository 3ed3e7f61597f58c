import { t, type Locale } from '../i18n/messages';
import type { ChecklistCatalog } from '../workflows/checklist';
import { actorNameKey, type WorkflowDoc } from '../workflows/workflow-record';
import {
  actorLabel,
  bounded,
  clip,
  DEFAULT_TIME_ZONE,
  formatDateTime,
  type CardOptions,
} from './format';

/** Rows on the card; the rest is counted ("N more"), oldest first so the stuck ones show. */
export const WORKFLOW_LIST_MAX = 10;

export interface WorkflowListCardData {
  title: string;
  /** '' when there are rows. */
  empty: string;
  rows: { workflowId: string; title: string; detail: string }[];
  more: string;
  labels: { open: string; reload: string };
}

/** `workflows` / `ワークフロー`: the replacements still to finish, each with a button to open it. */
export function workflowListCardData(
  workflows: readonly WorkflowDoc[],
  checklists: ChecklistCatalog,
  locale: Locale,
  options: CardOptions = {},
): WorkflowListCardData {
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const shown = bounded([...workflows], WORKFLOW_LIST_MAX, locale);
  return {
    title: t(locale, 'card.workflows.title'),
    empty: workflows.length === 0 ? t(locale, 'card.workflows.empty') : '',
    rows: shown.shown.map((wf) => {
      const done = wf.steps.filter((s) => s.done).length;
      const by = wf.startedBy;
      const name = wf.actorNames?.[actorNameKey(by)];
      return {
        workflowId: wf._id,
        title: t(locale, 'card.workflow.devices', {
          old: clip(wf.oldDevice, 60),
          new: wf.newDevice ? clip(wf.newDevice, 60) : t(locale, 'card.workflow.noNewDevice'),
        }),
        detail: [
          clip(checklists.get(wf.checklistId)?.title[locale] ?? wf.checklistId, 80),
          t(locale, 'card.workflow.progressValue', { done, total: wf.steps.length }),
          t(locale, `card.workflow.status.${wf.status === 'completing' ? 'completing' : 'open'}`),
          `${actorLabel(by, locale, name ? { [by]: name } : {})} · ${formatDateTime(wf.createdAt, tz)}`,
        ].join(' · '),
      };
    }),
    more: shown.more,
    labels: { open: t(locale, 'card.workflows.open'), reload: t(locale, 'card.workflows.reload') },
  };
}
