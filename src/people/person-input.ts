import { cleanText, type InputProblem } from '../ledger/device-input';
import { isCustomFieldName } from '../provisioning/mapping';
import { fieldFromName, READ_ONLY_FIELDS } from './person-fields';
import {
  isListAttribute,
  type ListAttribute,
  type PersonAttributes,
  type SingleValueAttribute,
} from './person';

/**
 * One imported row, checked before anything is written (pure). A column that is present with an
 * empty cell clears that value; a column that is absent leaves it as it is.
 */
export interface PersonInput {
  personId: string;
  attributes: Partial<PersonAttributes>;
  /** Custom field → value; null removes the field. */
  custom: Record<string, string | null>;
  licenceProfile?: string | null;
  groups?: string[];
  removed?: boolean;
}

export type { InputProblem };

/** Graph's documented maximum lengths; 256 for the others. */
const MAX_LENGTH: Partial<Record<SingleValueAttribute | ListAttribute, number>> = {
  city: 128,
  companyName: 64,
  country: 128,
  department: 64,
  employeeId: 16,
  givenName: 64,
  jobTitle: 128,
  mailNickname: 64,
  officeLocation: 128,
  postalCode: 40,
  state: 128,
  streetAddress: 1024,
  surname: 64,
  userPrincipalName: 113,
};

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const EMAIL_FIELDS = new Set(['userPrincipalName', 'mail', 'otherMails']);
const TRUE_WORDS = new Set(['true', 'yes', '1', 'はい', '削除', '削除済み', 'removed']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'いいえ', '']);

/** Strips control characters (broken exports) and surrounding space; "" means empty. */
function clean(raw: unknown): string | null | { notText: true } {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  if (typeof raw === 'boolean') raw = String(raw);
  if (typeof raw !== 'string') return { notText: true };
  const text = cleanText(raw);
  return text === '' ? null : text;
}

/** A list cell: a JSON array, or text split at ";" or line breaks (Alt+Enter in Excel). */
function cleanList(raw: unknown): string[] | { notText: true } {
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[;\n]/) : [raw];
  const out: string[] = [];
  for (const item of items) {
    const v = clean(item);
    if (v !== null && typeof v === 'object') return { notText: true };
    if (v !== null && !out.includes(v)) out.push(v);
  }
  return out;
}

export function parsePersonInput(raw: Record<string, unknown>): {
  value: PersonInput | null;
  problems: InputProblem[];
} {
  const problems: InputProblem[] = [];
  const input: PersonInput = { personId: '', attributes: {}, custom: {} };
  const attributes = input.attributes as Record<string, string | null | string[]>;
  for (const [name, rawValue] of Object.entries(flattenCustom(raw))) {
    const field = fieldFromName(name);
    if (!field) {
      problems.push({ field: name, key: 'input.unknownField', params: { field: name } });
      continue;
    }
    if (READ_ONLY_FIELDS.has(field)) continue;
    const notText: InputProblem = { field, key: 'input.notText', params: { field } };
    if (field === 'groups' || isListAttribute(field)) {
      const list = cleanList(rawValue);
      if (!Array.isArray(list)) problems.push(notText);
      else if (field === 'groups') input.groups = list;
      else attributes[field] = list;
      continue;
    }
    const value = clean(rawValue);
    if (value !== null && typeof value === 'object') {
      problems.push(notText);
      continue;
    }
    if (field === 'personId') input.personId = (value ?? '').normalize('NFKC');
    else if (field === 'licenceProfile') input.licenceProfile = value;
    else if (field === 'removed') {
      const word = (value ?? '').toLowerCase();
      if (TRUE_WORDS.has(word)) input.removed = true;
      else if (FALSE_WORDS.has(word)) input.removed = false;
      else problems.push({ field, key: 'people.input.badBoolean', params: { field, value: word } });
    } else if (field.startsWith('custom.')) {
      const name = field.slice(7);
      if (isCustomFieldName(name)) input.custom[name] = value;
      else problems.push({ field, key: 'people.input.badCustomName', params: { field: name } });
    } else attributes[field] = value;
  }
  problems.push(...checkValues(input));
  return { value: problems.length > 0 ? null : input, problems };
}

/** `{"custom": {"a": "1"}}` of an exported JSON record → `custom.a` columns. */
function flattenCustom(raw: Record<string, unknown>): Record<string, unknown> {
  const { custom, ...rest } = raw;
  if (typeof custom !== 'object' || custom === null || Array.isArray(custom)) return raw;
  for (const [k, v] of Object.entries(custom)) rest[`custom.${k}`] = v;
  return rest;
}

function checkValues(input: PersonInput): InputProblem[] {
  const problems: InputProblem[] = [];
  if (!input.personId) problems.push({ field: 'personId', key: 'people.input.personIdMissing' });
  else if (!/^\S{1,64}$/.test(input.personId))
    problems.push({
      field: 'personId',
      key: 'people.input.badPersonId',
      params: { value: input.personId },
    });
  for (const [field, value] of Object.entries(input.attributes) as [
    string,
    string | string[] | null,
  ][]) {
    const values = Array.isArray(value) ? value : value === null ? [] : [value];
    const max = MAX_LENGTH[field as SingleValueAttribute] ?? 256;
    if (values.some((v) => v.length > max))
      problems.push({ field, key: 'input.tooLong', params: { field, max } });
    const bad = values.find((v) => EMAIL_FIELDS.has(field) && !EMAIL.test(v));
    if (bad) problems.push({ field, key: 'people.input.badEmail', params: { field, value: bad } });
  }
  const usage = input.attributes.usageLocation;
  if (usage && !/^[A-Za-z]{2}$/.test(usage))
    problems.push({
      field: 'usageLocation',
      key: 'people.input.badUsageLocation',
      params: { value: usage },
    });
  else if (usage) input.attributes.usageLocation = usage.toUpperCase();
  const nickname = input.attributes.mailNickname;
  if (nickname && /[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/.test(nickname))
    problems.push({
      field: 'mailNickname',
      key: 'people.input.badMailNickname',
      params: { value: nickname },
    });
  for (const [name, value] of Object.entries(input.custom))
    if (value && value.length > 1024)
      problems.push({
        field: `custom.${name}`,
        key: 'input.tooLong',
        params: { field: `custom.${name}`, max: 1024 },
      });
  return problems;
}
