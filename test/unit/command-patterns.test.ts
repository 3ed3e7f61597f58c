import fc from 'fast-check';
import { argument, COMMANDS } from '../../src/bot/commands';

type Name = keyof typeof COMMANDS;

/** Every spelling of every command (the `Record` makes a new command fail to compile here). */
const WORDS: Record<Name, string[]> = {
  help: ['help', 'ヘルプ', '?', '？'],
  device: ['device', 'デバイス', '端末'],
  devices: ['devices', 'デバイス一覧', '一覧'],
  sync: ['sync', '同期'],
  status: ['status', '状態', 'ステータス'],
  link: ['link', '連携'],
  unlink: ['unlink', '連携解除'],
  alertChannel: ['alerts here', '通知先をここに'],
  replace: ['replace', '機種変更'],
  workflows: ['workflows', 'ワークフロー'],
  troubleshoot: ['troubleshoot', 'トラブルシュート', 'トラブルシューティング'],
  explain: ['explain', '説明'],
  provision: ['provision', 'プロビジョニング'],
  provisionWhy: ['provision why', 'プロビジョニング履歴'],
  person: ['person', '利用者'],
  mapping: ['mapping', 'マッピング', '属性マッピング'],
  stocktake: ['stocktake', '棚卸', '棚卸し'],
};

/**
 * Messages that made the old patterns backtrack: runs of spaces, tabs, U+3000 or mixed
 * whitespace between the command, its argument and a line break. `n` is about the length.
 */
const SHAPES: Record<string, (word: string, n: number) => string> = {
  'spaces in the middle': (w, n) => `${w} a${' '.repeat(n)}b`,
  'trailing spaces': (w, n) => `${w} a${' '.repeat(n)}`,
  'alternating "a "': (w, n) => `${w} ${'a '.repeat(n / 2)}`,
  'alternating "a ", then a line': (w, n) => `${w} ${'a '.repeat(n / 2)}\nb`,
  'full-width spaces (U+3000)': (w, n) => `${w} a${'\u3000'.repeat(n)}b`,
  tabs: (w, n) => `${w} a${'\t'.repeat(n)}b`,
  'spaces, a word, a line break': (w, n) => `${w}${' '.repeat(n)}a\nb`,
  'a word, spaces, a line break': (w, n) => `${w} a${' '.repeat(n)}\nb`,
  'mixed whitespace, a line break': (w, n) => `${w}${' \t\u3000\n'.repeat(n / 4)}a\nb`,
  'leading spaces': (w, n) => `${' '.repeat(n)}${w} a\nb`,
};

/** Generous for linear code (well under 10 ms at 100k here), yet seconds for the old patterns. */
const LIMIT_MS = 200;

describe('command patterns', () => {
  // Sizes go up so that a super-linear pattern fails on the first size it is slow at, within
  // seconds, instead of running for minutes (the old ones took ~1 s at 1,000 characters on the
  // "spaces, a word, a line break" shape, and ~20 s at 100,000 on "spaces in the middle").
  it.each(Object.keys(COMMANDS) as Name[])(
    '%s reads a 100,000-character adversarial message in linear time',
    (name) => {
      const pattern = COMMANDS[name];
      for (const size of [1_000, 10_000, 100_000])
        for (const word of WORDS[name])
          for (const [shape, make] of Object.entries(SHAPES)) {
            const text = make(word, size);
            const start = performance.now();
            pattern.exec(text);
            const ms = performance.now() - start;
            if (ms >= LIMIT_MS)
              throw new Error(
                `${name} ("${word}", ${shape}, ${text.length} characters): ${ms.toFixed(0)} ms`,
              );
          }
    },
  );

  /** The argument a command reads from `text`, or null when the command does not match. */
  const read = (pattern: RegExp, text: string) =>
    pattern.test(text) ? argument({ text }, pattern) : null;

  /** What each command reads, in English and Japanese (as before the rewrite: see below). */
  const EXAMPLES: [string, Name, string | null][] = [
    ['help', 'help', ''],
    ['HELP', 'help', ''],
    ['ヘルプ', 'help', ''],
    ['？', 'help', ''],
    ['help me', 'help', null],
    ['device PC-0012', 'device', 'PC-0012'],
    ['Device  pc-0012', 'device', 'pc-0012'],
    ['デバイス 山田 太郎', 'device', '山田 太郎'],
    ['端末\u3000abc123', 'device', 'abc123'],
    ['device\tPC-0012', 'device', 'PC-0012'],
    ['device', 'device', null],
    ['devicePC-0012', 'device', null],
    ['device PC-0012\nPC-0013', 'device', null],
    ['devices', 'device', null],
    ['devices', 'devices', ''],
    ['一覧', 'devices', ''],
    ['デバイス一覧 山田', 'devices', '山田'],
    ['devices  Think Pad ', 'devices', 'Think Pad'],
    ['devices\nThinkPad', 'devices', 'ThinkPad'],
    ['devices a\nb', 'devices', null],
    ['devicesX', 'devices', null],
    ['sync', 'sync', ''],
    ['同期 今すぐ', 'sync', '今すぐ'],
    ['synced', 'sync', null],
    ['status', 'status', ''],
    ['ステータス', 'status', ''],
    ['link', 'link', ''],
    ['連携', 'link', ''],
    ['unlink', 'unlink', ''],
    ['連携解除', 'unlink', ''],
    ['連携解除', 'link', null],
    ['alerts here', 'alertChannel', ''],
    ['通知先をここに', 'alertChannel', ''],
    ['replace', 'replace', ''],
    ['replace PC-0012', 'replace', 'PC-0012'],
    ['機種変更 PC-0012', 'replace', 'PC-0012'],
    ['機種変更PC-0012', 'replace', 'PC-0012'],
    ['replacePC-0012', 'replace', null],
    ['replace PC-0012\nPC-0013', 'replace', null],
    ['workflows', 'workflows', ''],
    ['ワークフロー', 'workflows', ''],
    ['troubleshoot', 'troubleshoot', ''],
    ['troubleshoot intune PC-0012', 'troubleshoot', 'intune PC-0012'],
    ['トラブルシューティング 共同管理', 'troubleshoot', '共同管理'],
    ['explain Workplace_Join_Required', 'explain', 'Workplace_Join_Required'],
    ['説明 0x80180014', 'explain', '0x80180014'],
    ['explain', 'explain', ''],
    ['provision', 'provision', ''],
    ['provision plan', 'provision', 'plan'],
    ['プロビジョニング 計画', 'provision', '計画'],
    ['provision why E1', 'provision', null],
    ['provision why E0001', 'provisionWhy', 'E0001'],
    ['provision  why\tE0001', 'provisionWhy', 'E0001'],
    ['プロビジョニング履歴 E0001', 'provisionWhy', 'E0001'],
    ['provision why', 'provisionWhy', ''],
    ['provision whyE0001', 'provisionWhy', null],
    ['person E0001', 'person', 'E0001'],
    ['利用者 E0001', 'person', 'E0001'],
    ['person', 'person', ''],
    ['personal', 'person', null],
    ['mapping', 'mapping', ''],
    ['属性マッピング', 'mapping', ''],
  ];

  it.each(EXAMPLES)('%j → %s %j', (text, name, expected) => {
    expect(read(COMMANDS[name], text)).toBe(expected);
  });

  it('reads raw text with whitespace around it as the trimmed text', () => {
    // The bot trims a message before matching; the patterns do not depend on it. (The old ones
    // did: a trailing line break made `devices x` no command, and `device` + two spaces one.)
    for (const [text, name, expected] of EXAMPLES)
      expect([text, name, read(COMMANDS[name], ` \u3000${text}\t \n`)]).toEqual([
        text,
        name,
        expected,
      ]);
  });

  it('reads every message exactly as the patterns before the rewrite did', () => {
    // The previous patterns, for the record: same matches, same arguments, on the text as the
    // bot reads it (trimmed). Only fed short messages: they are super-linear.
    const BEFORE: Record<Name, RegExp> = {
      help: /^\s*(help|ヘルプ|\?|？)\s*$/i,
      device: /^\s*(device|デバイス|端末)\s+(.+?)\s*$/i,
      devices: /^\s*(devices|デバイス一覧|一覧)(\s+.*)?$/i,
      sync: /^\s*(sync|同期)(\s+.*)?$/i,
      status: /^\s*(status|状態|ステータス)\s*$/i,
      link: /^\s*(link|連携)\s*$/i,
      unlink: /^\s*(unlink|連携解除)\s*$/i,
      alertChannel: /^\s*(alerts here|通知先をここに)\s*$/i,
      replace: /^\s*(replace(?=\s|$)|機種変更)\s*(.*?)\s*$/i,
      workflows: /^\s*(workflows|ワークフロー)\s*$/i,
      troubleshoot: /^\s*(troubleshoot|トラブルシュート|トラブルシューティング)(\s+.*)?$/i,
      explain: /^\s*(explain|説明)(\s+.*)?$/i,
      provision: /^\s*(provision|プロビジョニング)(\s+(?:plan|計画))?\s*$/i,
      provisionWhy: /^\s*(provision\s+why|プロビジョニング履歴)(?:\s+(.*?))?\s*$/i,
      person: /^\s*(person|利用者)(?:\s+(.*?))?\s*$/i,
      mapping: /^\s*(mapping|マッピング|属性マッピング)\s*$/i,
      // Added after the rewrite, in its linear form.
      stocktake: /^\s*(stocktake|棚卸|棚卸し)\s*$/i,
    };
    const pieces = [
      ...Object.values(WORDS).flat(),
      'DEVICE',
      'Provision',
      'why',
      'plan',
      '計画',
      'here',
      'a',
      'PC-0012',
      '山田',
      'x',
      ' ',
      '  ',
      '\t',
      '\u3000',
      '\n',
      '\r\n',
      '\u2028',
      '\u00a0',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 7 }), (list) => {
        const text = list.join('').trim();
        for (const name of Object.keys(COMMANDS) as Name[]) {
          const [now, before] = [read(COMMANDS[name], text), read(BEFORE[name], text)];
          if (now !== before)
            throw new Error(`${name} ${JSON.stringify(text)}: ${now} (before: ${before})`);
        }
      }),
      { numRuns: 5000, seed: 11 },
    );
  });
});
