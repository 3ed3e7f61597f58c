import iconv from 'iconv-lite';
import {
  decodeText,
  parseCsvRows,
  parseJsonRows,
  TableFileError,
  toCsv,
} from '../../src/csv/table-file';

describe('CSV and JSON files', () => {
  const csv = 'assetNumber,user\nPC-1,山田太郎\nPC-2,佐藤花子\n';

  it.each([
    ['UTF-8', Buffer.from(csv, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')])],
    ['Shift_JIS', iconv.encode(csv, 'Shift_JIS')],
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv, 'utf16le')])],
  ])('decodes %s the same', (_name, bytes) => {
    expect(decodeText(bytes)).toBe(csv);
  });

  it('gives each row its line number and flags rows with the wrong number of cells', () => {
    const rows = parseCsvRows('assetNumber,user\nPC-1,a\n\nPC-2\n"PC-3","multi\nline"\nPC-4,b\n');
    expect(rows.map((r) => r.line)).toEqual([2, 4, 6, 7]);
    expect(rows[1].badColumnCount).toEqual({ got: 1, expected: 2 });
    expect(rows[2].raw).toEqual({ assetNumber: 'PC-3', user: 'multi\nline' });
  });

  it('reports a broken quote with its line', () => {
    expect(() => parseCsvRows('assetNumber,user\nPC-1,"open\n')).toThrow(TableFileError);
  });

  it('defuses formulas on export and restores them on import (round trip without loss)', () => {
    const values = ["=cmd|' /C calc'!A0", '+1', '-2', '@SUM(A1)', 'plain', "'quoted"];
    const text = toCsv(
      ['v'],
      values.map((v) => ({ v })),
    );
    for (const line of text.trim().split('\n').slice(1, 5))
      expect(line.replace(/^"/, '')).toMatch(/^'/);
    expect(parseCsvRows(text).map((r) => r.raw.v)).toEqual(values);
  });

  it('writes null as an empty cell and Excel CSV with a BOM and CRLF', () => {
    const text = toCsv(['a', 'b'], [{ a: null, b: 'x' }], { excel: true });
    expect(text).toBe('\ufeffa,b\r\n,x\r\n');
  });

  it('reads a JSON array and refuses anything else with a reason', () => {
    expect(parseJsonRows('[{"assetNumber":"A"}]')).toEqual([
      { line: 1, raw: { assetNumber: 'A' } },
    ]);
    expect(() => parseJsonRows('{"assetNumber":"A"}')).toThrow('array');
    expect(() => parseJsonRows('[1]')).toThrow('record 1');
    expect(() => parseJsonRows('[{')).toThrow('JSON');
  });
});
