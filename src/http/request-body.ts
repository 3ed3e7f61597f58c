import type http from 'node:http';

/**
 * The largest request body any route reads. A Teams activity is far smaller: a message is at most
 * about 100 KB and a card submit carries the card's inputs.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Past the limit the rest of the body is read and dropped, so the client receives its 413
 * instead of a connection reset mid-upload; this much, and no more, is drained that way.
 */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

export type BodyResult =
  | { kind: 'ok'; body: Buffer }
  | { kind: 'too-large' }
  /** Too large to even drain: answer, then close the connection. */
  | { kind: 'too-large-close' }
  | { kind: 'aborted' };

/** Reads a request body of at most `limit` bytes, never holding more than that in memory. */
export function readBody(
  req: http.IncomingMessage,
  limit: number = MAX_BODY_BYTES,
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > MAX_DRAIN_BYTES) {
      req.resume();
      resolve({ kind: 'too-large-close' });
      return;
    }
    let size = 0;
    let over = false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve({ kind: 'too-large-close' });
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
      } else if (!over) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(over ? { kind: 'too-large' } : { kind: 'ok', body: Buffer.concat(chunks) }),
    );
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('aborted', () => resolve({ kind: 'aborted' }));
  });
}
