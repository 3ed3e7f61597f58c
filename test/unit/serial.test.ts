import { serialMatcher } from '../../src/ledger/serial';

describe('serial number matching key', () => {
  const key = serialMatcher(['CUSTOM-PLACEHOLDER']);

  it('trims and case-folds, including full-width characters', () => {
    expect(key('  abc123 ')).toBe('abc123');
    expect(key('ABC123')).toBe('abc123');
    expect(key('ＡＢＣ１２３')).toBe('abc123');
  });

  it.each([
    '0',
    '000',
    '',
    '   ',
    'Default string',
    'To be filled by O.E.M.',
    'SYSTEM SERIAL NUMBER',
    'custom-placeholder',
  ])('treats the placeholder %p as empty (never matches)', (placeholder) => {
    expect(key(placeholder)).toBeNull();
  });

  it('keeps real serials that merely contain zeros', () => {
    expect(key('0A0')).toBe('0a0');
    expect(key(null)).toBeNull();
  });
});
