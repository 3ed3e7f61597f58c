import { defaultImmutableId, type DirectoryAttribute, type Person } from '../people/person';
import { normalise } from './graph-values';
import { takesSeveral, type AttributeMapping } from './mapping';
import type { PlanProblem, UserValue } from './plan-types';

export interface MappedPerson {
  /** Graph property → value, for every mapped property (null = to be empty). */
  values: Record<string, UserValue>;
  problems: PlanProblem[];
}

/** Characters Graph refuses in a mailNickname (besides non-ASCII). */
const NOT_IN_MAIL_NICKNAME = /[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g;

/**
 * Where a person has no value, what stands in: onPremisesImmutableId from the person id
 * (defaultImmutableId), mailNickname from the user name of the userPrincipalName. Both are
 * required by Graph; neither needs an admin to think of it.
 */
function sourceValue(person: Person, source: string): UserValue {
  if (source.startsWith('custom.')) return normalise(person.custom[source.slice(7)] ?? null);
  const attribute = source as DirectoryAttribute;
  const value = normalise(person[attribute]);
  if (value !== null) return value;
  if (attribute === 'onPremisesImmutableId') return defaultImmutableId(person.personId);
  if (attribute === 'mailNickname' && person.userPrincipalName) {
    const nickname = person.userPrincipalName.split('@')[0].replace(NOT_IN_MAIL_NICKNAME, '');
    return nickname.replace(/^\.+|\.+$/g, '') || null;
  }
  return null;
}

/** A person's Graph property values by the mapping; problems instead of throwing. */
export function mapPerson(person: Person, mapping: AttributeMapping): MappedPerson {
  const values: Record<string, UserValue> = {};
  const problems: PlanProblem[] = [];
  const subject = { kind: 'person' as const, personId: person.personId };
  for (const { source, target } of mapping.entries) {
    const value = sourceValue(person, source);
    if (Array.isArray(value) && !takesSeveral(target)) {
      // Only list attributes give arrays, and the mapping never sends those to one-value targets.
      values[target] = value[0];
    } else if (target === 'businessPhones' && Array.isArray(value) && value.length > 1) {
      // Seed 001 ※1: a collection in Graph, but the API takes only one number.
      problems.push({ subject, code: 'singleBusinessPhone', params: { count: value.length } });
    } else values[target] = takesSeveral(target) && typeof value === 'string' ? [value] : value;
  }
  // mailNickname is derived from the userPrincipalName: one missing is reported once.
  const required =
    values.userPrincipalName === null
      ? ['displayName', 'userPrincipalName']
      : ['displayName', 'mailNickname'];
  for (const attribute of required)
    if (values[attribute] === null)
      problems.push({ subject, code: 'missingRequired', params: { attribute } });
  return { values, problems };
}
