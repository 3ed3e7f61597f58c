import {
  AzureAuthorityHosts,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
  type TokenCredentialOptions,
} from '@azure/identity';
import type { IntuneConfig } from '../config/config';
import { readSignInProblem, signInFailure, type SignInProblem } from './intune-sign-in-failure';
import { parseRetryAfter, RequestFailure, withTimeout } from './retry';

type PipelinePolicy = NonNullable<TokenCredentialOptions['additionalPolicies']>[number]['policy'];

/** The credential plus what the Entra ID traffic under it showed. */
export interface IntuneSignIn {
  credential: TokenCredential;
  /** Requests that really reached the token endpoint (the credential caches tokens). */
  readonly tokenRequests: number;
  /** A token for `scope`, or a RequestFailure that says what to fix. */
  getToken(scope: string, timeoutMs: number): Promise<string>;
}

/**
 * The credential that `config.auth` names. Instance discovery is switched off for an authority
 * host that is not a known Azure cloud (the local simulator), which has no discovery endpoint.
 */
export function createIntuneSignIn(config: IntuneConfig): IntuneSignIn {
  let tokenRequests = 0;
  let lastProblem: SignInProblem | undefined;
  const watch: PipelinePolicy = {
    name: 'daichoSignInWatch',
    async sendRequest(request, next) {
      const isToken =
        request.method === 'POST' && /\/oauth2\/v2\.0\/token$/.test(new URL(request.url).pathname);
      if (isToken) tokenRequests++;
      const response = await next(request);
      if (response.status >= 400) {
        lastProblem = readSignInProblem(
          response.status,
          response.bodyAsText ?? undefined,
          response.headers.get('x-ms-request-id') ?? undefined,
          parseRetryAfter(response.headers.get('retry-after')),
        );
      }
      return response;
    },
  };
  const knownCloud = (Object.values(AzureAuthorityHosts) as string[]).includes(
    config.authorityHost,
  );
  const options = {
    authorityHost: config.authorityHost,
    disableInstanceDiscovery: !knownCloud,
    additionalPolicies: [{ policy: watch, position: 'perCall' as const }],
    // One retry loop, the source's: the pipeline's own would stack its waits under ours.
    retryOptions: { maxRetries: 0 },
  };
  let current = buildCredential(config, options);
  // The Graph client keeps this one; it always asks the current credential.
  const credential: TokenCredential = { getToken: (scopes, o) => current.getToken(scopes, o) };

  return {
    credential,
    get tokenRequests() {
      return tokenRequests;
    },
    async getToken(scope, timeoutMs) {
      lastProblem = undefined;
      try {
        const token = await withTimeout(timeoutMs, 'Intune sign-in', (abortSignal) =>
          abortable(current.getToken(scope, { abortSignal }), abortSignal),
        );
        if (!token) throw new Error('the credential returned no token');
        return token.token;
      } catch (e) {
        const failure = e instanceof RequestFailure ? e : signInFailure(e, lastProblem, config);
        // MSAL (msal-node 5.6) then refuses the same call for 60 s whatever Retry-After said,
        // since it reads the header case-sensitively from lower-cased headers. A new
        // credential (no token lost: there was none) lets our own wait decide instead.
        if (failure.retryable) current = buildCredential(config, options);
        throw failure;
      }
    },
  };
}

function buildCredential(
  config: IntuneConfig,
  options: TokenCredentialOptions & { disableInstanceDiscovery: boolean },
): TokenCredential {
  const { auth, tenantId, clientId } = config;
  if (auth.kind === 'managedIdentity') {
    return clientId
      ? new ManagedIdentityCredential({ ...options, clientId })
      : new ManagedIdentityCredential(options);
  }
  // config.ts requires a client id for these two kinds.
  const id = clientId ?? '';
  if (auth.kind === 'certificate') {
    return new ClientCertificateCredential(
      tenantId,
      id,
      { certificatePath: auth.certificatePath },
      options,
    );
  }
  return new ClientSecretCredential(tenantId, id, auth.secret, options);
}

/** Rejects as soon as `signal` fires, even if the credential ignores it. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
