import { t, type Locale } from '../i18n/messages';
import { PROVIDER_NAMES } from '../sync/settings';
import type { PlannedFieldChange, WorkflowDoc } from '../workflows/workflow-record';
import { fieldLabel, show } from './format';

/**
 * What a finished workflow did to the ledger: the planned edits of the completion (stored in the
 * workflow, so every copy of the card can say it), what is left to change in the MDM, or — for
 * an abandoned one — that nothing changed.
 */
export function workflowResult(
  wf: WorkflowDoc,
  locale: Locale,
  superseded: PlannedFieldChange[],
): {
  resultTitle: string;
  resultLines: { text: string }[];
  mdmLines: { text: string }[];
  resultText: string;
} {
  if (wf.status === 'abandoned') {
    return {
      resultTitle: '',
      resultLines: [],
      mdmLines: [],
      resultText: t(locale, 'card.workflow.abandonedText'),
    };
  }
  const plan = wf.completion;
  if (wf.status !== 'completed' || !plan) {
    return { resultTitle: '', resultLines: [], mdmLines: [], resultText: '' };
  }
  const skipped = (c: PlannedFieldChange) =>
    superseded.some((s) => s.deviceId.equals(c.deviceId) && s.field === c.field);
  const lines = plan.changes.map((c) => ({
    text: t(locale, skipped(c) ? 'card.workflow.superseded' : 'card.workflow.change', {
      assetNumber: show(c.assetNumber, locale, 60),
      field: fieldLabel(c.field, locale),
      old: show(c.old, locale, 60),
      new: show(c.new, locale, 60),
    }),
  }));
  const mdmLines = plan.leftToMdm.map((m) => ({
    text: t(locale, 'card.workflow.mdmLine', {
      assetNumber: show(m.assetNumber, locale, 60),
      field: fieldLabel(m.field, locale),
      wanted: show(m.wanted, locale, 60),
      provider:
        PROVIDER_NAMES[m.provider as keyof typeof PROVIDER_NAMES] ?? show(m.provider, locale, 20),
    }),
  }));
  return {
    resultTitle: t(locale, 'card.workflow.resultTitle'),
    resultLines:
      lines.length > 0 || mdmLines.length > 0
        ? lines
        : [{ text: t(locale, 'card.workflow.resultNone') }],
    mdmLines,
    resultText: '',
  };
}
