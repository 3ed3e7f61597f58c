import { t, type Locale } from '../i18n/messages';
import type { Checklist } from '../workflows/checklist';
import type { WorkflowDoc } from '../workflows/workflow-record';
import { clip } from './format';

/** Per step: its own warning and the checklist's warnings that point at it. */
const STEP_WARNINGS_MAX = 2;
const DETAIL_MAX = 600;
const WARNING_MAX = 800;
/**
 * Characters of details and warnings on one card. The seed's checklists (7 steps) fit whole;
 * a long checklist an admin wrote gets its texts shortened instead of a card Teams refuses.
 */
const STEP_TEXT_BUDGET = 9_000;

export interface WorkflowStepView {
  stepId: string;
  /** ✅ done, ⬜ not yet. */
  mark: string;
  title: string;
  detail: string;
  /** Seed 004's warnings, shown in red next to the step they are about. */
  warnings: { text: string }[];
  /** Who ticked (or unticked) it and when, or "not done". */
  doneText: string;
  toggle: string;
  /** What the toggle sets: the opposite of now. */
  nextDone: boolean;
}

/**
 * The steps as stored in the workflow (the order and the ticks), worded from the checklist.
 * A step the checklist no longer has keeps its id as its title rather than vanishing.
 */
export function workflowSteps(
  wf: WorkflowDoc,
  checklist: Checklist | undefined,
  locale: Locale,
  who: (by: string | null) => string,
  when: (at: Date | null) => string,
  /** How many steps the card shows: they share the text budget. */
  shown: number,
): WorkflowStepView[] {
  // A third of each step's share for the detail, a third for each of its (at most 2) warnings.
  const share = Math.floor(STEP_TEXT_BUDGET / Math.max(1, Math.min(wf.steps.length, shown)) / 3);
  return wf.steps.map((step, i) => {
    const text = checklist?.steps.find((s) => s.id === step.id);
    const warnings = [
      ...(text?.warning ? [text.warning[locale]] : []),
      ...(checklist?.warnings ?? []).filter((w) => w.stepId === step.id).map((w) => w.text[locale]),
    ];
    const optional = step.required ? '' : ` ${t(locale, 'card.workflow.optional')}`;
    return {
      stepId: step.id,
      mark: step.done ? '✅' : '⬜',
      title: `${i + 1}. ${clip(text?.title[locale] ?? step.id, 150)}${optional}`,
      detail: text?.detail ? clip(text.detail[locale], Math.min(DETAIL_MAX, share)) : '',
      warnings: warnings
        .slice(0, STEP_WARNINGS_MAX)
        .map((w) => ({ text: `⚠ ${clip(w, Math.min(WARNING_MAX, share))}` })),
      doneText: doneText(step, locale, who, when),
      toggle: t(locale, step.done ? 'card.workflow.untick' : 'card.workflow.tick'),
      nextDone: !step.done,
    };
  });
}

function doneText(
  step: WorkflowDoc['steps'][number],
  locale: Locale,
  who: (by: string | null) => string,
  when: (at: Date | null) => string,
): string {
  if (!step.by) return t(locale, 'card.workflow.notDone');
  const params = { by: who(step.by), when: when(step.at) };
  return t(locale, step.done ? 'card.workflow.doneBy' : 'card.workflow.undoneBy', params);
}
