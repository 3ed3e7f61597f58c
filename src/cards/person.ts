import { isMessageKey, t, type Locale } from '../i18n/messages';
import { PERSON_EDIT_FIELDS, type PersonEditField } from '../people/people-service';
import { PERSON_LABELS_JA } from '../people/person-fields';
import { DIRECTORY_ATTRIBUTES, type Person } from '../people/person';
import { bounded, clip, count, show, type Fact } from './format';
import { targetDisplayName } from './provision-mapping';
import { personStatus } from './provision-why';
import type { PersonEditPayload } from './person-payloads';

/** Attributes and custom fields shown (only those with a value); the CSV export has them all. */
export const PERSON_FACTS_MAX = 30;
/**
 * Licence profiles offered in the edit form. A choice carries the whole name (it must match the
 * file), so names longer than PROFILE_NAME_MAX are not offered: the card would outgrow Teams.
 */
export const PERSON_PROFILES_MAX = 20;
const PROFILE_NAME_MAX = 100;

/** Whether the form can offer this profile name (see PERSON_PROFILES_MAX). */
export function offerableProfile(name: string): boolean {
  return name !== '' && [...name].length <= PROFILE_NAME_MAX;
}

/** Graph's limits (person-input.ts), to clip what the form shows; the service checks again. */
const MAX_LENGTH: Record<Exclude<PersonEditField, 'licenceProfile'>, number> = {
  displayName: 256,
  department: 64,
  jobTitle: 128,
  mobilePhone: 256,
  usageLocation: 2,
};

/** `personId` and `version` (updatedAt) go back with every change: an older card is refused. */
export interface PersonCardData extends Pick<PersonEditPayload, 'personId' | 'version'> {
  title: string;
  subtitle: string;
  subtitleColor: 'Default' | 'Warning';
  /** What the last action did ("Saved: department"), or "". */
  notice: string;
  noticeColor: 'Good' | 'Attention' | 'Default';
  facts: Fact[];
  factsMore: string;
  isAdmin: boolean;
  linked: boolean;
  /** The linked account, sent back by unlink: the handler checks it is still the one linked. */
  accountId: string;
  removed: boolean;
  /** The edit form's current values ("" = empty). */
  values: Record<PersonEditField, string>;
  profiles: { title: string; value: string }[];
  labels: {
    fields: Record<PersonEditField, string>;
    requiredError: string;
    usageLocationError: string;
    why: string;
    edit: string;
    save: string;
    link: string;
    linkButton: string;
    accountId: string;
    accountIdPlaceholder: string;
    accountIdError: string;
    unlink: string;
    unlinkConfirm: string;
    unlinkButton: string;
    remove: string;
    removeConfirm: string;
    removeButton: string;
    restore: string;
  };
}

export interface PersonCardOptions {
  isAdmin: boolean;
  /** PROVISION_ACCOUNT_REMOVAL: what the next apply does to an unlinked or removed person's account. */
  accountRemoval: 'stop' | 'delete';
  /** Licence profile names (PROVISIONING_LICENSE_PROFILES_FILE). */
  profiles: string[];
  notice?: { text: string; color?: PersonCardData['noticeColor'] };
}

/** A directory attribute's label: seed 001's Japanese column name, or the admin center's. */
export function personFieldLabel(field: string, locale: Locale): string {
  const ownKey = `card.person.field.${field}`;
  if (isMessageKey(ownKey)) return t(locale, ownKey);
  if (locale === 'ja')
    return PERSON_LABELS_JA[field as keyof typeof PERSON_LABELS_JA]?.[0] ?? field;
  const graph = field === 'division' || field === 'costCenter' ? `employeeOrgData.${field}` : field;
  return targetDisplayName(graph, locale) || field;
}

/**
 * A person of the directory: the attributes with a value, licence profile, groups and linked
 * account; for admins, an edit form for a few fields, link / unlink (with what unlink does to the
 * account) and remove / restore.
 */
export function personCardData(
  person: Person,
  locale: Locale,
  options: PersonCardOptions,
): PersonCardData {
  const facts = personFacts(person, locale);
  const shown = bounded(facts, PERSON_FACTS_MAX, locale);
  // The person's own profile first: saving the form must never drop it, even one the file no
  // longer has (from an import).
  const profileNames = new Set(
    [person.licenceProfile ?? '', ...options.profiles].filter(offerableProfile),
  );
  const profiles = bounded([...profileNames], PERSON_PROFILES_MAX, locale).shown;
  // A verb for the sentences: "the next apply will {removal} the account".
  const removal = t(locale, `people.removal.${options.accountRemoval}`);
  return {
    personId: person.personId,
    version: person.updatedAt.toISOString(),
    title: t(locale, 'card.person.title', {
      id: clip(person.personId, 64),
      name: show(person.displayName, locale, 80),
    }),
    subtitle: personStatus(person, locale),
    subtitleColor: person.removed ? 'Warning' : 'Default',
    notice: options.notice ? clip(options.notice.text, 600) : '',
    noticeColor: options.notice?.color ?? 'Good',
    facts: shown.shown,
    factsMore: shown.more,
    isAdmin: options.isAdmin,
    linked: !!person.m365AccountId,
    accountId: person.m365AccountId ?? '',
    removed: person.removed,
    values: Object.fromEntries(
      PERSON_EDIT_FIELDS.map((field) => [
        field,
        field === 'licenceProfile'
          ? (person.licenceProfile ?? '')
          : clip(person[field] ?? '', MAX_LENGTH[field]),
      ]),
    ) as Record<PersonEditField, string>,
    profiles: [
      { title: t(locale, 'card.person.noProfile'), value: '' },
      ...profiles.map((p) => ({ title: clip(p, 60), value: p })),
    ],
    labels: personLabels(person, locale, removal),
  };
}

/** What the card lists about the person: the directory attributes, profile, groups, custom. */
function personFacts(person: Person, locale: Locale): Fact[] {
  const facts: Fact[] = [];
  const add = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return;
    if (Array.isArray(value) && value.length === 0) return;
    facts.push({
      title: personFieldLabel(field, locale),
      value: show(Array.isArray(value) ? value.join(', ') : value, locale),
    });
  };
  add('personId', person.personId);
  for (const attribute of DIRECTORY_ATTRIBUTES) add(attribute, person[attribute]);
  add('licenceProfile', person.licenceProfile);
  add('groups', person.groups);
  for (const [name, value] of Object.entries(person.custom ?? {}))
    facts.push({
      title: t(locale, 'card.mapping.custom', { name: clip(name, 64) }),
      value: show(value, locale),
    });
  return facts;
}

/** The card's labels; `removal` is what the next apply does to an unlinked account. */
function personLabels(person: Person, locale: Locale, removal: string) {
  return {
    fields: Object.fromEntries(
      PERSON_EDIT_FIELDS.map((field) => [field, personFieldLabel(field, locale)]),
    ) as Record<PersonEditField, string>,
    requiredError: t(locale, 'card.person.requiredError'),
    usageLocationError: t(locale, 'card.person.usageLocationError'),
    why: t(locale, 'card.person.why'),
    edit: t(locale, 'card.person.edit'),
    save: t(locale, 'card.person.save'),
    link: t(locale, 'card.person.link'),
    linkButton: t(locale, 'card.person.linkButton'),
    accountId: t(locale, 'card.person.accountId'),
    accountIdPlaceholder: '00000000-0000-0000-0000-000000000000',
    accountIdError: t(locale, 'card.person.accountIdError'),
    unlink: t(locale, 'card.person.unlink'),
    unlinkConfirm: t(locale, 'card.person.unlinkConfirm', {
      accountId: person.m365AccountId ?? '',
      removal,
    }),
    unlinkButton: t(locale, 'card.person.unlinkButton'),
    remove: t(locale, 'card.person.remove'),
    removeConfirm: t(locale, 'card.person.removeConfirm', {
      linked: person.m365AccountId
        ? t(locale, 'card.person.removeLinked', { accountId: person.m365AccountId, removal })
        : t(locale, 'card.person.removeNotLinked'),
    }),
    removeButton: t(locale, 'card.person.removeButton'),
    restore: t(locale, 'card.person.restore'),
  };
}

/** "Saved: 部署, 役職" for the notice after an edit. */
export function savedNotice(changed: PersonEditField[], locale: Locale): string {
  if (changed.length === 0) return t(locale, 'card.person.unchanged');
  return t(locale, 'card.person.saved', {
    fields: changed.map((f) => personFieldLabel(f, locale)).join(', '),
    count: count(changed.length, locale),
  });
}
