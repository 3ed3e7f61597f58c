import { t, type Locale } from '../i18n/messages';
import type { Person } from '../people/person';
import type { PlanProblem, UserValue } from '../provisioning/plan-types';
import {
  bounded,
  clip,
  count,
  DEFAULT_TIME_ZONE,
  formatDateTime,
  show,
  type CardOptions,
  type Fact,
} from './format';
import { changeLine, problemText } from './provision-format';
import { logLines, type ProvisionLogView } from './provision-result';
import { targetLabel } from './provision-mapping';

/** Every mappable property fits (seed 001 has 43); a longer list is cut. */
export const WHY_ATTRIBUTES_MAX = 50;
export const WHY_PROBLEMS_MAX = 10;
/** The latest log entries, newest first. */
export const WHY_ENTRIES_MAX = 8;
export const WHY_LINES_PER_ENTRY = 5;

export interface ProvisionWhyCardData {
  personId: string;
  title: string;
  subtitle: string;
  subtitleColor: 'Default' | 'Warning';
  attributesTitle: string;
  attributes: Fact[];
  attributesMore: string;
  problemsTitle: string;
  problems: { text: string }[];
  problemsMore: string;
  problemsEmpty: string;
  logTitle: string;
  entries: { title: string; run: string; text: string; lines: { text: string }[]; error: string }[];
  entriesMore: string;
  logEmpty: string;
  labels: { person: string };
}

/**
 * Per person "why": the Microsoft 365 values their attributes map to, the problems of the
 * latest plan, and the log of what provisioning did (with Graph's code and request id on a
 * failure).
 */
export function provisionWhyCardData(
  input: {
    person: Person;
    /** Graph property → value, by the mapping (mapPerson). */
    mapped: Record<string, UserValue>;
    problems: PlanProblem[];
    entries: ProvisionLogView[];
  },
  locale: Locale,
  options: CardOptions = {},
): ProvisionWhyCardData {
  const { person } = input;
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const names = person.displayName ? { [person.personId]: person.displayName } : {};
  const attributes = bounded(
    Object.entries(input.mapped).map(([property, value]) => ({
      title: targetLabel(property, locale),
      value: show(Array.isArray(value) ? value.join(', ') : value, locale),
    })),
    WHY_ATTRIBUTES_MAX,
    locale,
  );
  const problems = bounded(input.problems, WHY_PROBLEMS_MAX, locale);
  const entries = bounded(
    [...input.entries].sort((a, b) => b.at.getTime() - a.at.getTime()),
    WHY_ENTRIES_MAX,
    locale,
  );
  return {
    personId: person.personId,
    title: t(locale, 'card.provisionWhy.title', {
      id: clip(person.personId, 64),
      name: show(person.displayName, locale, 80),
    }),
    subtitle: personStatus(person, locale),
    subtitleColor: person.removed ? 'Warning' : 'Default',
    attributesTitle: t(locale, 'card.provisionWhy.attributes'),
    attributes: attributes.shown,
    attributesMore: attributes.more,
    problemsTitle: t(locale, 'card.provisionWhy.problems', {
      count: count(input.problems.length, locale),
    }),
    problems: problems.shown.map((p) => ({ text: problemText(p, locale, names) })),
    problemsMore: problems.more,
    problemsEmpty: t(locale, 'card.provisionWhy.noProblems'),
    logTitle: t(locale, 'card.provisionWhy.log', { count: count(input.entries.length, locale) }),
    entries: entries.shown.map((e) => {
      const lines = e.changes.slice(0, WHY_LINES_PER_ENTRY).map((c) => changeLine(c, locale));
      const cut = e.changes.length - lines.length;
      if (cut > 0) lines.push(t(locale, 'card.more', { count: count(cut, locale) }));
      const view = logLines(e, locale, names, tz);
      return {
        title: view.title,
        run: t(locale, 'card.provisionWhy.run', { runId: e.runId }),
        text: view.text,
        lines: lines.map((text) => ({ text: clip(text, 200) })),
        error: view.error,
      };
    }),
    entriesMore: entries.more,
    logEmpty: t(locale, 'card.provisionWhy.noLog'),
    labels: { person: t(locale, 'card.provisionWhy.showPerson') },
  };
}

/** "Microsoft 365 account: … · removed from the directory" */
export function personStatus(person: Person, locale: Locale): string {
  const parts = [
    person.m365AccountId
      ? t(locale, 'card.person.linked', { accountId: person.m365AccountId })
      : t(locale, 'card.person.notLinked'),
  ];
  if (person.releasedAccountIds?.length)
    parts.push(
      t(locale, 'card.person.released', {
        accounts: clip(person.releasedAccountIds.join(', '), 120),
      }),
    );
  if (person.removed)
    parts.push(
      t(locale, 'card.person.removed', {
        at: person.removedAt ? formatDateTime(person.removedAt) : t(locale, 'card.none'),
      }),
    );
  return parts.join(' · ');
}
