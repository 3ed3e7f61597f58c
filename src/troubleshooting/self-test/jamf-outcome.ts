import { CHECK_OUTCOMES } from '../checks';
import type { SelfTestResult } from './result';

/** Every answer of the Jamf Pro self-test; the list lives in ../checks.ts, as Intune's does. */
export const JAMF_SELF_TEST_OUTCOMES = CHECK_OUTCOMES['jamf-self-test'];
export type JamfSelfTestOutcome = (typeof JAMF_SELF_TEST_OUTCOMES)[number];

/** The API role privilege each inventory endpoint needs (x-required-privileges). */
export const JAMF_LISTINGS = [
  {
    key: 'computerCount',
    name: 'computers',
    path: '/api/v1/computers-inventory',
    privilege: 'Read Computers',
  },
  {
    key: 'mobileDeviceCount',
    name: 'mobile devices',
    path: '/api/v2/mobile-devices/detail',
    privilege: 'Read Mobile Devices',
  },
] as const;

export interface JamfSelfTestFacts {
  /** JAMF_URL. */
  url?: string;
  /** The API client id (JAMF_CLIENT_ID). */
  clientId?: string;
  /** totalCount of the computer inventory. */
  computerCount?: number;
  /** totalCount of the mobile device inventory. */
  mobileDeviceCount?: number;
  /** Privileges the API client's role lacks, e.g. ["Read Mobile Devices"]. */
  missingPrivileges?: string[];
  /** HTTP status of the answer that decided the outcome. */
  status?: number;
  requestId?: string;
  retryAfterSeconds?: number;
}

export type JamfSelfTestResult = SelfTestResult<'jamf', JamfSelfTestOutcome, JamfSelfTestFacts>;

/** A failed token request, by status. */
export function classifyJamfTokenFailure(status: number | undefined): JamfSelfTestOutcome {
  if (status === 400 || status === 401 || status === 403) return 'bad-credentials';
  return status === 429 ? 'throttled' : 'unreachable';
}

/** A failed inventory request, by status (403 is handled per listing by the caller). */
export function classifyJamfReadFailure(status: number | undefined): JamfSelfTestOutcome {
  // Jamf refused a token it had just issued: the API client was disabled or changed meanwhile.
  if (status === 401) return 'bad-credentials';
  if (status === 403) return 'missing-privilege';
  return status === 429 ? 'throttled' : 'unreachable';
}
