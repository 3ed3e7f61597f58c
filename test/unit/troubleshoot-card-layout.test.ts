import stringWidth from 'string-width';
import { renderCard } from '../../src/cards/render';
import {
  BUTTON_LABEL_MAX_WIDTH,
  troubleshootMenuCardData,
  troubleshootStepCardData,
} from '../../src/cards/troubleshoot';
import type { Locale } from '../../src/i18n/messages';
import { choose, menu, render, start, type TroubleshootState } from '../../src/troubleshooting';
import { actionsOf } from '../support/card-actions';
import { validateCard } from '../support/card-validator';

/** Every step of every shipped guide, in both languages. */
function everyStep(locale: Locale) {
  const steps: ReturnType<typeof troubleshootStepCardData>[] = [];
  for (const { id } of menu(locale).trees) {
    const first = start(id);
    if (!first.ok) throw new Error(id);
    const seen = new Set<string>();
    const queue: TroubleshootState[] = [first.value];
    while (queue.length > 0) {
      const state = queue.shift()!;
      const view = render(state, locale);
      if (!view.ok || seen.has(view.value.nodeId)) continue;
      seen.add(view.value.nodeId);
      steps.push(troubleshootStepCardData(view.value, locale));
      for (const c of view.value.choices) {
        const next = choose(state, c.id);
        if (next.ok) queue.push(next.value);
      }
    }
  }
  return steps;
}

/** Teams cuts a long button title: the guides' answers are buttons only when all are short. */
describe.each<Locale>(['ja', 'en'])('troubleshooting cards in %s: choices that fit', (locale) => {
  const steps = everyStep(locale);

  it('has steps with short answers (buttons) and steps with long ones (a list)', () => {
    expect(steps.some((s) => s.choicesAs === 'buttons' && s.choices.length > 0)).toBe(true);
    expect(steps.some((s) => s.choicesAs === 'list')).toBe(true);
  });

  it.each(steps.filter((s) => s.choices.length > 0).map((s) => [`${s.treeId}/${s.nodeId}`, s]))(
    '%s: every answer can be chosen, and no button title is long',
    (_id, data) => {
      const card = renderCard('troubleshoot', data);
      expect(validateCard(card)).toEqual([]);
      const chooses = actionsOf(card).filter((a) => a.verb === 'troubleshoot.choose');
      const text = JSON.stringify(card);
      if (data.choicesAs === 'buttons') {
        // One button per answer, carrying it.
        expect(chooses.map((a) => a.data?.choice)).toEqual(data.choices.map((c) => c.id));
      } else {
        // One list holding every answer (the input `choice`), and one "next" button.
        expect(chooses).toHaveLength(1);
        expect(chooses[0].data).toEqual({ treeId: data.treeId, nodeId: data.nodeId });
        for (const c of data.choices) expect(text).toContain(JSON.stringify(c.id));
        expect(text).toContain('"id":"choice"');
      }
      for (const a of actionsOf(card) as { title?: string }[])
        expect(stringWidth(a.title ?? '')).toBeLessThanOrEqual(BUTTON_LABEL_MAX_WIDTH);
    },
  );

  it('the menu: each guide is a row with its title, description and a short start button', () => {
    const data = troubleshootMenuCardData(menu(locale), locale);
    const card = renderCard('troubleshoot', data);
    expect(validateCard(card)).toEqual([]);
    const starts = actionsOf(card).filter((a) => a.verb === 'troubleshoot.start');
    expect(starts.map((a) => a.data?.treeId)).toEqual(data.trees.map((tree) => tree.id));
    const text = JSON.stringify(card);
    for (const tree of data.trees) expect(text).toContain(JSON.stringify(tree.description));
    for (const a of starts as { title?: string }[])
      expect(stringWidth(a.title ?? '')).toBeLessThanOrEqual(10);
  });
});
