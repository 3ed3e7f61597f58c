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
    notConfigured: 'selfTest.notConfigured.intune',
    noAnswer: 'selfTest.noAnswer.intune',
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
      message: [
        message('selfTest.intune.signInFailed', {
          tries: tries(e),
          message: sentence(failure.message),
        }),
      ],
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
      message: [wrongTenant(claims?.tenantId, config.tenantId)],
    };
  }
  const signedIn = signedInMessage(facts.appId, claims);

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
      message: [
        signedIn,
        message('selfTest.intune.graphFailed', {
          tries: tries(e),
          message: sentence(shorten(failure.message)),
        }),
      ],
    };
  }
  return {
    outcome: count > 0 ? 'ok' : 'empty-result',
    facts: { ...facts, status: 200, deviceCountSample: count },
    message: [
      signedIn,
      count > 0
        ? message('selfTest.intune.answered', { count })
        : message('selfTest.intune.answeredEmpty'),
    ],
  };
}

function hasReadRole(claims: AccessTokenFacts): boolean {
  return claims.roles.some((role) => READ_MANAGED_DEVICES_ROLES.includes(role));
}

function wrongTenant(tokenTenantId: string | undefined, tenantId: string): SelfTestMessage {
  return message('selfTest.intune.wrongTenant', { tokenTenantId: tokenTenantId ?? '', tenantId });
}

function signedInMessage(
  appId: string | undefined,
  claims: AccessTokenFacts | undefined,
): SelfTestMessage {
  const app = appId ?? message('selfTest.intune.managedIdentity');
  if (!claims) return message('selfTest.intune.signedInNoClaims', { appId: app });
  return claims.roles.length > 0
    ? message('selfTest.intune.signedIn', { appId: app, roles: claims.roles.join(', ') })
    : message('selfTest.intune.signedInNoRoles', { appId: app });
}
