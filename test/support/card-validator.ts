import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';

/** The official Adaptive Card 1.5 schema, kept in ../shared/contracts (no npm package ships it). */
export const CARD_SCHEMA_PATH = path.resolve(
  __dirname,
  '../../../shared/contracts/adaptive-cards/adaptive-card-1.5.0.json',
);

const KEY = 'adaptive-card-1.5';

/**
 * ajv 8 set up as contracts/adaptive-cards/README.md says: the draft-06 meta-schema, the
 * top-level draft-04 style `id` dropped (ajv 8 reads `$id`), every error, no strict mode (the
 * schema uses keywords ajv does not know).
 */
function createAjv(): Ajv {
  const schema = JSON.parse(readFileSync(CARD_SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  ajv.addSchema(schema, KEY);
  return ajv;
}

let ajv: Ajv | undefined;
const byType = new Map<string, ValidateFunction | null>();

function validatorFor(type: string): ValidateFunction | null {
  ajv ??= createAjv();
  if (!byType.has(type)) {
    let fn: ValidateFunction | null = null;
    try {
      fn = ajv.getSchema(`${KEY}#/definitions/${type}`) ?? null;
    } catch {
      fn = null; // no such definition: reported as an unknown type below
    }
    byType.set(type, fn);
  }
  return byType.get(type)!;
}

type Node = { [key: string]: unknown };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Calls `visit` for every object that has a `type`, skipping actions' free-form `data`. */
function walk(value: unknown, pointer: string, visit: (node: Node, pointer: string) => void) {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${pointer}/${i}`, visit));
    return;
  }
  if (!isNode(value)) return;
  const type = value.type;
  if (typeof type === 'string') visit(value, pointer);
  for (const [key, child] of Object.entries(value)) {
    if (key === 'data' && typeof type === 'string' && type.startsWith('Action.')) continue;
    walk(child, `${pointer}/${key}`, visit);
  }
}

function at(node: Node, instancePath: string): unknown[] {
  const trail: unknown[] = [];
  let here: unknown = node;
  for (const part of instancePath.split('/').slice(1)) {
    here = Array.isArray(here) ? here[Number(part)] : isNode(here) ? here[part] : undefined;
    trail.push(here);
  }
  return trail;
}

/** True when the error's path goes into a child that has its own `type` (reported there). */
function insideTypedChild(node: Node, instancePath: string): boolean {
  return at(node, instancePath).some((v) => isNode(v) && typeof v.type === 'string');
}

/**
 * One line per wrong property. An anyOf (enums are written as case-insensitive patterns or
 * null) fails with one error per branch; they say together only that the value is not allowed.
 */
function lines(node: Node, errors: ErrorObject[]): [string, string][] {
  const out: [string, string][] = [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    if (e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty: unknown }).additionalProperty);
      out.push([e.instancePath, `must NOT have additional properties "${name}"`]);
    } else byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e]);
  }
  for (const [path, group] of byPath) {
    if (group.some((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
      const value = JSON.stringify(at(node, path).pop() ?? node).slice(0, 60);
      out.push([path, `must be one of the allowed values, not ${value}`]);
    } else out.push([path, [...new Set(group.map((e) => e.message ?? e.keyword))].join('; ')]);
  }
  return out;
}

/** A whole-card error names the element that is valid by itself but not where it stands. */
function misplaced(card: Node, e: ErrorObject): string {
  const parts = e.instancePath.split('/').slice(1);
  const trail = at(card, e.instancePath);
  for (let i = trail.length - 1; i >= 0; i--) {
    const node = trail[i];
    if (isNode(node) && typeof node.type === 'string')
      return `/${parts.slice(0, i + 1).join('/')} (${node.type}) is not allowed here`;
  }
  return `${e.instancePath || '/'} ${e.message ?? e.keyword}`;
}

/**
 * Problems with a card, one line each, e.g.
 * `/body/4 (TextBlock) must NOT have additional properties "colr"`. Each typed object is checked
 * against its own definition: the whole-card errors are an anyOf over every element type and
 * say little about what is wrong. Empty when the card is valid.
 */
export function validateCard(card: unknown): string[] {
  const problems = new Set<string>();
  walk(card, '', (node, pointer) => {
    const type = node.type as string;
    const validate = validatorFor(type);
    if (!validate) {
      problems.add(`${pointer || '/'} unknown type "${type}"`);
      return;
    }
    if (validate(node)) return;
    const own = (validate.errors ?? []).filter((e) => !insideTypedChild(node, e.instancePath));
    for (const [path, message] of lines(node, own))
      problems.add(`${pointer + path || '/'} (${type}) ${message}`);
  });
  // Typed objects all fine but the card still wrong (e.g. an element where none may be).
  if (problems.size === 0) {
    const whole = validatorFor('AdaptiveCard');
    if (whole && !whole(card))
      for (const e of whole.errors ?? []) problems.add(misplaced(card as Node, e));
  }
  return [...problems];
}
