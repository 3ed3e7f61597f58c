import { PERSON_COLUMNS } from '../people/person-fields';
import type { Person } from '../people/person';
import { toCsv } from './table-file';

/** How a list (otherMails, businessPhones, groups) sits in one CSV cell; imports split it back. */
export const LIST_SEPARATOR = ';';

/**
 * People as CSV: the fixed columns, then one `custom.<name>` column per custom field any person
 * has (sorted). Lists are joined with ";"; the file imports back unchanged.
 */
export function peopleCsv(people: Person[], excel: boolean): string {
  const customNames = [...new Set(people.flatMap((p) => Object.keys(p.custom ?? {})))].sort();
  const header = [...PERSON_COLUMNS, ...customNames.map((n) => `custom.${n}`)];
  const rows = people.map((p) => {
    const row: Record<string, unknown> = {};
    for (const column of PERSON_COLUMNS) {
      const value = p[column];
      row[column] = Array.isArray(value) ? value.join(LIST_SEPARATOR) : value;
    }
    for (const name of customNames) row[`custom.${name}`] = p.custom?.[name] ?? null;
    return row;
  });
  return toCsv(header, rows, { excel });
}
