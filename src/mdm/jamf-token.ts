import type { JamfConfig } from '../config/config';
import { jamfFailure, type JamfSend } from './jamf-http';
import { RequestFailure } from './retry';

interface CachedToken {
  token: string;
  refreshAt: number;
}

/**
 * A Jamf Pro OAuth token (client credentials), cached and renewed before it expires. Callers
 * share one request while a token is on its way, so five parallel pages cost one token call.
 * `send` is not rate-capped here: the caller holds a connection slot while it waits.
 */
export class JamfTokens {
  private current: CachedToken | undefined;
  private pending: Promise<string> | undefined;
  private count = 0;

  constructor(
    private readonly config: JamfConfig,
    private readonly send: JamfSend,
    private readonly now: () => number = Date.now,
  ) {}

  /** Requests that reached the token endpoint. */
  get requests(): number {
    return this.count;
  }

  async get(): Promise<string> {
    if (this.current && this.now() < this.current.refreshAt) return this.current.token;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forget `token` after a 401, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async fetchToken(): Promise<string> {
    const started = this.now();
    this.count++;
    const answer = await this.send(
      `${this.config.url}/api/oauth/token`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: this.config.clientId,
          client_secret: this.config.clientSecret,
        }).toString(),
      },
      'Jamf Pro sign-in',
    );
    if (answer.status === 400 || answer.status === 401) {
      throw jamfFailure(
        answer,
        'Jamf Pro sign-in',
        ' (check JAMF_CLIENT_ID and JAMF_CLIENT_SECRET, and that the API client is enabled)',
      );
    }
    if (answer.status !== 200) throw jamfFailure(answer, 'Jamf Pro sign-in');
    const body = JSON.parse(answer.body) as { access_token?: string; expires_in?: number };
    if (!body.access_token) {
      throw new RequestFailure('Jamf Pro sign-in: the answer has no access_token', {
        status: 200,
        retryable: false,
      });
    }
    const lifetimeMs = Math.max(0, (body.expires_in ?? 60) * 1000);
    // Renew with a fifth of the lifetime left (at most a minute early): a token must not run out
    // between the check here and the request that carries it.
    this.current = {
      token: body.access_token,
      refreshAt: started + lifetimeMs - Math.min(60_000, lifetimeMs / 5),
    };
    return body.access_token;
  }
}
