import {
  AzureAuthorityHosts,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  type TokenCredential,
  type TokenCredentialOptions,
} from '@azure/identity';
import type { IntuneConfig } from '../../config/config';
import { RequestFailure, withTimeout } from './retry';

type PipelinePolicy = NonNullable<TokenCredentialOptions['additionalPolicies']>[number]['policy'];

/** The last answer from Entra ID that was not a success: its body explains more than MSAL does. */
interface SignInAnswer {
  status: number;
  error?: string;
  description?: string;
  requestId?: string;
}

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
  let lastProblem: SignInAnswer | undefined;
  const watch: PipelinePolicy = {
    name: 'daichoSignInWatch',
    async sendRequest(request, next) {
      const isToken =
        request.method === 'POST' && /\/oauth2\/v2\.0\/token$/.test(new URL(request.url).pathname);
      if (isToken) tokenRequests++;
      const response = await next(request);
      if (response.status >= 400) {
        const requestId = response.headers.get('x-ms-request-id') ?? undefined;
        lastProblem = readProblem(response.status, response.bodyAsText ?? undefined, requestId);
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
  };
  const credential = buildCredential(config, options);

  return {
    credential,
    get tokenRequests() {
      return tokenRequests;
    },
    async getToken(scope, timeoutMs) {
      lastProblem = undefined;
      try {
        const token = await withTimeout(timeoutMs, 'Intune sign-in', (abortSignal) =>
          abortable(credential.getToken(scope, { abortSignal }), abortSignal),
        );
        if (!token) throw new Error('the credential returned no token');
        return token.token;
      } catch (e) {
        if (e instanceof RequestFailure) throw e;
        throw signInFailure(e, lastProblem, config);
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

function readProblem(
  status: number,
  body: string | undefined,
  requestId: string | undefined,
): SignInAnswer {
  try {
    const json = JSON.parse(body ?? '') as {
      error?: string;
      error_description?: string;
      trace_id?: string;
    };
    return {
      status,
      error: json.error,
      description: json.error_description,
      requestId: requestId ?? json.trace_id,
    };
  } catch {
    return { status, requestId };
  }
}

/** Hints for the Entra ID errors an admin setting Daicho up actually meets. */
const HINTS: Record<string, string> = {
  '7000215': 'check AZURE_CLIENT_SECRET: use the secret Value, not the Secret ID',
  '7000222': 'the client secret has expired: create a new one in the app registration',
  '700016': 'check AZURE_CLIENT_ID and that the app is registered in tenant AZURE_TENANT_ID',
  '90002': 'check AZURE_TENANT_ID',
  '700027':
    'the certificate does not match one uploaded to the app registration (AZURE_CLIENT_CERTIFICATE_PATH)',
};

/** Sign-in failures are not retried: a wrong secret stays wrong, and retries may lock the app out. */
function signInFailure(
  e: unknown,
  answer: SignInAnswer | undefined,
  config: IntuneConfig,
): RequestFailure {
  const detail = answer?.description ?? (e instanceof Error ? e.message : String(e));
  const code = /AADSTS(\d+)/.exec(detail)?.[1];
  const hint = code && HINTS[code] ? ` (${HINTS[code]})` : '';
  const firstLine = detail.split(/ Trace ID:|\r?\n/)[0];
  const message = `Intune sign-in failed for app ${config.clientId ?? '(managed identity)'} in tenant ${config.tenantId}: ${answer?.error ? `${answer.error}: ` : ''}${firstLine}${hint}`;
  const transient = answer !== undefined && (answer.status === 429 || answer.status >= 500);
  return new RequestFailure(
    message,
    { status: answer?.status, requestId: answer?.requestId, retryable: transient },
    { cause: e },
  );
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
