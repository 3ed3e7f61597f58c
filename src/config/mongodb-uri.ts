/** The password of a connection string, so that it is masked wherever it is printed. */
export function passwordOf(uri: string | undefined): string | undefined {
  const userinfo = /^[a-z+]+:\/\/([^/?]*)@/i.exec(uri ?? '')?.[1];
  const colon = userinfo?.indexOf(':') ?? -1;
  if (!userinfo || colon < 0) return undefined;
  const password = userinfo.slice(colon + 1);
  try {
    return decodeURIComponent(password);
  } catch {
    return password;
  }
}

/**
 * The database: MONGODB_DB, else the one the connection string's path names (MongoDB's
 * convention), else daicho. Both set and different is refused: guessing would let a staging
 * server write into production's ledger, or the reverse.
 */
export function databaseName(
  p: { MONGODB_URI?: string; MONGODB_DB?: string },
  where: (n: string) => string,
  problems: string[],
): string {
  const fromUri = uriDatabase(p.MONGODB_URI);
  if (fromUri !== undefined && !/^[A-Za-z0-9_-]{1,63}$/.test(fromUri)) {
    problems.push(
      `MONGODB_URI names the database "${fromUri.slice(0, 64)}", which must be 1-63 letters, digits, _ or -: fix it in ${where('MONGODB_URI')}`,
    );
    return 'daicho';
  }
  if (p.MONGODB_DB && fromUri && p.MONGODB_DB !== fromUri) {
    problems.push(
      `MONGODB_DB=${p.MONGODB_DB} (${where('MONGODB_DB')}) contradicts the database in MONGODB_URI (${fromUri}, ${where('MONGODB_URI')}): remove MONGODB_DB or make them the same`,
    );
  }
  return p.MONGODB_DB ?? fromUri ?? 'daicho';
}

/** `mongodb://h1,h2/ledger?x=y` → "ledger"; no path or an empty one → undefined. */
export function uriDatabase(uri: string | undefined): string | undefined {
  const path = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri ?? '')?.[1];
  if (!path) return undefined;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
