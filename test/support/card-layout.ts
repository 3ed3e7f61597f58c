/// <reference lib="dom" />
// The measuring function runs in the browser page: it reads the DOM.
import type { Locator } from 'playwright-core';

/** What does not fit in a card as the browser laid it out; [] when everything fits. */
export interface LayoutProblem {
  kind: 'button-overflows' | 'button-clipped' | 'label-too-tall';
  text: string;
  detail: string;
}

/**
 * Measures a rendered Adaptive Card (an `.ac-adaptiveCard` element of the Agents Playground's
 * web client, which uses the Adaptive Cards JS renderer as Teams' web client does):
 * - every button (Fluent UI `button` elements in the Playground) lies inside the card, and its title is not cut (no text wider than the button);
 * - every label (a FactSet title, or any short text up to `labelChars` characters, as a label
 *   column holds) takes at most `maxLines` lines.
 */
export async function cardLayoutProblems(
  card: Locator,
  options: { maxLines?: number; labelChars?: number } = {},
): Promise<LayoutProblem[]> {
  const { maxLines = 2, labelChars = 20 } = options;
  return card.evaluate(
    (root, limits) => {
      const problems: {
        kind: 'button-overflows' | 'button-clipped' | 'label-too-tall';
        text: string;
        detail: string;
      }[] = [];
      for (const button of Array.from(root.querySelectorAll<HTMLElement>('button'))) {
        const r = button.getBoundingClientRect();
        const text = (button.textContent ?? '').trim();
        // Inside the card, and inside every box that clips it (an action set cuts a wide button).
        const clips: Element[] = [root];
        for (let el = button.parentElement; el && el !== root; el = el.parentElement)
          if (getComputedStyle(el).overflowX !== 'visible') clips.push(el);
        const clip = clips
          .map((el) => el.getBoundingClientRect())
          .find((c) => r.left < c.left - 1 || r.right > c.right + 1);
        if (clip)
          problems.push({
            kind: 'button-overflows',
            text,
            detail: `button ${Math.round(r.left)}–${Math.round(r.right)} px, shown ${Math.round(clip.left)}–${Math.round(clip.right)} px`,
          });
        const parts = [button, ...Array.from(button.querySelectorAll<HTMLElement>('*'))];
        const cut = parts.find((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0);
        if (cut)
          problems.push({
            kind: 'button-clipped',
            text,
            detail: `text ${cut.scrollWidth} px in ${cut.clientWidth} px`,
          });
      }
      const lines = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        // One line box per line, give or take a few pixels where fonts mix (Latin and CJK).
        const tops = Array.from(range.getClientRects())
          .filter((rect) => rect.width > 0)
          .map((rect) => rect.top)
          .sort((a, b) => a - b);
        return tops.filter((top, i) => i === 0 || top - tops[i - 1] > 4).length;
      };
      const labels = new Set([
        ...Array.from(root.querySelectorAll('.ac-fact-title')),
        ...Array.from(root.querySelectorAll('.ac-textBlock')).filter(
          (el) => (el.textContent ?? '').trim().length <= limits.labelChars,
        ),
      ]);
      for (const label of labels) {
        const n = lines(label);
        if (n > limits.maxLines)
          problems.push({
            kind: 'label-too-tall',
            text: (label.textContent ?? '').trim(),
            detail: `${n} lines`,
          });
      }
      return problems;
    },
    { maxLines, labelChars },
  );
}
