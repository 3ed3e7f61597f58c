import iconv from 'iconv-lite';
import type { MessageKey } from '../i18n/messages';

// The bytes of an import file as text, or a refusal: a wrong guess imports mojibake that looks
// like data (exit 0), so when the encoding cannot be told safely the admin is asked to name it
// (`--encoding`) instead.

export type Encoding = 'utf-8' | 'utf-16' | 'shift_jis' | 'euc-jp';

/** What `--encoding` accepts (case-insensitive; `-` and `_` alike) → the encoding. */
const ENCODING_NAMES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16',
  utf16: 'utf-16',
  'utf-16le': 'utf-16',
  shift_jis: 'shift_jis',
  shiftjis: 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  'euc-jp': 'euc-jp',
  eucjp: 'euc-jp',
};

/** The accepted `--encoding` values, as the help and the error messages list them. */
export const ENCODING_CHOICES = 'utf-8, utf-16, shift_jis (cp932, sjis, windows-31j), euc-jp';

const LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16': 'UTF-16',
  shift_jis: 'Shift_JIS',
  'euc-jp': 'EUC-JP',
};

/** What auto-detection tries (UTF-16 by its BOM), in the messages that say it could not tell. */
export const DETECTED = 'UTF-8, UTF-16, Shift_JIS, EUC-JP';

export function encodingNamed(name: string): Encoding | undefined {
  const key = name.trim().toLowerCase().replace(/_/g, '-');
  const found = Object.entries(ENCODING_NAMES).find(([k]) => k.replace(/_/g, '-') === key);
  return found?.[1];
}

/** Why the bytes are not text: an i18n key and its parameters (the caller adds `file`). */
export class DecodeError extends Error {
  constructor(
    message: string,
    readonly key: MessageKey,
    readonly params: Record<string, string | number>,
  ) {
    super(message);
  }
}

const BOM_UTF8 = [0xef, 0xbb, 0xbf];
const startsWith = (b: Buffer, bom: number[]) => bom.every((x, i) => b[i] === x);

/**
 * Characters that mean the bytes were not in that encoding. iconv-lite marks every invalid
 * sequence with U+FFFD; in Shift_JIS a stray 0x80 also becomes the C1 control U+0080. (A byte
 * round trip is not required of the Japanese encodings: cp932 and EUC-JP give some characters
 * two codes — NEC and IBM rows, 〜 — which decode to one character and encode back to the other,
 * so a round trip would refuse good files. UTF-16 has no such pairs and is round-tripped.)
 */
const INVALID = /[\ufffd\u0080-\u009f]/;
/** Lone surrogates: what UTF-16 bytes that are not text decode to. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** The text, or where (line) the bytes stop being `encoding`. */
function strictDecode(bytes: Buffer, encoding: Encoding): { text: string } | { badLine: number } {
  switch (encoding) {
    case 'utf-8': {
      const body = startsWith(bytes, BOM_UTF8) ? bytes.subarray(3) : bytes;
      try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
      } catch {
        return { badLine: lineOf(new TextDecoder('utf-8').decode(body), /\ufffd/) };
      }
    }
    case 'utf-16': {
      const be = bytes[0] === 0xfe && bytes[1] === 0xff;
      const bom = be || (bytes[0] === 0xff && bytes[1] === 0xfe) ? 2 : 0;
      const codec = be ? 'utf16be' : 'utf16le';
      const text = iconv.decode(bytes.subarray(bom), codec, { stripBOM: false });
      if (LONE_SURROGATE.test(text)) return { badLine: lineOf(text, LONE_SURROGATE) };
      // An odd byte at the end is dropped by the decoder: only the round trip sees it.
      if (!iconv.encode(text, codec).equals(bytes.subarray(bom)))
        return { badLine: lineOf(text, /$/) };
      return { text };
    }
    case 'shift_jis':
    case 'euc-jp': {
      const text = iconv.decode(bytes, encoding);
      return INVALID.test(text) ? { badLine: lineOf(text, INVALID) } : { text };
    }
  }
}

function lineOf(text: string, re: RegExp): number {
  const at = text.search(re);
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * The text of an import file. `encoding`: what the admin named (`--encoding`); the bytes must be
 * valid in it. Without it: a BOM (UTF-8, UTF-16 LE/BE) decides; else valid UTF-8 is UTF-8; else
 * Shift_JIS when it reads as Japanese Shift_JIS and nothing else (see likelyShiftJis); anything
 * else is refused, naming the encodings it could be.
 */
export function decodeBytes(bytes: Buffer, encoding?: Encoding): string {
  if (encoding) return decodeOrRefuse(bytes, encoding);
  if (startsWith(bytes, BOM_UTF8)) return decodeOrRefuse(bytes, 'utf-8');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return decodeOrRefuse(bytes, 'utf-16');

  const firstLine = bytes.subarray(0, (bytes.indexOf(0x0a) + 1 || bytes.length + 1) - 1);
  // A header line (or the `[` of JSON) never holds a NUL byte; UTF-16 text without a BOM does.
  const nul = firstLine.includes(0);
  const utf8 = strictDecode(bytes, 'utf-8');
  if ('text' in utf8 && !nul) return utf8.text;

  const candidates: { encoding: Encoding; text: string }[] = [];
  const add = (e: Encoding) => {
    const r = strictDecode(bytes, e);
    if ('text' in r) candidates.push({ encoding: e, text: r.text });
  };
  if (nul) {
    // ASCII in UTF-16 LE has a NUL in every second byte; BE without a BOM is not guessed.
    if (bytes[0] !== 0 && bytes[1] === 0) add('utf-16');
  } else {
    add('shift_jis');
    add('euc-jp');
  }
  if (candidates.length === 1 && candidates[0].encoding === 'shift_jis') {
    if (likelyShiftJis(candidates[0].text)) return candidates[0].text;
  }
  if (candidates.length === 0)
    throw new DecodeError(`not text in any of ${DETECTED}`, 'import.undecodable', {
      tried: DETECTED,
      choices: ENCODING_CHOICES,
    });
  // Suggest the reading with more kana: Japanese text has kana, while its EUC-JP bytes read as
  // Shift_JIS give half-width katakana only.
  const kana = (s: string) => s.match(/[\u3040-\u30ff]/g)?.length ?? 0;
  candidates.sort((a, b) => kana(b.text) - kana(a.text));
  const names = candidates.map((c) => LABELS[c.encoding]).join(' / ');
  throw new DecodeError(`encoding unclear: ${names}`, 'import.encodingUnsure', {
    candidates: names,
    suggest: candidates[0].encoding,
    tried: DETECTED,
    choices: ENCODING_CHOICES,
  });
}

function decodeOrRefuse(bytes: Buffer, encoding: Encoding): string {
  const r = strictDecode(bytes, encoding);
  if ('text' in r) return r.text;
  throw new DecodeError(
    `line ${r.badLine}: not valid ${LABELS[encoding]}`,
    'import.notInEncoding',
    {
      encoding: LABELS[encoding],
      line: r.badLine,
      choices: ENCODING_CHOICES,
    },
  );
}

/**
 * Whether a valid Shift_JIS reading is Japanese rather than Latin-1 (or Windows-1252) text read
 * as Shift_JIS. Latin-1 puts à–ÿ at 0xE0–0xFF, which are Shift_JIS lead bytes: "é," or "é " at a
 * word's end is invalid (refused before this), but inside a word the accent and the next letter
 * make one rare kanji ("Mädchen" → "M臈chen"), 0xF0–0xF9 (ð–ù) give user-defined characters, and
 * 0xFD–0xFF are invalid. So a reading is refused when it holds a user-defined (private-use)
 * character, or a character whose lead byte is 0xE0 or above (the rarer half of JIS level-2
 * kanji, NEC/IBM extensions) right next to an ASCII letter. Japanese text seldom puts such a
 * kanji against a Latin letter, and then the admin is asked for `--encoding shift_jis` rather
 * than risk mojibake. Not caught: Latin-1 with only capital accents (À–ß are half-width
 * katakana in Shift_JIS, which Japanese files do use), and Windows-1252 quotes (’ is 0x92, a
 * kanji lead byte) before a letter.
 */
function likelyShiftJis(text: string): boolean {
  if (/[\ue000-\uf8ff]/.test(text)) return false;
  const lead = new Map<string, number>();
  for (const [c] of text.matchAll(NEXT_TO_LATIN_LETTER)) {
    if (!lead.has(c)) lead.set(c, iconv.encode(c, 'shift_jis')[0]);
    if (lead.get(c)! >= 0xe0) return false;
  }
  return true;
}

/** A non-ASCII character with an ASCII letter right before or after it. */
const NEXT_TO_LATIN_LETTER = /(?<=[A-Za-z])[^\x00-\x7f]|[^\x00-\x7f](?=[A-Za-z])/g;
