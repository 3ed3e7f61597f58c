import { randomBytes } from 'node:crypto';
import type { Collection } from 'mongodb';

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
 * A file a card offers (a CSV of a filtered list or a dry run), fetched by its secret token until
 * it expires (src/http/downloads.ts). Removed once expired (TTL index, and at every new offer),
 * and at most MAX_LIVE_DOWNLOADS_PER_USER per `createdBy`.
 */
export interface DownloadDoc {
  _id: string; // random token
  filename: string;
  contentType: string;
  body: string;
  /** Who asked for it: `teams:<Entra object id>` (the turn's actor), the per-user cap's key. */
  createdBy: string;
  expiresAt: Date;
}

export type OfferedFile = Pick<DownloadDoc, 'filename' | 'contentType' | 'body' | 'createdBy'>;

/**
 * The one owner of the downloads collection. Teams cards cannot carry a file, so the card links
 * to `<publicUrl>/downloads/<token>`: a random 256-bit token, valid for an hour, kept in MongoDB
 * so any replica can serve it. `createdBy` is the presser's identity (the `actor(context).by` of
 * the turn): the per-user cap counts by it.
 */
export class DownloadStore {
  constructor(
    private readonly downloads: Collection<DownloadDoc>,
    private readonly publicUrl: string,
  ) {}

  /** Stores the file and returns the link to it. */
  async offer(file: OfferedFile): Promise<string> {
    const now = new Date();
    // The TTL index (expiresAt_ttl, src/db/collections.ts) removes expired links on MongoDB, but
    // only about once a minute, and some MongoDB-compatible servers run no TTL monitor at all (the
    // embedded emulator has none either). So expired links are also removed here, whoever offered
    // them: one delete on the indexed expiresAt per offer, so what is stored is what still works.
    await this.downloads.deleteMany({ expiresAt: { $lte: now } });
    const token = randomBytes(32).toString('hex');
    await this.downloads.insertOne({
      _id: token,
      ...file,
      expiresAt: new Date(now.getTime() + LIFETIME_MS),
    });
    // Over the cap: this user's oldest links go (never the one just made). Done after the insert,
    // so two offers at the same moment still leave the user at most the cap.
    const over = await this.downloads
      .find({ createdBy: file.createdBy, _id: { $ne: token } }, { projection: { _id: 1 } })
      .sort({ expiresAt: -1, _id: 1 })
      .skip(MAX_LIVE_DOWNLOADS_PER_USER - 1)
      .toArray();
    if (over.length > 0) await this.downloads.deleteMany({ _id: { $in: over.map((d) => d._id) } });
    return `${this.publicUrl}/downloads/${token}`;
  }

  /** The live file of this token; an expired one is removed on the way (null). */
  async live(token: string): Promise<DownloadDoc | null> {
    const doc = await this.downloads.findOne({ _id: token });
    if (doc && doc.expiresAt < new Date()) {
      await this.downloads.deleteOne({ _id: token });
      return null;
    }
    return doc;
  }
}
