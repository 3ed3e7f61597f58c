import type { AttributeChange, UserValue } from './plan-types';
import type { GraphUser } from './tenant';

/**
 * Reading and writing mapped values on Graph users. Graph sends "" and null alike for an empty
 * text and [] for an empty collection; all three mean "nothing" here, so no change is planned
 * between them.
 */
export function normalise(value: unknown): UserValue {
  if (Array.isArray(value)) {
    const texts = value.filter((v): v is string => typeof v === 'string' && v !== '');
    return texts.length > 0 ? texts : null;
  }
  if (typeof value === 'string') return value === '' ? null : value;
  return null;
}

/** A user's value at a (dotted) property path. */
export function readUserValue(user: GraphUser, property: string): UserValue {
  let here: unknown = user;
  for (const part of property.split('.')) {
    if (typeof here !== 'object' || here === null) return null;
    here = (here as Record<string, unknown>)[part];
  }
  return normalise(here);
}

export function sameValue(a: UserValue, b: UserValue): boolean {
  const x = normalise(a);
  const y = normalise(b);
  if (Array.isArray(x) && Array.isArray(y))
    return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}

/** The changes that make `user` carry `desired` (only what differs, in the mapping's order). */
export function diffUser(user: GraphUser, desired: Record<string, UserValue>): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const [property, value] of Object.entries(desired)) {
    const old = readUserValue(user, property);
    if (!sameValue(old, value)) changes.push({ property, old, new: normalise(value) });
  }
  return changes;
}

/** Graph's form of a value: a collection property is cleared with [], a text with null. */
function graphValue(value: UserValue, several: boolean): unknown {
  const v = normalise(value);
  if (several) return v === null ? [] : Array.isArray(v) ? v : [v];
  return v;
}

function put(body: Record<string, unknown>, property: string, value: unknown): void {
  const [parent, child] = property.split('.');
  if (child === undefined) body[parent] = value;
  else body[parent] = { ...((body[parent] as Record<string, unknown>) ?? {}), [child]: value };
}

/** POST /users body: every mapped property that has a value (Graph fills the rest as empty). */
export function createBody(
  desired: Record<string, UserValue>,
  takesSeveral: (property: string) => boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(desired))
    if (normalise(value) !== null) put(body, property, graphValue(value, takesSeveral(property)));
  return body;
}

/**
 * PATCH /users/{id} body for the changes. A complex property (employeeOrgData,
 * onPremisesExtensionAttributes) is sent with every mapped sub-property, not only the changed
 * one, so a PATCH that replaces the whole object cannot clear its siblings.
 */
export function patchBody(
  changes: AttributeChange[],
  desired: Record<string, UserValue>,
  takesSeveral: (property: string) => boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const parents = new Set(
    changes
      .map((c) => c.property.split('.'))
      .filter((p) => p.length > 1)
      .map((p) => p[0]),
  );
  for (const change of changes)
    put(body, change.property, graphValue(change.new, takesSeveral(change.property)));
  for (const [property, value] of Object.entries(desired))
    if (parents.has(property.split('.')[0]) && property.includes('.'))
      put(body, property, graphValue(value, false));
  return body;
}
