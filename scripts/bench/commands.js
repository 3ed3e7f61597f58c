/**
 * Child process of the benchmark (part 5): typed-command parsing on adversarial messages. Each
 * message goes through every command pattern in turn until one matches, then its argument is
 * read — what the bot's route selectors and handlers do — with the built patterns
 * (dist/bot/commands.js) and, for the record, the patterns before issue 11 (inlined below).
 * Times are per message, the median of several runs; raw text, not cut to MAX_MESSAGE_LENGTH
 * first (the bot answers a longer message without parsing it), to show how parsing grows.
 *
 *   node scripts/bench/commands.js --sizes 1000,10000,100000 --runs 9 --before-budget-ms 10000
 */
const { childMain, dist, round } = require('./lib');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** src/bot/commands.ts before issue 11 (as 7a30fc7 left it): lazy `(.+?)\s*$`, `(\s+.*)?$`. */
const BEFORE = {
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

/**
 * Message shapes, `n` about the length, with how the old patterns' time grew on each (measured:
 * ×100 and ×1,335 from 1k to 10k characters for the quadratic and cubic ones), used only to skip
 * an old measurement that would run past --before-budget-ms.
 */
const SHAPES = {
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

/** Every pattern in turn until one matches, then its argument: one message parsed. */
function parser(patterns) {
  const list = Object.values(patterns);
  return (text) => {
    for (const p of list) if (p.test(text)) return (p.exec(text)?.[2] ?? '').trim();
    return null;
  };
}

/**
 * Median time per message over `runs` samples; a sample parses the message as often as it takes
 * to last ~2 ms (fast parses are shorter than the clock's resolution). One sample only when a
 * parse takes so long that `runs` would pass `budgetMs`.
 */
function timePerMessage(parse, text, runs, budgetMs) {
  let t = performance.now();
  const result = parse(text);
  const first = performance.now() - t;
  if (first * runs > budgetMs) return { result, medianMs: first, samples: 1, repeats: 1 };
  const repeats = Math.max(1, Math.ceil(2 / Math.max(first, 0.0005)));
  const times = [];
  for (let r = 0; r < runs; r++) {
    t = performance.now();
    for (let i = 0; i < repeats; i++) parse(text);
    times.push((performance.now() - t) / repeats);
  }
  times.sort((a, b) => a - b);
  return { result, medianMs: times[Math.floor(times.length / 2)], samples: runs, repeats };
}

/** A measurement as reported: the median per message, and per character of the message. */
const view = (m, length) => ({
  medianMs: round(m.medianMs, 4),
  nsPerChar: round((m.medianMs * 1e6) / length, 2),
  samples: m.samples,
  repeats: m.repeats,
});

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
  const { COMMANDS } = dist('bot/commands');
  const after = parser(COMMANDS);
  const before = parser(BEFORE);
  const results = [];
  for (const [shape, { make, beforeGrowth }] of Object.entries(SHAPES)) {
    let beforeSkip = null;
    for (const size of sizes) {
      const text = make(size);
      const row = { shape, size, length: text.length };
      const a = timePerMessage(after, text, runs, 60_000);
      row.after = view(a, text.length);
      if (beforeSkip) row.before = { skipped: beforeSkip };
      else {
        const b = timePerMessage(before, text, runs, beforeBudgetMs);
        row.before = view(b, text.length);
        row.sameResult = a.result === b.result;
        const next = sizes[sizes.indexOf(size) + 1];
        const predicted = b.medianMs * (next / size) ** beforeGrowth;
        if (next && predicted > beforeBudgetMs)
          beforeSkip = `${round(b.medianMs)} ms at ${size}: ~${round(predicted / 1000)} s predicted at ${next} (growth ^${beforeGrowth}), over --before-budget-ms`;
      }
      results.push(row);
      process.stderr.write(
        `bench: commands: ${shape} at ${size}: ${round(row.after.medianMs, 4)} ms` +
          (row.before.medianMs !== undefined
            ? ` (before: ${round(row.before.medianMs, 1)} ms)\n`
            : ' (before: skipped)\n'),
      );
    }
  }
  const growth = [];
  for (const shape of Object.keys(SHAPES)) {
    const rows = results.filter((r) => r.shape === shape);
    for (let i = 1; i < rows.length; i++) {
      const [x, y] = [rows[i - 1], rows[i]];
      const ratio = (m, n) =>
        m?.medianMs !== undefined && n?.medianMs !== undefined
          ? round(n.medianMs / m.medianMs, 1)
          : null;
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
  const at = (size) => results.filter((r) => r.size === size);
  const top = sizes[sizes.length - 1];
  const slowestTop = Math.max(...at(top).map((r) => r.after.medianMs));
  const tenToHundred = growth.filter((g) => g.from * 10 === g.to && g.after !== null);
  const worstGrowth = tenToHundred.length ? Math.max(...tenToHundred.map((g) => g.after)) : null;
  return {
    patterns: {
      after: 'dist/bot/commands.js (built)',
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

childMain(main);
