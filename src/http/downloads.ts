import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { Collection } from 'mongodb';
import type { DownloadDoc } from '../db/collections';
import type { Logger } from '../log';
import type { Route } from './server';

const LIFETIME_MS = 60 * 60_000;

/**
 * Live links one user may have at once. Each link holds a whole file (up to the whole ledger as
 * CSV) for an hour, so without a cap a user pressing "Download CSV" again and again stores copy
 * after copy. Ten is more than anyone needs at once (a filtered list, a dry run, a plan or two,
 * each of which can be offered again at any time); the eleventh removes that user's oldest link,
 * so the link just offered always works and nobody can fill the database.
 */
export const MAX_LIVE_DOWNLOADS_PER_USER = 10;

/**
 * Files offered by cards (CSV of a filtered device list or of a dry run). Teams cards cannot carry
 * a file, so the card links to `/downloads/<token>`: a random 256-bit token, valid for an hour,
 * kept in MongoDB so any replica can serve it. `createdBy` is the presser's identity (the
 * `actor(context).by` of the turn): the per-user cap counts by it.
 */
export async function offerDownload(
  downloads: Collection<DownloadDoc>,
  publicUrl: string,
  file: { filename: string; contentType: string; body: string; createdBy: string },
): Promise<string> {
  const now = new Date();
  // The TTL index (expiresAt_ttl, src/db/collections.ts) removes expired links on MongoDB, but
  // only about once a minute, and some MongoDB-compatible servers run no TTL monitor at all (the
  // embedded emulator has none either). So expired links are also removed here, whoever offered
  // them: one delete on the indexed expiresAt per offer, so what is stored is what still works.
  await downloads.deleteMany({ expiresAt: { $lte: now } });
  const token = randomBytes(32).toString('hex');
  await downloads.insertOne({
    _id: token,
    ...file,
    expiresAt: new Date(now.getTime() + LIFETIME_MS),
  });
  // Over the cap: this user's oldest links go (never the one just made). Done after the insert,
  // so two offers at the same moment still leave the user at most the cap.
  const over = await downloads
    .find({ createdBy: file.createdBy, _id: { $ne: token } }, { projection: { _id: 1 } })
    .sort({ expiresAt: -1, _id: 1 })
    .skip(MAX_LIVE_DOWNLOADS_PER_USER - 1)
    .toArray();
  if (over.length > 0) await downloads.deleteMany({ _id: { $in: over.map((d) => d._id) } });
  return `${publicUrl}/downloads/${token}`;
}

/** On every answer of this route: the file is the user's, and never sniffed as something else. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * GET (and HEAD) /downloads/<token>. Any other method is 405; an unknown or expired token is 404;
 * a database that does not answer is a terse 503 (the details go to the log, not to the browser).
 */
export function downloadsRoute(downloads: Collection<DownloadDoc>, log?: Logger): Route {
  return async (req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      return send(res, false, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
    }
    const token = (req.url ?? '').split('?')[0].slice('/downloads/'.length);
    if (!/^[0-9a-f]{64}$/.test(token)) return send(res, head, 404, { error: 'not found' });
    let doc: DownloadDoc | null;
    try {
      doc = await downloads.findOne({ _id: token });
      if (doc && doc.expiresAt < new Date()) {
        await downloads.deleteOne({ _id: token });
        doc = null;
      }
    } catch (e) {
      log?.error({ err: e }, 'download: database unavailable');
      return send(res, head, 503, { error: 'database unavailable' });
    }
    if (!doc) return send(res, head, 404, { error: 'not found or expired' });
    // A BOM so Excel on Japanese Windows opens the UTF-8 CSV with the right characters.
    const body = doc.contentType.startsWith('text/csv') ? `\ufeff${doc.body}` : doc.body;
    res.writeHead(200, {
      'content-type': doc.contentType,
      'content-disposition': `attachment; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`,
      'content-length': Buffer.byteLength(body),
      ...COMMON_HEADERS,
    });
    res.end(head ? undefined : body);
  };
}

/** A JSON answer with the route's headers; HEAD gets the same headers and no body. */
function send(
  res: http.ServerResponse,
  head: boolean,
  status: number,
  body: { error: string },
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...COMMON_HEADERS,
    ...headers,
  });
  res.end(head ? undefined : text);
}
