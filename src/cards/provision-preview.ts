import { t, type Locale, type MessageKey } from '../i18n/messages';
import type { ProvisioningConfig } from '../config/provisioning-config';
import {
  OPERATION_KINDS,
  type PlanOperation,
  type ProvisioningPlan,
} from '../provisioning/plan-types';
import type { ProvisioningRunStatus } from '../provisioning/provisioning-runs';
import {
  actorLabel,
  bounded,
  clip,
  count,
  DEFAULT_TIME_ZONE,
  formatDateTime,
  type CardOptions,
  type Fact,
} from './format';
import {
  kindLabel,
  operationLines,
  problemText,
  subjectKey,
  subjectLabel,
  subjectOf,
  type ProvisionSubject,
} from './provision-format';

/** People and groups shown with their changes; the CSV has the whole plan. */
export const PREVIEW_OBJECTS_MAX = 8;
/** Operations shown per person or group (a person rarely has more than three). */
export const PREVIEW_OPS_PER_OBJECT = 3;
/** Diff lines per operation, and on the whole card (shared, so 1,000 people fit). */
export const PREVIEW_LINES_PER_OP = 6;
export const PREVIEW_LINES_TOTAL = 40;
export const PREVIEW_PROBLEMS_MAX = 10;
/** Members named in a group's "members" line; the rest are counted. */
const MEMBER_NAMES_MAX = 5;

/** The run a preview shows (a ProvisioningRunDoc, with its id as text). */
export interface ProvisionRunView {
  id: string;
  status: ProvisioningRunStatus;
  plan: ProvisioningPlan;
  createdAt: Date;
  by: string;
}

export type ProvisionSwitches = Pick<
  ProvisioningConfig,
  'accounts' | 'licences' | 'groups' | 'accountRemoval' | 'groupRemoval'
>;

export interface PreviewOperationView {
  text: string;
  lines: { text: string }[];
}

export interface ProvisionPreviewCardData {
  /** The run the buttons act on (never clipped). */
  runId: string;
  title: string;
  titleColor: 'Default' | 'Good' | 'Warning' | 'Attention';
  intro: string;
  meta: string;
  /** Why this card came back instead of what was asked (the plan changed meanwhile), or "". */
  notice: string;
  switchesText: string;
  counts: Fact[];
  /** "Microsoft 365 already matches the directory", or "". */
  emptyText: string;
  /** More stops + deletes than the safety limit: who must approve, or "". */
  approvalText: string;
  objectsTitle: string;
  objects: { title: string; ops: PreviewOperationView[]; more: string }[];
  objectsMore: string;
  problemsTitle: string;
  problems: { text: string }[];
  problemsMore: string;
  /** A planned run with something to do, for an admin. */
  canApply: boolean;
  /** A held run, for an admin: approve / reject. */
  canDecide: boolean;
  canCsv: boolean;
  isAdmin: boolean;
  labels: {
    apply: string;
    approve: string;
    reject: string;
    csv: string;
    refresh: string;
    mapping: string;
  };
}

export interface ProvisionPreviewOptions extends CardOptions {
  isAdmin: boolean;
  switches: ProvisionSwitches;
  /** personId → display name, for the people the card shows. */
  names?: Record<string, string>;
  notice?: string;
}

/**
 * The dry run of a provisioning run: counts per kind of change, the first people and groups
 * with their attribute diffs (old → new), licences by SKU part number and member changes, the
 * problems, and the buttons for what the run's status allows.
 */
export function provisionPreviewCardData(
  run: ProvisionRunView,
  locale: Locale,
  options: ProvisionPreviewOptions,
): ProvisionPreviewCardData {
  const { plan } = run;
  const names = options.names ?? {};
  const held = run.status === 'held';
  const planned = run.status === 'planned';
  const objects = objectViews(plan.operations, locale, names);
  const shownObjects = bounded(objects, PREVIEW_OBJECTS_MAX, locale);
  const problems = bounded(plan.problems, PREVIEW_PROBLEMS_MAX, locale);
  const counts: Fact[] = OPERATION_KINDS.filter((k) => plan.summary[k] > 0).map((k) => ({
    title: kindLabel(k, locale),
    value: count(plan.summary[k], locale),
  }));
  if (plan.problems.length > 0)
    counts.push({
      title: t(locale, 'card.provision.problems'),
      value: count(plan.problems.length, locale),
    });
  const titleKey = planned
    ? 'card.provision.titlePlanned'
    : held
      ? 'card.provision.titleHeld'
      : 'card.provision.titleOther';
  return {
    runId: run.id,
    title: t(locale, titleKey, { status: t(locale, `provision.status.${run.status}`) }),
    titleColor: held || plan.needsApproval ? 'Warning' : 'Default',
    intro: t(locale, held ? 'card.provision.introHeld' : 'card.provision.intro'),
    meta: t(locale, 'card.provision.meta', {
      at: formatDateTime(run.createdAt, options.timeZone ?? DEFAULT_TIME_ZONE),
      by: actorLabel(run.by, locale),
      runId: run.id,
    }),
    notice: options.notice ?? '',
    switchesText: switchesText(options.switches, locale),
    counts,
    emptyText: plan.operations.length === 0 ? t(locale, 'card.provision.empty') : '',
    approvalText: plan.needsApproval
      ? t(locale, 'card.provision.needsApproval', {
          removals: count(plan.removals, locale),
          limit: count(plan.safetyLimit, locale),
        })
      : '',
    objectsTitle: t(locale, 'card.provision.objectsTitle', {
      count: count(objects.length, locale),
    }),
    objects: shownObjects.shown.map((o) => o.view),
    objectsMore: shownObjects.more,
    problemsTitle: t(locale, 'card.provision.problemsTitle', {
      count: count(plan.problems.length, locale),
    }),
    problems: problems.shown.map((p) => ({ text: problemText(p, locale, names) })),
    problemsMore: problems.more,
    canApply: options.isAdmin && planned && plan.operations.length > 0,
    canDecide: options.isAdmin && held,
    canCsv: options.isAdmin && (plan.operations.length > 0 || plan.problems.length > 0),
    isAdmin: options.isAdmin,
    labels: {
      apply: t(
        locale,
        plan.needsApproval ? 'card.provision.applyForApproval' : 'card.provision.apply',
      ),
      approve: t(locale, 'card.provision.approve'),
      reject: t(locale, 'card.provision.reject'),
      csv: t(locale, 'card.csv'),
      refresh: t(locale, 'card.provision.refresh'),
      mapping: t(locale, 'card.action.mapping'),
    },
  };
}

export function switchesText(s: ProvisionSwitches, locale: Locale): string {
  const onOff = (on: boolean) => t(locale, on ? 'card.provision.on' : 'card.provision.off');
  return t(locale, 'card.provision.switches', {
    accounts: onOff(s.accounts),
    licences: onOff(s.licences),
    groups: onOff(s.groups),
    removal: t(locale, `card.provision.removal.${s.accountRemoval}`),
  });
}

/** The people PeopleService should name on the card: the subjects it shows first. */
export function previewPersonIds(plan: ProvisioningPlan): string[] {
  const ids = new Set<string>();
  for (const op of orderedGroups(plan.operations).slice(0, PREVIEW_OBJECTS_MAX)) {
    if (op.subject.kind === 'person') ids.add(op.subject.personId);
  }
  for (const p of plan.problems.slice(0, PREVIEW_PROBLEMS_MAX))
    if (p.subject.kind === 'person') ids.add(p.subject.personId);
  return [...ids];
}

interface ObjectGroup {
  subject: ProvisionSubject;
  ops: PlanOperation[];
}

/**
 * Operations by person or group, in plan order, except that whoever is stopped or deleted comes
 * first: those are what an admin must see before approving.
 */
function orderedGroups(operations: PlanOperation[]): ObjectGroup[] {
  const byKey = new Map<string, ObjectGroup>();
  for (const op of operations) {
    const subject = subjectOf(op);
    const key = subjectKey(subject);
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { subject, ops: [] }));
    group.ops.push(op);
  }
  const all = [...byKey.values()];
  const removes = (g: ObjectGroup) =>
    g.ops.some(
      (op) => op.kind === 'stopUser' || op.kind === 'deleteUser' || op.kind === 'deleteGroup',
    );
  return [...all.filter(removes), ...all.filter((g) => !removes(g))];
}

function objectViews(
  operations: PlanOperation[],
  locale: Locale,
  names: Record<string, string>,
): { view: ProvisionPreviewCardData['objects'][number] }[] {
  let budget = PREVIEW_LINES_TOTAL;
  return orderedGroups(operations).map((group, index) => {
    // Views are built only for the objects the card shows; the rest are only counted.
    if (index >= PREVIEW_OBJECTS_MAX) return { view: { title: '', ops: [], more: '' } };
    const views = operationViews(group.ops, locale);
    const shown = views.slice(0, PREVIEW_OPS_PER_OBJECT).map((v) => {
      const lines = v.lines.slice(0, Math.max(0, Math.min(PREVIEW_LINES_PER_OP, budget)));
      budget -= lines.length;
      const cut = v.lines.length - lines.length;
      if (cut > 0) lines.push(t(locale, 'card.more', { count: count(cut, locale) }));
      return { text: clip(v.text, 200), lines: lines.map((text) => ({ text: clip(text, 200) })) };
    });
    const rest = views.length - shown.length;
    return {
      view: {
        title: subjectLabel(group.subject, locale, names),
        ops: shown,
        more:
          rest > 0 ? t(locale, 'card.provision.moreChanges', { count: count(rest, locale) }) : '',
      },
    };
  });
}

/** A group's member additions and removals become one line; every other operation its own. */
function operationViews(ops: PlanOperation[], locale: Locale): { text: string; lines: string[] }[] {
  const added: string[] = [];
  const removed: string[] = [];
  const views: { text: string; lines: string[] }[] = [];
  let membersAt = -1;
  for (const op of ops) {
    if (op.kind === 'addMember' || op.kind === 'removeMember') {
      if (membersAt < 0) {
        membersAt = views.length;
        views.push({ text: '', lines: [] });
      }
      if (op.kind === 'addMember') added.push(op.member.personId);
      else removed.push(op.personId ?? op.memberId);
      continue;
    }
    views.push(operationLines(op, locale));
  }
  if (membersAt >= 0) {
    const list = (ids: string[], key: MessageKey) => {
      if (ids.length === 0) return [];
      const names = ids.slice(0, MEMBER_NAMES_MAX).map((id) => clip(id, 40));
      const rest = ids.length - names.length;
      const more = rest > 0 ? ` ${t(locale, 'card.more', { count: count(rest, locale) })}` : '';
      return [`${t(locale, key, { count: count(ids.length, locale) })} ${names.join(', ')}${more}`];
    };
    views[membersAt] = {
      text: t(locale, 'card.provision.members', {
        add: count(added.length, locale),
        remove: count(removed.length, locale),
      }),
      lines: [
        ...list(added, 'card.provision.membersAdded'),
        ...list(removed, 'card.provision.membersRemoved'),
      ],
    };
  }
  return views;
}
