import type { JamfConfig } from '../../config/config';
import { createJamfSend, jamfFailure, type JamfSend } from '../../mdm/jamf-http';
import { JamfTokens } from '../../mdm/jamf-token';
import { RequestFailure } from '../../mdm/retry';
import {
  classifyJamfReadFailure,
  classifyJamfTokenFailure,
  JAMF_LISTINGS,
  type JamfSelfTestFacts,
  type JamfSelfTestOutcome,
  type JamfSelfTestResult,
} from './jamf-outcome';
import {
  message,
  sentence,
  retryPolicyOf,
  SELF_TEST_DEFAULTS,
  type SelfTestMessage,
  type SelfTestOptions,
  runSelfTest,
  type Verdict as SelfTestVerdict,
} from './result';
import { failureFacts, finalFailure, retried, shorten, tries } from './retries';

type Verdict = SelfTestVerdict<JamfSelfTestOutcome, JamfSelfTestFacts>;
type Listing = (typeof JAMF_LISTINGS)[number];

/**
 * Checks the Jamf Pro connection the way the sync uses it: an OAuth token for the API client,
 * then one record of the computer and of the mobile device inventory, so that a missing
 * privilege is named. Never throws; answers within `deadlineMs`.
 */
export async function runJamfSelfTest(
  config: JamfConfig | undefined,
  options: SelfTestOptions = {},
): Promise<JamfSelfTestResult> {
  const base: JamfSelfTestFacts = { url: config?.url, clientId: config?.clientId };
  return runSelfTest({
    provider: 'jamf',
    target: config && {
      base,
      secrets: [config.clientSecret],
      check: () => check(config, options, base),
    },
    notConfigured: 'selfTest.notConfigured.jamf',
    noAnswer: 'selfTest.noAnswer.jamf',
    deadlineMs: options.deadlineMs ?? SELF_TEST_DEFAULTS.deadlineMs,
  });
}

async function check(
  config: JamfConfig,
  options: SelfTestOptions,
  base: JamfSelfTestFacts,
): Promise<Verdict> {
  const policy = retryPolicyOf(options);
  const send = createJamfSend(options.timeoutMs ?? SELF_TEST_DEFAULTS.timeoutMs);
  const tokens = new JamfTokens(config, send);

  let token: string;
  try {
    token = await retried(() => tokens.get(), policy);
  } catch (e) {
    const failure = finalFailure(e);
    return {
      outcome: classifyJamfTokenFailure(failure.status),
      facts: { ...base, ...failureFacts(failure) },
      message: [
        message('selfTest.jamf.tokenFailed', {
          tries: tries(e),
          message: sentence(shorten(failure.message)),
        }),
      ],
    };
  }

  const facts: JamfSelfTestFacts = { ...base };
  const missing: string[] = [];
  for (const listing of JAMF_LISTINGS) {
    try {
      facts[listing.key] = await retried(() => readTotal(config, send, token, listing), policy);
    } catch (e) {
      const failure = finalFailure(e);
      // Each listing has its own privilege: read the other one too, to name all that lack.
      if (failure.status === 403) {
        missing.push(listing.privilege);
        continue;
      }
      return {
        outcome: classifyJamfReadFailure(failure.status),
        facts: { ...facts, ...failureFacts(failure) },
        message: [
          message('selfTest.jamf.readFailed', {
            listing: message(`selfTest.jamf.listing.${listing.key}`),
            tries: tries(e),
            message: sentence(shorten(failure.message)),
          }),
        ],
      };
    }
  }
  if (missing.length > 0) {
    return {
      outcome: 'missing-privilege',
      facts: { ...facts, missingPrivileges: missing, status: 403 },
      message: [missingPrivilegeMessage(config.clientId, missing)],
    };
  }
  const computers = facts.computerCount ?? 0;
  const mobiles = facts.mobileDeviceCount ?? 0;
  return {
    outcome: computers + mobiles > 0 ? 'ok' : 'empty-result',
    facts: { ...facts, status: 200 },
    message: [
      computers + mobiles > 0
        ? message('selfTest.jamf.signedIn', { clientId: config.clientId, computers, mobiles })
        : message('selfTest.jamf.signedInEmpty', { clientId: config.clientId }),
    ],
  };
}

function missingPrivilegeMessage(clientId: string, missing: string[]): SelfTestMessage {
  return missing.length > 1
    ? message('selfTest.jamf.missingPrivileges', {
        clientId,
        first: missing[0],
        second: missing[1],
      })
    : message('selfTest.jamf.missingPrivilege', { clientId, privilege: missing[0] });
}

/** totalCount of one inventory, from a page of one record. */
async function readTotal(
  config: JamfConfig,
  send: JamfSend,
  token: string,
  listing: Listing,
): Promise<number> {
  const what = `Jamf Pro ${listing.name}`;
  const answer = await send(
    `${config.url}${listing.path}?section=GENERAL&page=0&page-size=1`,
    { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
    what,
  );
  if (answer.status !== 200) throw jamfFailure(answer, what);
  let totalCount: unknown;
  try {
    totalCount = (JSON.parse(answer.body) as { totalCount?: unknown }).totalCount;
  } catch {
    // reported below
  }
  if (typeof totalCount !== 'number') {
    throw new RequestFailure(`${what}: the answer has no totalCount (is JAMF_URL a Jamf Pro?)`, {
      status: 200,
      retryable: false,
    });
  }
  return totalCount;
}
