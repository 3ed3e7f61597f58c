import { t, type Locale, type MessageKeySuffix } from '../i18n/messages';
import type { Device } from '../ledger/device';
import type { Checklist } from '../workflows/checklist';
import {
  OLD_DEVICE_OUTCOME_IDS,
  outcomeIdOf,
  type OldDeviceOutcomeId,
} from '../workflows/replacement-choices';
import {
  actorNameKey,
  type PlannedFieldChange,
  type WorkflowDoc,
} from '../workflows/workflow-record';
import {
  actorLabel,
  bounded,
  clip,
  DEFAULT_TIME_ZONE,
  formatDateTime,
  show,
  type CardOptions,
  type Fact,
} from './format';
import { workflowResult } from './workflow-result';
import { workflowSteps, type WorkflowStepView } from './workflow-steps';
import type { WorkflowRef } from './workflow-payloads';

/** Checklists are data an admin extends; past this many steps the card says how many more. */
export const WORKFLOW_STEPS_MAX = 12;
/** Teams' limit for automatic refresh. */
export const REFRESH_USERS_MAX = 60;
/** Warnings about the whole checklist, shown above the steps. */
export const WORKFLOW_WARNINGS_MAX = 5;
/** Warnings are the seed's own words and say why; clipped only to keep a card within 80 KB. */
const WARNING_MAX = 800;

export interface WorkflowCardData extends WorkflowRef {
  // `version` goes back in every change, so a press on an out-of-date card is refused.
  /**
   * Who Teams refreshes the card for when they see it (their own view): the people working on
   * the workflow. Teams refreshes automatically only for listed users, at most 60.
   */
  refreshUserIds: string[];
  title: string;
  subtitle: string;
  status: string;
  statusColor: 'Accent' | 'Good' | 'Warning' | 'Default';
  /** A line above everything (a refusal, a reminder); '' for none. */
  notice: string;
  noticeColor: 'Warning' | 'Attention' | 'Good';
  facts: Fact[];
  warnings: { text: string }[];
  steps: WorkflowStepView[];
  stepsMore: string;
  /** Ticks, the new device and abandon: an open workflow, for someone who may act. */
  editable: boolean;
  /** The completion form: also while completing, so a completion cut short can be finished. */
  completable: boolean;
  viewOnly: string;
  newAssetNumber: string;
  statusChoices: { title: string; value: OldDeviceOutcomeId }[];
  selectedStatus: string;
  resultTitle: string;
  resultLines: { text: string }[];
  mdmLines: { text: string }[];
  resultText: string;
  labels: Record<
    | 'newDevice'
    | 'setNewDevice'
    | 'complete'
    | 'completeIntro'
    | 'oldDeviceStatus'
    | 'statusRequired'
    | 'disposalDate'
    | 'completeButton'
    | 'abandon'
    | 'abandonConfirm'
    | 'abandonButton'
    | 'refresh'
    | 'mdmTitle',
    string
  >;
}

/** What the card shows: the workflow, its checklist, and both devices as the ledger has them now. */
export interface WorkflowView {
  workflow: WorkflowDoc;
  /** Undefined when the checklist was removed from the catalog since: steps show by id. */
  checklist: Checklist | undefined;
  oldDevice: Device | null;
  newDevice: Device | null;
}

export interface WorkflowCardOptions extends CardOptions {
  /** False for a viewer who may not change it (not an admin): the card is read-only for them. */
  canAct: boolean;
  notice?: string;
  noticeColor?: WorkflowCardData['noticeColor'];
  /** Completion changes skipped because someone changed the field meanwhile (that answer only). */
  superseded?: PlannedFieldChange[];
}

export function workflowCardData(
  view: WorkflowView,
  locale: Locale,
  options: WorkflowCardOptions,
): WorkflowCardData {
  const { workflow: wf, checklist } = view;
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const names = namesOf(wf);
  const who = (by: string | null) => actorLabel(by ?? '', locale, names);
  const when = (at: Date | null) => formatDateTime(at, tz);
  const steps = bounded(
    workflowSteps(wf, checklist, locale, who, when, WORKFLOW_STEPS_MAX),
    WORKFLOW_STEPS_MAX,
    locale,
  );
  const open = wf.status === 'open';
  const done = wf.steps.filter((s) => s.done).length;
  const warnings = bounded(
    (checklist?.warnings ?? []).filter((w) => !w.stepId),
    WORKFLOW_WARNINGS_MAX,
    locale,
  );
  const result = workflowResult(wf, locale, options.superseded ?? []);
  return {
    workflowId: wf._id,
    version: wf.version,
    refreshUserIds: (wf.teamsUserIds ?? []).slice(-REFRESH_USERS_MAX),
    title: clip(checklist?.title[locale] ?? wf.checklistId, 200),
    subtitle: t(locale, 'card.workflow.devices', {
      old: clip(wf.oldDevice, 60),
      new: wf.newDevice ? clip(wf.newDevice, 60) : t(locale, 'card.workflow.noNewDevice'),
    }),
    status: statusText(wf, locale, who, when),
    statusColor: { open: 'Accent', completing: 'Warning', completed: 'Good', abandoned: 'Default' }[
      wf.status
    ] as WorkflowCardData['statusColor'],
    notice: options.notice ? clip(options.notice, 600) : '',
    noticeColor: options.noticeColor ?? 'Warning',
    facts: [
      { title: t(locale, 'card.workflow.oldDevice'), value: summary(view.oldDevice, wf.oldDevice) },
      {
        title: t(locale, 'card.workflow.newDevice'),
        value: wf.newDevice
          ? summary(view.newDevice, wf.newDevice)
          : t(locale, 'card.workflow.noNewDevice'),
      },
      {
        title: t(locale, 'card.workflow.started'),
        value: `${who(wf.startedBy)} · ${when(wf.createdAt)}`,
      },
      {
        title: t(locale, 'card.workflow.progress'),
        value: t(locale, 'card.workflow.progressValue', { done, total: wf.steps.length }),
      },
    ],
    warnings: [
      ...warnings.shown.map((w) => ({ text: `⚠ ${clip(w.text[locale], WARNING_MAX)}` })),
      ...(warnings.more ? [{ text: warnings.more }] : []),
    ],
    steps: steps.shown,
    stepsMore: steps.more,
    editable: open && options.canAct,
    completable: (open || wf.status === 'completing') && options.canAct,
    viewOnly:
      !options.canAct && (open || wf.status === 'completing')
        ? t(locale, 'card.workflow.viewOnly')
        : '',
    newAssetNumber: clip(wf.newDevice ?? '', 64),
    statusChoices: OLD_DEVICE_OUTCOME_IDS.map((id) => ({
      title: t(locale, `card.workflow.outcome.${id}`),
      value: id,
    })),
    selectedStatus: outcomeIdOf(wf.outcome?.status) ?? '',
    ...result,
    labels: labels(locale, view),
  };
}

function namesOf(wf: WorkflowDoc): Record<string, string> {
  const names: Record<string, string> = {};
  const stored = wf.actorNames ?? {};
  const people = [wf.startedBy, wf.completedBy, wf.abandonedBy, ...wf.steps.map((s) => s.by)];
  for (const by of people) {
    const name = by ? stored[actorNameKey(by)] : undefined;
    if (by && name) names[by] = name;
  }
  return names;
}

/** "PC-0012 · iPhone 13 · 山田 太郎", or just the asset number when the ledger lost the device. */
function summary(device: Device | null, assetNumber: string): string {
  if (!device) return clip(assetNumber, 60);
  return [device.assetNumber, device.model, device.user]
    .filter((v): v is string => !!v)
    .map((v) => clip(v, 60))
    .join(' · ');
}

function statusText(
  wf: WorkflowDoc,
  locale: Locale,
  who: (by: string | null) => string,
  when: (at: Date | null) => string,
): string {
  if (wf.status === 'completed')
    return t(locale, 'card.workflow.status.completed', {
      by: who(wf.completedBy),
      when: when(wf.completedAt),
    });
  if (wf.status === 'abandoned')
    return t(locale, 'card.workflow.status.abandoned', {
      by: who(wf.abandonedBy),
      when: when(wf.abandonedAt),
    });
  return t(locale, `card.workflow.status.${wf.status}`);
}

function labels(locale: Locale, view: WorkflowView): WorkflowCardData['labels'] {
  const l = (key: MessageKeySuffix<'card.workflow.'>) => t(locale, `card.workflow.${key}`);
  return {
    newDevice: l('newDeviceInput'),
    setNewDevice: l('setNewDevice'),
    complete: l('complete'),
    completeIntro: t(locale, 'card.workflow.completeIntro', {
      user: show(view.oldDevice?.user, locale, 60),
    }),
    oldDeviceStatus: l('oldDeviceStatus'),
    statusRequired: l('statusRequired'),
    disposalDate: l('disposalDate'),
    completeButton: l('completeButton'),
    abandon: l('abandon'),
    abandonConfirm: l('abandonConfirm'),
    abandonButton: l('abandonButton'),
    refresh: l('refresh'),
    mdmTitle: l('mdmTitle'),
  };
}
