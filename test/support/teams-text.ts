import MarkdownIt from 'markdown-it';

/**
 * Text as a Teams user sees it: Teams reads a message as markdown with HTML allowed, and drops
 * any tag it does not support (which, for `<code>`, `<asset number>` … typed as placeholders,
 * is every one of them). So: render with markdown-it (HTML on, links found as Teams finds
 * them), remove every tag, and decode the entities.
 */
const markdown = new MarkdownIt({ html: true, linkify: true, breaks: true });

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

export function visibleInTeams(text: string): string {
  return markdown
    .render(text)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? whole;
    });
}

/** The words (letters and digits) of a text, in order. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The words of `text` that Teams does not show: each word must appear in the visible text, in
 * the same order. Empty when everything survives.
 */
export function droppedWords(text: string): string[] {
  const visible = wordsOf(visibleInTeams(text));
  const dropped: string[] = [];
  let at = 0;
  // "1. Open …" becomes a numbered list: its number is shown, as the list's own. A markdown
  // link `[label](url)` shows its label; the address is meant to be hidden behind it.
  const written = text.replace(/^(\s*)\d+[.)](?=\s)/gm, '$1').replace(/\]\([^)\s]+\)/g, ']');
  for (const word of wordsOf(written)) {
    const found = visible.indexOf(word, at);
    if (found < 0) dropped.push(word);
    else at = found + 1;
  }
  return dropped;
}
