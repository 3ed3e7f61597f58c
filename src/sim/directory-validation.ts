import type { DirectoryState, SimUser } from './directory-model';
import type { ODataErrorDetail } from './graph-odata';
import { SELECTABLE_USER_PROPERTIES } from './directory-views';

/** A refusal, in Graph's words; the route turns it into an ODataError with the request-id. */
export interface DirectoryFault {
  status: number;
  code: string;
  message: string;
  details?: ODataErrorDetail[];
}

const badRequest = (message: string, details?: ODataErrorDetail[]): DirectoryFault => ({
  status: 400,
  code: 'Request_BadRequest',
  message,
  details,
});

export const invalidValue = (property: string, resource: 'User' | 'Group') =>
  badRequest(`Invalid value specified for property '${property}' of resource '${resource}'.`);

export const valueRequired = (property: string, resource: 'User' | 'Group') =>
  badRequest(`A value is required for property '${property}' of resource '${resource}'.`);

/** The OData layer's answer to a property the type does not have. */
export const unknownProperty = (property: string, type: 'user' | 'group'): DirectoryFault => ({
  status: 400,
  code: 'BadRequest',
  message: `The property '${property}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
});

/** Entra ID's conflict on a unique property (details as in Graph's answers since 2024). */
export function conflict(property: string): DirectoryFault {
  const message = `Another object with the same value for property ${property} already exists.`;
  return badRequest(message, [{ code: 'ObjectConflict', message, target: property }]);
}

export const notFound = (id: string): DirectoryFault => ({
  status: 404,
  code: 'Request_ResourceNotFound',
  message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
});

const REQUIRED_ON_CREATE = [
  'accountEnabled',
  'displayName',
  'mailNickname',
  'passwordProfile',
  'userPrincipalName',
];
const READ_ONLY = new Set(['id', 'createdDateTime', 'deletedDateTime', 'assignedLicenses']);
const STRING_LIMITS: Record<string, number> = {
  displayName: 256,
  mailNickname: 64,
  employeeId: 16,
};
/** userPrincipalName: alias@domain, alias limited to A-Z a-z 0-9 ' . - _ ! # ^ ~ (operations.json). */
const UPN = /^[A-Za-z0-9'.\-_!#^~]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
/** mailNickname: ASCII without @ ( ) \ [ ] " ; : < > , or space. */
const MAIL_NICKNAME = /^[\x21-\x7e]+$/;
const MAIL_NICKNAME_FORBIDDEN = /[@()\\[\]";:<>,]/;

export function isValidMailNickname(value: string): boolean {
  return MAIL_NICKNAME.test(value) && !MAIL_NICKNAME_FORBIDDEN.test(value) && value.length <= 64;
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether one property's value is acceptable to Entra ID, by its shape alone. */
function validValue(name: string, value: unknown): boolean {
  switch (name) {
    case 'accountEnabled':
      return typeof value === 'boolean';
    // A string collection, but Entra ID takes a single number (user.schema.json, seed 001 ※1).
    case 'businessPhones':
      return isStringArray(value) && value.length <= 1;
    case 'otherMails':
      return isStringArray(value);
    case 'usageLocation':
      return value === null || (typeof value === 'string' && /^[A-Z]{2}$/.test(value));
    case 'passwordProfile':
      return isObject(value) && typeof value.password === 'string' && value.password.length > 0;
    case 'employeeOrgData':
      return (
        value === null ||
        (isObject(value) &&
          Object.entries(value).every(
            ([k, v]) =>
              ['division', 'costCenter'].includes(k) && (v === null || typeof v === 'string'),
          ))
      );
    case 'onPremisesExtensionAttributes':
      return (
        isObject(value) &&
        Object.entries(value).every(
          ([k, v]) =>
            /^extensionAttribute([1-9]|1[0-5])$/.test(k) && (v === null || typeof v === 'string'),
        )
      );
    case 'mailNickname':
      return typeof value === 'string' && isValidMailNickname(value);
    default:
      // Every other modelled property is a nullable string; Entra ID refuses '' (send null to clear).
      return (
        value === null ||
        (typeof value === 'string' && value !== '' && value.length <= (STRING_LIMITS[name] ?? 1024))
      );
  }
}

/**
 * Checks a POST /users or PATCH /users/{id} body against what Entra ID accepts; `existing` is
 * the user being updated (undefined on create). Uniqueness is checked against every other user.
 */
export function checkUserBody(
  state: DirectoryState,
  body: Record<string, unknown>,
  existing: SimUser | undefined,
): DirectoryFault | undefined {
  if (!existing) {
    const missing = REQUIRED_ON_CREATE.find(
      (name) => body[name] === undefined || body[name] === null,
    );
    if (missing) return valueRequired(missing, 'User');
  }
  for (const [name, value] of Object.entries(body)) {
    if (READ_ONLY.has(name))
      return badRequest(`Property '${name}' is read-only and cannot be set.`);
    if (!SELECTABLE_USER_PROPERTIES.has(name)) return unknownProperty(name, 'user');
    if (name === 'userPrincipalName') {
      const fault = checkUpn(state, value);
      if (fault) return fault;
    } else if (!validValue(name, value)) return invalidValue(name, 'User');
  }
  const others = state.users.filter((u) => u !== existing);
  const upn =
    typeof body.userPrincipalName === 'string' ? body.userPrincipalName.toLowerCase() : undefined;
  if (upn && others.some((u) => u.userPrincipalName.toLowerCase() === upn))
    return conflict('userPrincipalName');
  const immutableId = body.onPremisesImmutableId;
  if (
    typeof immutableId === 'string' &&
    others.some((u) => u.onPremisesImmutableId === immutableId)
  )
    return conflict('onPremisesImmutableId');
  return undefined;
}

function checkUpn(state: DirectoryState, value: unknown): DirectoryFault | undefined {
  if (typeof value !== 'string' || !UPN.test(value))
    return badRequest('Property userPrincipalName is invalid.');
  const domain = value.slice(value.indexOf('@') + 1).toLowerCase();
  if (state.verifiedDomains && !state.verifiedDomains.some((d) => d.toLowerCase() === domain)) {
    return badRequest(
      'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.',
    );
  }
  return undefined;
}
