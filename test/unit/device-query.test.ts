import { BSON } from 'mongodb';
import { literalPattern } from '../../src/ledger/device-query';

/**
 * A user's search text becomes a case-insensitive regex (device lookup by user, list filters).
 * It must match the text literally and always be sendable: a NUL in a pattern made the driver
 * throw "must not contain null bytes" (found by the hostile card payloads).
 */
describe('literalPattern', () => {
  const texts = ['山田', 'a.b*c', '(x)[y]{z}', 'a|b', '^$', 'back\\slash', '\n\u0000', 'PC-0012'];

  it.each(texts)('matches %j literally, and only literally', (text) => {
    const re = new RegExp(literalPattern(text), 'i');
    expect(re.test(`before ${text} after`)).toBe(true);
    if (text.length > 1) expect(re.test(text.slice(1))).toBe(false);
  });

  it.each(texts)('serializes %j to BSON as a regex and as a $regex string', (text) => {
    expect(() => BSON.serialize({ user: new RegExp(literalPattern(text), 'i') })).not.toThrow();
    expect(() => BSON.serialize({ user: { $regex: literalPattern(text) } })).not.toThrow();
  });

  it('still finds nothing for a dot where the text has none', () => {
    expect(new RegExp(literalPattern('a.c'), 'i').test('abc')).toBe(false);
  });
});
