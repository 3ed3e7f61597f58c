import type http from 'node:http';
import type { DownloadDoc, DownloadStore } from '../downloads/download-store';
import type { Logger } from '../log';
import type { Route } from './server';

/** On every answer of this route: the file is the user's, and never sniffed as something else. */
const COMMON_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

/**
 * GET (and HEAD) /downloads/<token>. Any other method is 405; an unknown or expired token is 404;
 * a database that does not answer is a terse 503 (the details go to the log, not to the browser).
 */
export function downloadsRoute(downloads: DownloadStore, log?: Logger): Route {
  return async (req, res) => {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      return send(res, false, 405, { error: 'method not allowed' }, { allow: 'GET, HEAD' });
    }
    const token = (req.url ?? '').split('?')[0].slice('/downloads/'.length);
    if (!/^[0-9a-f]{64}$/.test(token)) return send(res, head, 404, { error: 'not found' });
    let doc: DownloadDoc | null;
    try {
      doc = await downloads.live(token);
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
