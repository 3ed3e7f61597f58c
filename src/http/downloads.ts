import { randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { DownloadDoc } from '../db/collections';
import { sendJson, type Route } from './server';

const LIFETIME_MS = 60 * 60_000;

/**
 * Files offered by cards (CSV of a filtered device list or of a dry run). Teams cards cannot carry
 * a file, so the card links to `/downloads/<token>`: a random 256-bit token, valid for an hour,
 * kept in MongoDB so any replica can serve it.
 */
export async function offerDownload(
  downloads: Collection<DownloadDoc>,
  publicUrl: string,
  file: { filename: string; contentType: string; body: string; createdBy: string },
): Promise<string> {
  const token = randomBytes(32).toString('hex');
  await downloads.insertOne({ _id: token, ...file, expiresAt: new Date(Date.now() + LIFETIME_MS) });
  return `${publicUrl}/downloads/${token}`;
}

export function downloadsRoute(downloads: Collection<DownloadDoc>): Route {
  return async (req, res) => {
    const token = (req.url ?? '').split('?')[0].slice('/downloads/'.length);
    if (!/^[0-9a-f]{64}$/.test(token)) return sendJson(res, 404, { error: 'not found' });
    const doc = await downloads.findOne({ _id: token });
    if (!doc || doc.expiresAt < new Date()) {
      if (doc) await downloads.deleteOne({ _id: token });
      return sendJson(res, 404, { error: 'not found or expired' });
    }
    // A BOM so Excel on Japanese Windows opens the UTF-8 CSV with the right characters.
    const body = doc.contentType.startsWith('text/csv') ? `\ufeff${doc.body}` : doc.body;
    res.writeHead(200, {
      'content-type': doc.contentType,
      'content-disposition': `attachment; filename="${doc.filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'no-store',
    });
    res.end(body);
  };
}
