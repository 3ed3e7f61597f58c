import {
  EXCERPT_LENGTH,
  excerpt,
  MAX_MESSAGE_LENGTH,
  normalizeMessage,
  quoting,
} from '../../src/bot/text';
import { DaichoError } from '../../src/errors';
import { WorkflowError } from '../../src/workflows/workflow-errors';

describe('message text', () => {
  it('is cut to the maximum, then trimmed, and says when it was longer', () => {
    expect(normalizeMessage('  device PC-0012\u3000\n')).toEqual({
      text: 'device PC-0012',
      tooLong: false,
      length: 18,
    });
    const atMax = `device ${'x'.repeat(MAX_MESSAGE_LENGTH - 7)}`;
    expect(normalizeMessage(atMax)).toEqual({
      text: atMax,
      tooLong: false,
      length: MAX_MESSAGE_LENGTH,
    });
    const long = `device a${' '.repeat(100_000)}b`;
    const read = normalizeMessage(long);
    expect(read).toEqual({ text: 'device a', tooLong: true, length: long.length });
    // Cut first: spaces past the maximum are not part of the text, and neither is the rest.
    expect(normalizeMessage(`${'y'.repeat(MAX_MESSAGE_LENGTH)}zz`).text).toBe(
      'y'.repeat(MAX_MESSAGE_LENGTH),
    );
  });

  it('never ends on half a surrogate pair, and anything but a string is no text', () => {
    const emoji = '😀';
    const text = `${'x'.repeat(MAX_MESSAGE_LENGTH - 1)}${emoji}`;
    expect(normalizeMessage(text).text).toBe('x'.repeat(MAX_MESSAGE_LENGTH - 1));
    for (const raw of [undefined, null, 42, {}, ['device PC-0012'], { toString: 1 }])
      expect(normalizeMessage(raw)).toEqual({ text: '', tooLong: false, length: 0 });
  });
});

describe('excerpt', () => {
  it('quotes short text as it is, on one line', () => {
    expect(excerpt('PC-0012')).toBe('PC-0012');
    expect(excerpt('  山田\u3000\u3000太郎\n\tさん  ')).toBe('山田 太郎 さん');
    expect(excerpt('')).toBe('');
    expect(excerpt(' \n ')).toBe('');
  });

  it('cuts long text to its first characters and "…"', () => {
    const long = 'a'.repeat(EXCERPT_LENGTH) + 'b';
    expect(excerpt(long)).toBe(`${'a'.repeat(EXCERPT_LENGTH)}…`);
    expect(excerpt('a'.repeat(EXCERPT_LENGTH))).toBe('a'.repeat(EXCERPT_LENGTH));
    expect(excerpt(`a${' '.repeat(100_000)}b`)).toBe('a b');
    // Never a trailing space before the "…", never half an emoji.
    expect(excerpt(`${'x'.repeat(EXCERPT_LENGTH - 1)} yz`)).toBe(
      `${'x'.repeat(EXCERPT_LENGTH - 1)}…`,
    );
    expect(excerpt('😀'.repeat(EXCERPT_LENGTH + 5))).toBe(`${'😀'.repeat(EXCERPT_LENGTH)}…`);
  });

  it('costs the same for a huge text as for a short one', () => {
    const huge = 'x'.repeat(5_000_000);
    const start = performance.now();
    expect(excerpt(huge)).toHaveLength(EXCERPT_LENGTH + 1);
    expect(performance.now() - start).toBeLessThan(50);
  });
});

describe('quoting', () => {
  it("cuts the named parameters of a refusal (the user's words) and leaves the others", async () => {
    const typed = `E${'9'.repeat(3000)}`;
    const refused = quoting(
      Promise.reject(new DaichoError('NOT_FOUND', 'people.notFound', { id: typed, count: 3 })),
      'id',
    );
    await expect(refused).rejects.toMatchObject({
      code: 'NOT_FOUND',
      params: { id: excerpt(typed), count: 3 },
    });
    // A subclass stays what it was (handlers branch on it).
    const stale = new WorkflowError('SAME_DEVICE', { assetNumber: typed });
    await expect(quoting(Promise.reject(stale), 'assetNumber')).rejects.toBe(stale);
    expect(stale.params.assetNumber).toBe(excerpt(typed));
  });

  it('passes a result, and any other failure, through unchanged', async () => {
    await expect(quoting(Promise.resolve('ok'), 'id')).resolves.toBe('ok');
    const other = new Error(`secret ${'x'.repeat(100)}`);
    await expect(quoting(Promise.reject(other), 'id')).rejects.toBe(other);
    expect(other.message).toHaveLength(107);
  });
});
