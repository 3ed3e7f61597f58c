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
  sentence,
  retryPolicyOf,
  SELF_TEST_DEFAULTS,
  type SelfTestOptions,
  runSelfTest,
  type Verdict as SelfTestVerdict,
} from './result';
import { failureFacts, finalFailure, retried, shorten, triesText } from './retries';

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
    notConfigured: 'No Jamf Pro credentials are configured.',
    service: 'Jamf Pro',
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
      detail: sentence(`Getting an OAuth token failed${triesText(e)}: ${shorten(failure.message)}`),
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
        detail: sentence(
          `Reading ${listing.name} failed${triesText(e)}: ${shorten(failure.message)}`,
        ),
      };
    }
  }
  if (missing.length > 0) {
    return {
      outcome: 'missing-privilege',
      facts: { ...facts, missingPrivileges: missing, status: 403 },
      detail: `Jamf Pro answered 403: the API role of client ${config.clientId} lacks ${missing.length > 1 ? 'the privileges' : 'the privilege'} ${missing.map((p) => `"${p}"`).join(' and ')}.`,
    };
  }
  const computers = facts.computerCount ?? 0;
  const mobiles = facts.mobileDeviceCount ?? 0;
  return {
    outcome: computers + mobiles > 0 ? 'ok' : 'empty-result',
    facts: { ...facts, status: 200 },
    detail: `Signed in as API client ${config.clientId}; Jamf Pro lists ${computers} computer(s) and ${mobiles} mobile device(s)${computers + mobiles > 0 ? '' : ': nothing is enrolled yet, or JAMF_URL names another instance'}.`,
  };
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
