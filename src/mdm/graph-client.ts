import type { TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import { describeError, isRetryableStatus, parseRetryAfter, RequestFailure } from './retry';

/**
 * The Graph client as the Intune source and the connection self-test use it. Retries are ours,
 * not the client's RetryHandler: that one does not retry timeouts or dropped connections, cannot
 * be counted, and would multiply with an outer loop. So the middleware chain has no RetryHandler.
 */
export function graphClient(baseUrl: string, credential: TokenCredential, scope: string): Client {
  return Client.initWithMiddleware({
    baseUrl,
    defaultVersion: 'v1.0',
    // Without its host here the client sends no token to anything but graph.microsoft.com.
    customHosts: new Set([new URL(baseUrl).hostname]),
    middleware: [
      new AuthenticationHandler(
        new TokenCredentialAuthenticationProvider(credential, { scopes: [scope] }),
      ),
      new TelemetryHandler(),
      new HTTPMessageHandler(),
    ],
  });
}

/** What a Graph error means for the retry loop, with the request-id support will ask for. */
export function graphFailure(e: unknown): RequestFailure {
  if (!(e instanceof GraphError))
    return new RequestFailure(describeError(e), { retryable: false }, { cause: e });
  const requestId = e.requestId ?? e.headers?.get('request-id') ?? undefined;
  if (e.statusCode <= 0) {
    // No HTTP answer: a dropped connection or a refused one (the sign-in already worked).
    // Under a test runner the Graph client may not see fetch's error as an Error (it comes
    // from another realm) and leaves it in `body`.
    const reason = e.message || describeError(e.body);
    const signInProblem = /Authentication|Credential/.test(e.code ?? '');
    return new RequestFailure(`no answer: ${reason}`, { retryable: !signInProblem }, { cause: e });
  }
  const status = e.statusCode;
  const hint =
    status === 403
      ? ' (grant the app the application permission DeviceManagementManagedDevices.Read.All, with admin consent)'
      : '';
  return new RequestFailure(
    `HTTP ${status} ${e.code ?? ''}: ${e.message}${hint}`,
    {
      status,
      requestId,
      retryable: isRetryableStatus(status),
      retryAfterMs: parseRetryAfter(e.headers?.get('retry-after')),
    },
    { cause: e },
  );
}
