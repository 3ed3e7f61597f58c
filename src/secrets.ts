/**
 * Secrets never reach a log line, a CLI message or a chat reply. Two layers:
 * - `maskUri` hides the credentials of a connection string by its shape (userinfo, and query
 *   options that carry a password, secret, token or key), even when the string is malformed;
 * - `maskSecrets` replaces every configured secret value (registered once, when the
 *   configuration is read) wherever it appears in a text, whatever printed it.
 */

const MASK = '***';
/** Shorter values would mask ordinary words; no real secret is this short. */
const MIN_SECRET_LENGTH = 6;
const known = new Set<string>();

/** Called by the configuration loader with every secret value it read (and the URIs'). */
export function registerSecrets(values: readonly (string | undefined)[]): void {
  for (const value of values) {
    if (value && value.length >= MIN_SECRET_LENGTH) {
      known.add(value);
      // The same secret percent-encoded, as it stands in a connection string.
      const encoded = encodeURIComponent(value);
      if (encoded !== value) known.add(encoded);
    }
  }
}

/** Every registered secret, and any credential-shaped part of a URI, replaced by ***. */
export function maskSecrets(text: string): string {
  let out = maskUrisIn(text);
  for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

/** The password of every scheme://user:password@ in a text, and secret-looking query values. */
function maskUrisIn(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (uri) => maskUri(uri));
}

/** Query options whose value is a credential (password, tlsCertificateKeyFilePassword, …). */
const SECRET_OPTION = /(password|secret|token|key|credential|sig)/i;

/**
 * A connection string safe to print: `mongodb://user:***@host/db?authSource=admin`. The userinfo
 * ends at the *last* @ before the path, so a password with an unescaped @ or : (a malformed URI)
 * is masked whole instead of leaking its tail.
 */
export function maskUri(uri: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*:\/\/)/i.exec(uri);
  if (!scheme) return uri;
  let rest = uri.slice(scheme[1].length);
  const queryAt = rest.indexOf('?');
  let query = queryAt >= 0 ? rest.slice(queryAt + 1) : '';
  rest = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    rest = `${colon >= 0 ? `${user}:${MASK}` : user}${rest.slice(at)}`;
  }
  if (query) {
    query = query
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq < 0) return pair;
        const name = pair.slice(0, eq);
        // authMechanismProperties=AWS_SESSION_TOKEN:… carries a token inside its value.
        return SECRET_OPTION.test(name) || SECRET_OPTION.test(pair.slice(eq + 1))
          ? `${name}=${MASK}`
          : pair;
      })
      .join('&');
  }
  return `${scheme[1]}${rest}${queryAt >= 0 ? `?${query}` : ''}`;
}
