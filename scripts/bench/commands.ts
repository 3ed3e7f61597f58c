/**
 * Child process of the benchmark (part 5): typed-command parsing on adversarial messages. Each
 * message goes through every command pattern in turn until one matches, then its argument is
 * read — what the bot's route selectors and handlers do — with the product's patterns
 * (src/bot/commands.ts) and, for the record, the patterns before issue 11 (inlined below).
 * Times are per message, the median of several runs; raw text, not cut to MAX_MESSAGE_LENGTH
 * first (the bot answers a longer message without parsing it), to show how parsing grows.
 *
 *   node dist/bench/scripts/bench/commands.js --sizes 1000,10000,100000 --runs 9 --before-budget-ms 10000
 */
import { COMMANDS } from '../../src/bot/commands';
import { arg, childMain, round } from './lib';

/** src/bot/commands.ts before issue 11 (as 7a30fc7 left it): lazy `(.+?)\s*$`, `(\s+.*)?$`. */
const BEFORE: Record<string, RegExp> = {
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
};

interface Shape {
  make: (n: number) => string;
  /** How the old patterns' time grows with the length: 1 linear, 2 quadratic, 3 cubic. */
  beforeGrowth: number;
}

/**
 * Message shapes, `n` about the length, with how the old patterns' time grew on each (measured:
 * ×100 and ×1,335 from 1k to 10k characters for the quadratic and cubic ones), used only to skip
 * an old measurement that would run past --before-budget-ms.
 */
const SHAPES: Record<string, Shape> = {
  // The message of the finding.
  'device a + spaces + b': { make: (n) => `device a${' '.repeat(n - 9)}b`, beforeGrowth: 2 },
  'device a + U+3000 + b': { make: (n) => `device a${'\u3000'.repeat(n - 9)}b`, beforeGrowth: 2 },
  'device + spaces + a, line break, b': {
    make: (n) => `device${' '.repeat(n - 9)}a\nb`,
    beforeGrowth: 3,
  },
  'devices + spaces + a, line break, b': {
    make: (n) => `devices${' '.repeat(n - 10)}a\nb`,
    beforeGrowth: 2,
  },
  'device + "a " repeated': {
    make: (n) => `device ${'a '.repeat(Math.floor((n - 7) / 2))}`,
    beforeGrowth: 1,
  },
};

type Parse = (text: string) => string | null;

/** Every pattern in turn until one matches, then its argument: one message parsed. */
function parser(patterns: Record<string, RegExp>): Parse {
  const list = Object.values(patterns);
  return (text) => {
    for (const p of list) if (p.test(text)) return (p.exec(text)?.[2] ?? '').trim();
    return null;
  };
}

interface Measurement {
  result: string | null;
  medianMs: number;
  samples: number;
  repeats: number;
}

/**
 * Median time per message over `runs` samples; a sample parses the message as often as it takes
 * to last ~2 ms (fast parses are shorter than the clock's resolution). One sample only when a
 * parse takes so long that `runs` would pass `budgetMs`.
 */
function timePerMessage(parse: Parse, text: string, runs: number, budgetMs: number): Measurement {
  let t = performance.now();
  const result = parse(text);
  const first = performance.now() - t;
  if (first * runs > budgetMs) return { result, medianMs: first, samples: 1, repeats: 1 };
  const repeats = Math.max(1, Math.ceil(2 / Math.max(first, 0.0005)));
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    t = performance.now();
    for (let i = 0; i < repeats; i++) parse(text);
    times.push((performance.now() - t) / repeats);
  }
  times.sort((a, b) => a - b);
  return { result, medianMs: times[Math.floor(times.length / 2)] ?? first, samples: runs, repeats };
}

interface View {
  medianMs: number;
  nsPerChar: number;
  samples: number;
  repeats: number;
}

/** A measurement as reported: the median per message, and per character of the message. */
const view = (m: Measurement, length: number): View => ({
  medianMs: round(m.medianMs, 4),
  nsPerChar: round((m.medianMs * 1e6) / length, 2),
  samples: m.samples,
  repeats: m.repeats,
});

export interface CommandRow {
  shape: string;
  size: number;
  length: number;
  after: View;
  before: View | { skipped: string };
  sameResult?: boolean;
}

interface Settings {
  sizes: number[];
  runs: number;
  beforeBudgetMs: number;
}

/** One shape at every size; the old patterns only while their predicted time fits the budget. */
function measureShape(shape: string, { make, beforeGrowth }: Shape, o: Settings): CommandRow[] {
  const after = parser(COMMANDS);
  const before = parser(BEFORE);
  const rows: CommandRow[] = [];
  let beforeSkip: string | null = null;
  o.sizes.forEach((size, k) => {
    const text = make(size);
    const a = timePerMessage(after, text, o.runs, 60_000);
    const row: CommandRow = {
      shape,
      size,
      length: text.length,
      after: view(a, text.length),
      before: { skipped: '' },
    };
    if (beforeSkip) row.before = { skipped: beforeSkip };
    else {
      const b = timePerMessage(before, text, o.runs, o.beforeBudgetMs);
      row.before = view(b, text.length);
      row.sameResult = a.result === b.result;
      const next = o.sizes[k + 1];
      const predicted = next ? b.medianMs * (next / size) ** beforeGrowth : 0;
      if (next && predicted > o.beforeBudgetMs)
        beforeSkip = `${round(b.medianMs)} ms at ${size}: ~${round(predicted / 1000)} s predicted at ${next} (growth ^${beforeGrowth}), over --before-budget-ms`;
    }
    rows.push(row);
    process.stderr.write(
      `bench: commands: ${shape} at ${size}: ${round(row.after.medianMs, 4)} ms` +
        ('medianMs' in row.before
          ? ` (before: ${round(row.before.medianMs, 1)} ms)\n`
          : ' (before: skipped)\n'),
    );
  });
  return rows;
}

export interface Growth {
  shape: string;
  from: number;
  to: number;
  sizeRatio: number;
  after: number | null;
  before: number | null;
}

const medianOf = (v: View | { skipped: string }) => ('medianMs' in v ? v.medianMs : undefined);

function ratio(m: View | { skipped: string }, n: View | { skipped: string }): number | null {
  const [x, y] = [medianOf(m), medianOf(n)];
  return x !== undefined && y !== undefined ? round(y / x, 1) : null;
}

/** time(next size) / time(size), per shape. */
function growthOf(results: CommandRow[]): Growth[] {
  const growth: Growth[] = [];
  for (const shape of Object.keys(SHAPES)) {
    const rows = results.filter((r) => r.shape === shape);
    for (let i = 1; i < rows.length; i++) {
      const [x, y] = [rows[i - 1], rows[i]];
      if (!x || !y) continue;
      growth.push({
        shape,
        from: x.size,
        to: y.size,
        sizeRatio: round(y.length / x.length, 1),
        after: ratio(x.after, y.after),
        before: ratio(x.before, y.before),
      });
    }
  }
  return growth;
}

async function main() {
  const sizes = arg('sizes', '1000,10000,100000')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 20)
    .sort((a, b) => a - b);
  const runs = Number(arg('runs', '9'));
  // The old patterns are measured at a size only while the previous size's time, grown as they
  // grow on that shape, stays within this: the cubic shape took 455 s at 10k, hours at 100k.
  const beforeBudgetMs = Number(arg('before-budget-ms', '10000'));
  const results = Object.entries(SHAPES).flatMap(([name, shape]) =>
    measureShape(name, shape, { sizes, runs, beforeBudgetMs }),
  );
  const growth = growthOf(results);
  const top = sizes[sizes.length - 1];
  const slowestTop = Math.max(
    ...results.filter((r) => r.size === top).map((r) => r.after.medianMs),
  );
  const tenToHundred = growth.flatMap((g) =>
    g.from * 10 === g.to && g.after !== null ? [g.after] : [],
  );
  const worstGrowth = tenToHundred.length ? Math.max(...tenToHundred) : null;
  return {
    patterns: {
      after: 'src/bot/commands.ts (built)',
      before: 'inlined: src/bot/commands.ts as of 7a30fc7',
    },
    runs,
    sizes,
    results,
    growth,
    targets: {
      slowest: {
        target: `< 10 ms a message at ${top} characters`,
        value: round(slowestTop, 3),
        met: slowestTop < 10,
      },
      linear:
        worstGrowth === null
          ? undefined
          : {
              target: 'time(×10 characters) ≤ 20× (linear, with noise; quadratic is ~100×)',
              value: worstGrowth,
              met: worstGrowth <= 20,
            },
    },
  };
}

export type CommandsResult = Awaited<ReturnType<typeof main>>;

if (require.main === module) childMain(main);
