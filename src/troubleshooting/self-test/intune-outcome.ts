import { CHECK_OUTCOMES } from '../checks';
import type { RequestFailure } from '../../mdm/retry';
import type { SelfTestResult } from './result';

/**
 * Every answer of the Intune self-test. The list lives in ../checks.ts, the contract with the
 * trees: each tree's check node must lead somewhere for each of them.
 */
export const INTUNE_SELF_TEST_OUTCOMES = CHECK_OUTCOMES['intune-self-test'];
export type IntuneSelfTestOutcome = (typeof INTUNE_SELF_TEST_OUTCOMES)[number];

export interface IntuneSelfTestFacts {
  /** The configured tenant (AZURE_TENANT_ID). */
  tenantId?: string;
  /** The tenant that issued the token (its `tid`). */
  tokenTenantId?: string;
  /** Application permissions in the token. */
  roles?: string[];
  appId?: string;
  /** Devices in the answer to `$top=1`: 1, or 0 when there are none. */
  deviceCountSample?: number;
  /** HTTP status of the answer that decided the outcome. */
  status?: number;
  /** Entra ID's error code, e.g. "AADSTS7000215". */
  aadCode?: string;
  /** Graph's request-id or Entra ID's trace id, for a support case. */
  requestId?: string;
  retryAfterSeconds?: number;
}

export type IntuneSelfTestResult = SelfTestResult<
  'intune',
  IntuneSelfTestOutcome,
  IntuneSelfTestFacts
>;

/** Either application permission lets the app list managed devices. */
export const READ_MANAGED_DEVICES_ROLES = [
  'DeviceManagementManagedDevices.Read.All',
  'DeviceManagementManagedDevices.ReadWrite.All',
];

/** Entra ID codes that name the problem exactly. */
const SIGN_IN_CODES: Record<string, IntuneSelfTestOutcome> = {
  '7000215': 'bad-secret', // invalid client secret (often the Secret ID instead of its Value)
  '700027': 'bad-secret', // the certificate's assertion is not accepted
  '7000222': 'expired-secret',
  '90002': 'wrong-tenant', // tenant not found
  '900023': 'wrong-tenant', // the tenant id is neither a GUID nor a known domain
  '700016': 'unknown-client', // no such application in this tenant
};

/** OAuth error names, for an AADSTS code not listed above. */
const SIGN_IN_ERRORS: Record<string, IntuneSelfTestOutcome> = {
  invalid_client: 'bad-secret',
  invalid_tenant: 'wrong-tenant',
  unauthorized_client: 'unknown-client',
};

/**
 * A failed sign-in, by Entra ID's code, else its OAuth error name, else its status. Read from
 * the message that intune-sign-in-failure.ts builds: "...: invalid_client: AADSTS7000215: ...".
 */
export function classifySignInFailure(failure: RequestFailure): {
  outcome: IntuneSelfTestOutcome;
  aadCode?: string;
} {
  const code = /AADSTS(\d+)/.exec(failure.message)?.[1];
  const aadCode = code ? `AADSTS${code}` : undefined;
  const byCode = code ? SIGN_IN_CODES[code] : undefined;
  if (byCode) return { outcome: byCode, aadCode };
  const error = /: ([a-z_]+): AADSTS/.exec(failure.message)?.[1];
  const byError = error ? SIGN_IN_ERRORS[error] : undefined;
  if (byError) return { outcome: byError, aadCode };
  return { outcome: byStatus(failure.status), aadCode };
}

/** A failed managedDevices call whose token looked right. */
export function classifyGraphFailure(failure: RequestFailure): IntuneSelfTestOutcome {
  if (failure.status === 403) return 'missing-permission';
  // Graph refused a token Entra ID just issued: it is for another tenant or another cloud.
  if (failure.status === 401) return 'wrong-tenant';
  return byStatus(failure.status);
}

/**
 * No answer, a timeout, 5xx: the service cannot be used from here. So is an unexpected 4xx
 * (e.g. a GRAPH_BASE_URL that is not Graph): the detail carries the service's own words.
 */
function byStatus(status: number | undefined): IntuneSelfTestOutcome {
  return status === 429 ? 'throttled' : 'unreachable';
}
