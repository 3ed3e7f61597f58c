import { onlyDuplicateKeys, writeErrorsOf } from '../../src/errors';

describe('bulk write errors', () => {
  const dup = { code: 11000, index: 0 };
  const other = { code: 121, index: 1 };

  it('lists the write errors whether the driver gave one, several or none', () => {
    expect(writeErrorsOf({ writeErrors: dup })).toEqual([dup]);
    expect(writeErrorsOf({ writeErrors: [dup, other] })).toEqual([dup, other]);
    expect(writeErrorsOf({})).toEqual([]);
    expect(writeErrorsOf({ writeErrors: null as never })).toEqual([]);
  });

  it('calls a write idempotent only when every failure is a duplicate key', () => {
    expect(onlyDuplicateKeys({ writeErrors: [dup, dup] })).toBe(true);
    expect(onlyDuplicateKeys({ writeErrors: dup })).toBe(true);
    expect(onlyDuplicateKeys({ writeErrors: [dup, other] })).toBe(false);
    expect(onlyDuplicateKeys({})).toBe(false);
  });
});
