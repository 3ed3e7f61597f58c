import type { RowProblem } from '../ledger/device-import';
import type { AnyBulkWriteOperation } from 'mongodb';
import type { TableRow } from '../csv/table-file';
import type { PeopleCollections } from './people-service';
import { defaultImmutableId, emptyAttributes, type Person } from './person';
import { parsePersonInput, type PersonInput } from './person-input';

/** A rejected row: its line and every reason, as the device import reports them. */
export type PeopleRowProblem = RowProblem;

export interface PeopleImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Directory groups that rows named and that did not exist yet. */
  groupsCreated: number;
  problems: PeopleRowProblem[];
  /** True when nothing was written because some rows were invalid. */
  rejected: boolean;
}

/**
 * Checks every row, then writes: a known person id updates that person (only the columns the file
 * has), a new one creates a person. Writes are upserts keyed by the person id, so a run stopped
 * half-way and run again ends the same, and the same file twice changes nothing.
 */
export async function importPeople(
  c: PeopleCollections,
  rows: TableRow[],
  now: Date,
): Promise<PeopleImportReport> {
  const problems: PeopleRowProblem[] = [];
  const inputs: PersonInput[] = [];
  const seen = new Map<string, number>();
  for (const { line, raw, badColumnCount } of rows) {
    const { value, problems: reasons } = parsePersonInput(raw);
    if (badColumnCount)
      reasons.unshift({ field: '*', key: 'input.columnCount', params: badColumnCount });
    if (value && seen.has(value.personId))
      reasons.push({
        field: 'personId',
        key: 'people.input.duplicateInFile',
        params: { id: value.personId, line: seen.get(value.personId)! },
      });
    if (reasons.length > 0) problems.push({ line, reasons });
    else if (value) {
      seen.set(value.personId, line);
      inputs.push(value);
    }
  }
  const report = { created: 0, updated: 0, unchanged: 0, groupsCreated: 0, problems };
  if (problems.length > 0) return { ...report, rejected: true };

  const existing = new Map<string, Person>();
  const ids = inputs.map((i) => i.personId);
  for (let i = 0; i < ids.length; i += 1000)
    for (const p of await c.people.find({ personId: { $in: ids.slice(i, i + 1000) } }).toArray())
      existing.set(p.personId, p);

  const ops: AnyBulkWriteOperation<Person>[] = [];
  for (const input of inputs) {
    const before = existing.get(input.personId);
    if (!before) {
      report.created += 1;
      ops.push({
        updateOne: {
          filter: { personId: input.personId },
          update: { $setOnInsert: newPerson(input, now) },
          upsert: true,
        },
      });
      continue;
    }
    const { set, unset } = changesOf(before, input, now);
    if (Object.keys(set).length === 0 && Object.keys(unset).length === 0) {
      report.unchanged += 1;
      continue;
    }
    report.updated += 1;
    ops.push({
      updateOne: {
        filter: { personId: input.personId },
        update: {
          $set: { ...set, updatedAt: now },
          ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
        },
      },
    });
  }
  for (let i = 0; i < ops.length; i += 500)
    await c.people.bulkWrite(ops.slice(i, i + 500), { ordered: false });
  report.groupsCreated = await createMissingGroups(c, inputs, now);
  return { ...report, rejected: false };
}

function newPerson(input: PersonInput, now: Date): Person {
  const custom: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.custom)) if (v !== null) custom[k] = v;
  const attributes = { ...emptyAttributes(), ...input.attributes };
  attributes.onPremisesImmutableId ??= defaultImmutableId(input.personId);
  return {
    personId: input.personId,
    ...attributes,
    custom,
    licenceProfile: input.licenceProfile ?? null,
    groups: input.groups ?? [],
    m365AccountId: null,
    releasedAccountIds: [],
    removed: input.removed ?? false,
    removedAt: input.removed ? now : null,
    createdAt: now,
    updatedAt: now,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The $set / $unset that make `before` what the row says (untouched columns stay). */
function changesOf(before: Person, input: PersonInput, now: Date) {
  const set: Record<string, unknown> = {};
  const unset: Record<string, ''> = {};
  const attributes = { ...input.attributes };
  // The immutable id is never empty: a cleared cell goes back to the derived one.
  if (attributes.onPremisesImmutableId === null)
    attributes.onPremisesImmutableId = defaultImmutableId(before.personId);
  for (const [field, value] of Object.entries(attributes))
    if (!same(before[field as keyof Person], value)) set[field] = value;
  for (const [name, value] of Object.entries(input.custom)) {
    const old = before.custom?.[name];
    if (value === null && old !== undefined) unset[`custom.${name}`] = '';
    else if (value !== null && old !== value) set[`custom.${name}`] = value;
  }
  if (input.licenceProfile !== undefined && !same(before.licenceProfile, input.licenceProfile))
    set.licenceProfile = input.licenceProfile;
  if (input.groups !== undefined && !same(before.groups, input.groups)) set.groups = input.groups;
  if (input.removed !== undefined && input.removed !== before.removed) {
    set.removed = input.removed;
    set.removedAt = input.removed ? now : null;
  }
  return { set, unset };
}

/** Groups named in rows become directory groups (display name = name) the first time. */
async function createMissingGroups(
  c: PeopleCollections,
  inputs: PersonInput[],
  now: Date,
): Promise<number> {
  const names = [...new Set(inputs.flatMap((i) => i.groups ?? []))].sort();
  if (names.length === 0) return 0;
  const result = await c.directoryGroups.bulkWrite(
    names.map((name) => ({
      updateOne: {
        filter: { name },
        update: {
          $setOnInsert: {
            name,
            displayName: name,
            description: null,
            m365GroupId: null,
            removed: false,
            removedAt: null,
            createdAt: now,
            updatedAt: now,
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  return result.upsertedCount;
}
