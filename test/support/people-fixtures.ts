import { SINGLE_VALUE_ATTRIBUTES, type Person } from '../../src/people/person';

/**
 * A person of the people directory with every attribute empty but the ones given: the stocktake
 * tests name exactly who has a UPN, a linked account or a department, and nothing else.
 */
export function directoryPerson(p: Partial<Person> & { personId: string }): Person {
  const attributes = Object.fromEntries(SINGLE_VALUE_ATTRIBUTES.map((a) => [a, null]));
  const now = new Date();
  return {
    ...(attributes as Record<(typeof SINGLE_VALUE_ATTRIBUTES)[number], null>),
    businessPhones: [],
    otherMails: [],
    custom: {},
    licenceProfile: null,
    groups: [],
    m365AccountId: null,
    releasedAccountIds: [],
    removed: false,
    removedAt: null,
    createdAt: now,
    updatedAt: now,
    ...p,
  };
}
