import type { IntuneConfig } from '../../config/config';
import { createIntuneSignIn } from '../../mdm/intune-credential';
import { isOtherTenant, readAccessToken, type AccessTokenFacts } from './access-token';
import { createManagedDevicesProbe } from './intune-graph-probe';
import {
  classifyGraphFailure,
  classifySignInFailure,
  READ_MANAGED_DEVICES_ROLES,
  type IntuneSelfTestFacts,
  type IntuneSelfTestOutcome,
  type IntuneSelfTestResult,
} from './intune-outcome';
import {
  sentence,
  retryPolicyOf,
  SELF_TEST_DEFAULTS,
  type SelfTestOptions,
  runSelfTest,
  type Verdict as SelfTestVerdict,
} from './result';
import { failureFacts, finalFailure, retried, shorten, triesText } from './retries';

type Verdict = SelfTestVerdict<IntuneSelfTestOutcome, IntuneSelfTestFacts>;

/**
 * Checks the Intune connection the way the sync uses it: signs in with the configured
 * credential, reads the tenant and the roles in the token, and lists one managed device.
 * Never throws; answers within `deadlineMs`.
 */
export async function runIntuneSelfTest(
  config: IntuneConfig | undefined,
  options: SelfTestOptions = {},
): Promise<IntuneSelfTestResult> {
  const base: IntuneSelfTestFacts = { tenantId: config?.tenantId, appId: config?.clientId };
  return runSelfTest({
    provider: 'intune',
    target: config && {
      base,
      secrets: config.auth.kind === 'secret' ? [config.auth.secret] : [],
      check: () => check(config, options, base),
    },
    notConfigured: 'No Intune credentials are configured.',
    service: 'Entra ID and Graph',
    deadlineMs: options.deadlineMs ?? SELF_TEST_DEFAULTS.deadlineMs,
  });
}

async function check(
  config: IntuneConfig,
  options: SelfTestOptions,
  base: IntuneSelfTestFacts,
): Promise<Verdict> {
  const timeoutMs = options.timeoutMs ?? SELF_TEST_DEFAULTS.timeoutMs;
  const policy = retryPolicyOf(options);
  // A new credential, so a fresh token: a cached one would show the roles of an hour ago.
  const signIn = createIntuneSignIn(config);
  const scope = `${new URL(config.graphBaseUrl).origin}/.default`;

  let token: string;
  try {
    token = await retried(() => signIn.getToken(scope, timeoutMs), policy);
  } catch (e) {
    const failure = finalFailure(e);
    const { outcome, aadCode } = classifySignInFailure(failure);
    return {
      outcome,
      facts: { ...base, ...failureFacts(failure), aadCode },
      detail: sentence(`Sign-in failed${triesText(e)}: ${failure.message}`),
    };
  }

  const claims: AccessTokenFacts | undefined = readAccessToken(token);
  const facts: IntuneSelfTestFacts = {
    ...base,
    tokenTenantId: claims?.tenantId,
    roles: claims?.roles,
    appId: claims?.appId ?? config.clientId,
  };
  if (isOtherTenant(config.tenantId, claims?.tenantId)) {
    return {
      outcome: 'wrong-tenant',
      facts,
      detail: `The token was issued by tenant ${claims?.tenantId}, not by the configured ${config.tenantId}.`,
    };
  }
  const signedIn = `Signed in as app ${facts.appId ?? '(managed identity)'}; the token carries ${rolesText(claims)}.`;

  const probe = createManagedDevicesProbe(config.graphBaseUrl, signIn.credential, scope);
  let count: number;
  try {
    count = await retried(() => probe(timeoutMs), policy);
  } catch (e) {
    const failure = finalFailure(e);
    const lacksRole = claims !== undefined && !hasReadRole(claims);
    const outcome = lacksRole ? 'missing-permission' : classifyGraphFailure(failure);
    return {
      outcome,
      facts: { ...facts, ...failureFacts(failure) },
      detail: sentence(
        `${signedIn} GET managedDevices failed${triesText(e)}: ${shorten(failure.message)}`,
      ),
    };
  }
  const answered = `${signedIn} GET managedDevices?$top=1 answered 200 with ${count} device(s)`;
  return {
    outcome: count > 0 ? 'ok' : 'empty-result',
    facts: { ...facts, status: 200, deviceCountSample: count },
    detail:
      count > 0
        ? `${answered}.`
        : `${answered}: the tenant has no Intune licence, or no device is enrolled yet.`,
  };
}

function hasReadRole(claims: AccessTokenFacts): boolean {
  return claims.roles.some((role) => READ_MANAGED_DEVICES_ROLES.includes(role));
}

function rolesText(claims: AccessTokenFacts | undefined): string {
  if (!claims) return 'no readable claims';
  return claims.roles.length > 0 ? `roles ${claims.roles.join(', ')}` : 'no application roles';
}
