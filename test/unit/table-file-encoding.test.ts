import { closeSync, ftruncateSync, mkdtempSync, openSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import {
  decodeText,
  excerpt,
  MAX_IMPORT_BYTES,
  parseCsvRows,
  parseJsonRows,
  readTableFile,
  TableFileError,
} from '../../src/csv/table-file';
import { fieldFromName as deviceField } from '../../src/ledger/device-input';
import { fieldFromName as personField } from '../../src/people/person-fields';

/**
 * Issue 11, finding 7: imports must refuse what they would garble (Latin-1 or EUC-JP read as
 * Shift_JIS), what would exhaust memory (huge files) and what they would silently drop (the same
 * field twice in a header).
 */

/** The i18n key (and parameters) a refusal carries, or 'ok'. */
function refusal(run: () => unknown): { key?: string; params: Record<string, unknown> } | 'ok' {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (!(e instanceof TableFileError)) throw e;
    return { key: e.key, params: e.params };
  }
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const sjis = (s: string) => iconv.encode(s, 'Shift_JIS');
const euc = (s: string) => iconv.encode(s, 'EUC-JP');

describe('decoding: strict, and refused when it cannot be told', () => {
  it.each([
    ['kanji, kana, full-width', '資産番号,利用者\nPC-1,山田太郎\nPC-2,ノートＰＣ\n'],
    ['NEC special characters', 'assetNumber,model\nPC-1,㈱テスト①～Ⅱ\n'],
    ['half-width katakana only', 'assetNumber,user\nPC-1,ﾔﾏﾀﾞ ﾀﾛｳ\n'],
    ['a level-2 kanji after a space', 'assetNumber,note\nPC-1,A 蘆\n'],
  ])('still detects Shift_JIS: %s', (_name, text) => {
    expect(decodeText(sjis(text))).toBe(text);
  });

  it('reads an IBM-extension code (cp932 duplicate) as its character', () => {
    // 0xFA58 is ㈱ in the IBM rows; Windows writes 0x878A. Both are the same character.
    const bytes = Buffer.concat([
      Buffer.from('a,b\nx,'),
      Buffer.from([0xfa, 0x58]),
      Buffer.from('\n'),
    ]);
    expect(decodeText(bytes)).toBe('a,b\nx,㈱\n');
  });

  it.each([
    ['an accent before a comma or line end', 'assetNumber,user\nPC-1,café\n', 'import.undecodable'],
    [
      'an accent inside a word (valid Shift_JIS bytes)',
      'assetNumber,user\nPC-1,Mädchen\n',
      'import.encodingUnsure',
    ],
    [
      'ñ (a user-defined Shift_JIS code)',
      'assetNumber,user\nPC-1,Peña Núñez\n',
      'import.encodingUnsure',
    ],
    ['ä and ö inside words', 'assetNumber,user\nPC-1,Jäger Köln\n', 'import.encodingUnsure'],
  ])('refuses Latin-1 text: %s', (_name, text, key) => {
    expect(refusal(() => decodeText(latin1(text)))).toMatchObject({
      key,
      params: { tried: 'UTF-8, UTF-16, Shift_JIS, EUC-JP' },
    });
  });

  it('refuses a typical EUC-JP file without --encoding, suggesting euc-jp, and reads it with it', () => {
    const text = '資産番号,利用者,ステータス\nPC-1,山田太郎,利用中\nPC-2,佐藤花子,在庫\n';
    expect(refusal(() => decodeText(euc(text)))).toMatchObject({
      key: 'import.encodingUnsure',
      params: { suggest: 'euc-jp' },
    });
    expect(decodeText(euc(text), 'euc-jp')).toBe(text);
  });

  it('refuses bytes that are valid both as Shift_JIS and as EUC-JP instead of guessing', () => {
    // ｱｲ in Shift_JIS is 0xB1 0xB2, a kanji in EUC-JP.
    const r = refusal(() => decodeText(sjis('a,b\nx,ｱｲ\n')));
    expect(r).toMatchObject({ key: 'import.encodingUnsure' });
    expect(r !== 'ok' && r.params.candidates).toMatch(/Shift_JIS/);
    expect(r !== 'ok' && r.params.candidates).toMatch(/EUC-JP/);
    expect(decodeText(sjis('a,b\nx,ｱｲ\n'), 'shift_jis')).toBe('a,b\nx,ｱｲ\n');
  });

  it('UTF-16: by BOM (LE or BE); without one only when named, suggested when it looks like it', () => {
    const text = 'assetNumber,user\nPC-1,山田\n';
    const le = iconv.encode(text, 'utf16le');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(text);
    expect(
      decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')])),
    ).toBe(text);
    expect(refusal(() => decodeText(le))).toMatchObject({
      key: 'import.encodingUnsure',
      params: { suggest: 'utf-16' },
    });
    expect(decodeText(le, 'utf-16')).toBe(text);
    expect(refusal(() => decodeText(le.subarray(0, le.length - 1), 'utf-16'))).toMatchObject({
      key: 'import.notInEncoding',
      params: { encoding: 'UTF-16' },
    });
  });

  it('a named encoding must fit the bytes, and the message names the line', () => {
    expect(refusal(() => decodeText(sjis('a,b\nx,y\n山,田\n'), 'utf-8'))).toMatchObject({
      key: 'import.notInEncoding',
      params: { encoding: 'UTF-8', line: 3 },
    });
    expect(refusal(() => decodeText(latin1('a,b\nx,café\n'), 'shift_jis'))).toMatchObject({
      key: 'import.notInEncoding',
      params: { encoding: 'Shift_JIS', line: 2 },
    });
    // A UTF-8 BOM promises UTF-8.
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin1('a\ncafé\n')]);
    expect(refusal(() => decodeText(bom))).toMatchObject({ key: 'import.notInEncoding' });
    // User-defined characters (外字) are allowed when Shift_JIS is named.
    expect(decodeText(Buffer.from([0x61, 0x0a, 0xf0, 0x40]), 'shift_jis')).toBe('a\n\ue000');
    expect(decodeText(Buffer.from('\ufeffa,b\n'), 'utf-8')).toBe('a,b\n');
  });

  it('refuses noise', () => {
    expect(refusal(() => decodeText(Buffer.from([0xff, 0xfd, 0x80, 0x0a])))).toMatchObject({
      key: 'import.undecodable',
    });
  });
});

describe('the size limit', () => {
  it('refuses a file over the limit from its size, without reading it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daicho-limit-'));
    const file = path.join(dir, 'big.csv');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, MAX_IMPORT_BYTES + 1); // sparse: no disk, no memory
    closeSync(fd);
    const started = Date.now();
    expect(refusal(() => readTableFile(file))).toMatchObject({
      key: 'import.tooLarge',
      params: { max: 50, size: 50.1 },
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('headers: the same field twice, too many columns', () => {
  it('refuses the same column name twice even without field names', () => {
    expect(refusal(() => parseCsvRows('assetNumber,user,assetNumber\nA,b,C\n'))).toMatchObject({
      key: 'import.duplicateColumn',
      params: { first: 1, second: 3, a: 'assetNumber', b: 'assetNumber' },
    });
  });

  it.each([
    ['assetNumber,資産番号', 1, 2],
    ['user,serial-number,Serial_Number', 2, 3],
    ['資産番号,user, asset_number ', 1, 3],
  ])('refuses two spellings of one device field: %s', (header, first, second) => {
    expect(refusal(() => parseCsvRows(`${header}\nA,B,C\n`, deviceField))).toMatchObject({
      key: 'import.duplicateColumn',
      params: { first, second },
    });
  });

  it('refuses two spellings of one person field, and of one key in a JSON record', () => {
    expect(
      refusal(() => parseCsvRows('社員番号,表示名,personId\nE1,a,E1\n', personField)),
    ).toMatchObject({
      key: 'import.duplicateColumn',
      params: { first: 1, second: 3, field: 'personId' },
    });
    expect(
      refusal(() =>
        parseJsonRows('[{"assetNumber":"A"},{"assetNumber":"B","資産番号":"C"}]', deviceField),
      ),
    ).toMatchObject({
      key: 'import.duplicateKey',
      params: { record: 2, a: 'assetNumber', b: '資産番号' },
    });
  });

  it('keeps distinct columns, unknown ones and read-only ones as they were', () => {
    const rows = parseCsvRows(
      '資産番号,user,colour,mdm.deviceName,source\nA,b,c,d,e\n',
      deviceField,
    );
    expect(rows[0].raw).toEqual({
      資産番号: 'A',
      user: 'b',
      colour: 'c',
      'mdm.deviceName': 'd',
      source: 'e',
    });
  });

  it('refuses a header of more than MAX_COLUMNS columns with a short message', () => {
    const header = Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',');
    const r = refusal(() => parseCsvRows(`${header}\n1\n`));
    expect(r).toMatchObject({
      key: 'import.tooManyColumns',
      params: { count: '50,000', max: '1,000' },
    });
  });
});

describe('excerpt', () => {
  it('cuts long text with …, shows line breaks and control characters as escapes', () => {
    expect(excerpt('x'.repeat(1_000_000))).toBe(`${'x'.repeat(59)}…`);
    expect(excerpt('short')).toBe('short');
    expect(excerpt('a\nb\u0000')).toBe('a\\nb\\u0000');
    expect(excerpt('𠮷'.repeat(100), 10)).toBe(`${'𠮷'.repeat(9)}…`);
  });
});
