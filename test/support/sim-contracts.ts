import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** ../shared/contracts beside the repository (the published Graph and Jamf schemas). */
export const CONTRACTS_DIR = path.resolve(__dirname, '../../../shared/contracts');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * The OpenAPI 3.0 schema objects turned into JSON Schema ajv can check, following
 * contracts/graph/README.md: `nullable` becomes a null type, `additionalProperties:
 * {type: object}` becomes true, nullable $refs (x-csdl-nullable) accept null, and a
 * `discriminator` mapping picks the oneOf branch by its property, as OpenAPI means it.
 */
export function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'discriminator') continue;
    out[key] = toJsonSchema(value);
  }
  const additional = node.additionalProperties;
  if (
    additional &&
    typeof additional === 'object' &&
    !Array.isArray(additional) &&
    additional.type === 'object'
  ) {
    out.additionalProperties = true;
  }
  if (node.nullable === true && typeof node.type === 'string') out.type = [node.type, 'null'];
  if (node.nullable === true && Array.isArray(node.enum)) out.enum = [...node.enum, null];
  if (node['x-csdl-nullable'] === true && typeof node.$ref === 'string') {
    delete out.$ref;
    out.anyOf = [{ $ref: node.$ref }, { type: 'null' }];
  }
  const discriminator = node.discriminator as
    { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (discriminator?.propertyName && discriminator.mapping && Array.isArray(node.oneOf)) {
    const name = discriminator.propertyName;
    delete out.oneOf;
    out.required = [name];
    out.properties = { [name]: { enum: Object.keys(discriminator.mapping) } };
    out.allOf = Object.entries(discriminator.mapping).map(([value, ref]) => ({
      if: { properties: { [name]: { const: value } } },
      then: { $ref: ref },
    }));
  }
  return out;
}

function load(file: string): { [key: string]: Json } {
  return JSON.parse(readFileSync(path.join(CONTRACTS_DIR, file), 'utf8')) as {
    [key: string]: Json;
  };
}

export interface Contracts {
  /** A validator for `components/schemas/<name>` of one contract file. */
  schema(
    file:
      | 'graph/managedDevice.schema.json'
      | 'graph/odata-error.schema.json'
      | 'graph/user.schema.json'
      | 'graph/group.schema.json'
      | 'graph/subscribedSku.schema.json'
      | 'jamf/jamf-pro-api-11.7.1.excerpt.json',
    name: string,
  ): ValidateFunction;
  ajv: Ajv;
}

export function loadContracts(): Contracts {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const files = [
    'graph/managedDevice.schema.json',
    'graph/odata-error.schema.json',
    'graph/user.schema.json',
    'graph/group.schema.json',
    'graph/subscribedSku.schema.json',
    'jamf/jamf-pro-api-11.7.1.excerpt.json',
  ];
  for (const file of files) {
    const doc = toJsonSchema(load(file)) as { [key: string]: Json };
    // README note 4: real Graph errors carry innerError.date without a UTC offset, which the
    // published date-time pattern rejects; accept that one deviation, nothing else.
    if (file.endsWith('odata-error.schema.json')) {
      const schemas = (
        doc.components as { schemas: Record<string, { properties: Record<string, Json> }> }
      ).schemas;
      schemas['microsoft.graph.ODataErrors.InnerError'].properties.date = {
        type: ['string', 'null'],
        pattern: '^[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}',
      };
    }
    ajv.addSchema({ ...doc, $id: `https://contracts.local/${file}` });
  }
  return {
    ajv,
    schema(file, name) {
      const validate = ajv.getSchema(`https://contracts.local/${file}#/components/schemas/${name}`);
      if (!validate) throw new Error(`no schema ${name} in ${file}`);
      return validate;
    },
  };
}

/** One line per problem, e.g. "/value/3/deviceRegistrationState must be equal to one of the allowed values". */
export function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

/** Asserts `data` is valid, printing every problem when it is not. */
export function expectValid(validate: ValidateFunction, data: unknown, what: string): void {
  const ok = validate(data);
  if (!ok)
    throw new Error(
      `${what} does not match the contract:\n  ${describeErrors(validate.errors).slice(0, 20).join('\n  ')}`,
    );
}

/**
 * Not in the contract files: the OAuth token answers (RFC 6749 §5.1 / §5.2; Jamf's documented
 * example in contracts/jamf/README.md). Kept small and strict here instead.
 */
const oauth = new Ajv({ allErrors: true });
export const tokenAnswer = oauth.compile({
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: {
    access_token: { type: 'string', minLength: 20 },
    token_type: { const: 'Bearer' },
    expires_in: { type: 'integer', minimum: 1 },
    scope: { type: 'string' },
  },
});
export const oauthError = oauth.compile({
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    error_description: { type: 'string' },
    error_codes: { type: 'array', items: { type: 'integer' } },
  },
});

/** A JSON answer with its status and headers. */
export async function getJson(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.json() };
}
