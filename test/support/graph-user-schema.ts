import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { CONTRACTS_DIR, toJsonSchema } from './sim-contracts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = {
  $ref?: string;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  type?: string;
  items?: Schema;
};

export const USER_SCHEMA_FILE = path.join(CONTRACTS_DIR, 'graph/user.schema.json');

function schemas(): Record<string, Schema> {
  const doc = JSON.parse(readFileSync(USER_SCHEMA_FILE, 'utf8')) as {
    components: { schemas: Record<string, Schema> };
  };
  return doc.components.schemas;
}

/** A type's properties including its bases (allOf $ref), as the schema file spells them. */
function ownProperties(all: Record<string, Schema>, name: string): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  for (const part of all[name].allOf ?? [all[name]]) {
    if (part.$ref) Object.assign(out, ownProperties(all, part.$ref.split('/').pop()!));
    Object.assign(out, part.properties ?? {});
  }
  return out;
}

function kind(s: Schema): string {
  if (s.type === 'array') return s.items?.type === 'string' ? 'string[]' : 'object[]';
  return s.type ?? 'object';
}

/**
 * microsoft.graph.user's properties read from the contract, complex ones flattened to dotted
 * paths — what src/provisioning/user-properties.ts embeds.
 */
export function userPropertiesFromSchema(): Record<string, string> {
  const all = schemas();
  const out: Record<string, string> = {};
  for (const [name, s] of Object.entries(ownProperties(all, 'microsoft.graph.user'))) {
    if (name.startsWith('@')) continue;
    if (s.$ref) {
      for (const [sub, ss] of Object.entries(ownProperties(all, s.$ref.split('/').pop()!)))
        if (!sub.startsWith('@')) out[`${name}.${sub}`] = kind(ss);
    } else out[name] = kind(s);
  }
  return out;
}

/** An ajv validator for microsoft.graph.user (README rules: nullable, open additionalProperties). */
export function userValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const doc = toJsonSchema(JSON.parse(readFileSync(USER_SCHEMA_FILE, 'utf8')) as Json) as {
    [key: string]: Json;
  };
  ajv.addSchema({ ...doc, $id: 'https://contracts.local/graph/user.schema.json' });
  return ajv.getSchema(
    'https://contracts.local/graph/user.schema.json#/components/schemas/microsoft.graph.user',
  )!;
}
