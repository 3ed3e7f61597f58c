import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every relative link in README.md, README.ja.md and docs/*.md points to a file that exists and,
 * with an anchor, to a heading of that file (GitHub's heading ids), so moving a section cannot
 * leave a reader in front of a 404.
 */
const root = path.join(__dirname, '../..');

/** The text outside fenced code blocks, with inline code spans blanked. */
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/`[^`]*`/g, '');
  });
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens, -1, -2 … for repeats. */
export function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1].replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[`*_]/g, '');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

/** The broken relative links of one Markdown file: "target (line n): why". */
export function brokenLinks(file: string, markdown: string): string[] {
  const problems: string[] = [];
  prose(markdown).forEach((line, i) => {
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = m[1];
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
      const [rawPath, anchor] = target.split('#', 2);
      const self = rawPath === '';
      const resolved = self ? file : path.resolve(path.dirname(file), decodeURI(rawPath));
      const where = `${target} (line ${i + 1})`;
      if (!self && !existsSync(resolved)) {
        problems.push(`${where}: no such file`);
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (!self && (statSync(resolved).isDirectory() || !resolved.endsWith('.md'))) {
        problems.push(`${where}: an anchor into a file that is not Markdown`);
        continue;
      }
      const ids = headingIds(self ? markdown : readFileSync(resolved, 'utf8'));
      if (!ids.has(decodeURIComponent(anchor).toLowerCase()))
        problems.push(`${where}: no heading with that id`);
    }
  });
  return problems;
}

const documents = [
  'README.md',
  'README.ja.md',
  ...readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('links in the documentation', () => {
  it.each(documents)('%s: every relative link and anchor resolves', (doc) => {
    const file = path.join(root, doc);
    expect(brokenLinks(file, readFileSync(file, 'utf8'))).toEqual([]);
  });

  it('the README links the documents that hold the details', () => {
    for (const readme of ['README.md', 'README.ja.md']) {
      const text = readFileSync(path.join(root, readme), 'utf8');
      for (const doc of [
        'cli',
        'sync-rules',
        'bot',
        'troubleshooting',
        'provisioning',
        'configuration',
      ])
        expect(text).toContain(`(docs/${doc}.md`);
      expect(text).toContain('(docs/deploy');
    }
  });

  it('keeps each README a front door: at most 150 lines', () => {
    for (const readme of ['README.md', 'README.ja.md'])
      expect(readFileSync(path.join(root, readme), 'utf8').split('\n').length).toBeLessThanOrEqual(
        150,
      );
  });

  it('finds a missing file, a missing heading, and accepts GitHub heading ids', () => {
    const file = path.join(root, 'docs', 'example.md');
    const md = [
      '# The `daicho` CLI',
      '## Field rules (ledger ← MDM)',
      '## 自社のテナントに導入する',
      '[ok](#the-daicho-cli) [ok](#field-rules-ledger--mdm) [ok](#自社のテナントに導入する)',
      '[ok](cli.md#ledger-rules) [ok](https://example.com/x.md) `[not a link](nowhere.md)`',
      '[gone](no-such-file.md) [bad anchor](cli.md#no-such-heading) [self](#nope)',
    ].join('\n');
    expect(brokenLinks(file, md)).toEqual([
      'no-such-file.md (line 6): no such file',
      'cli.md#no-such-heading (line 6): no heading with that id',
      '#nope (line 6): no heading with that id',
    ]);
  });
});
