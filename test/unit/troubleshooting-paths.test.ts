import type { Locale } from '../../src/i18n/messages';
import {
  CHECK_OUTCOMES,
  createTroubleshooter,
  loadTrees,
  type Troubleshooter,
  type TroubleshootState,
} from '../../src/troubleshooting';

/**
 * Walks every path of every shipped tree through the engine, as a user pressing every button
 * (and the bot reporting every check outcome) would, in both languages. A path ends each time
 * it reaches an answer; it goes on through the answer's suggestions, and stops where a button
 * leads back to a step already on the path (the engine cuts the path there).
 */

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

interface Walk {
  /** Every path that ended at an answer: node ids from the start. */
  paths: string[][];
  visited: Set<string>;
  problems: string[];
}

function walk(engine: Troubleshooter, treeId: string, locale: Locale): Walk {
  const result: Walk = { paths: [], visited: new Set(), problems: [] };
  const started = engine.start(treeId);
  if (!started.ok) throw new Error(`cannot start ${treeId}`);

  const visit = (state: TroubleshootState) => {
    const view = engine.render(state, locale);
    if (!view.ok) {
      result.problems.push(`${state.path.join(' > ')}: ${view.error.code}`);
      return;
    }
    const step = view.value;
    result.visited.add(step.nodeId);
    const where = `${treeId} ${locale} ${state.path.join(' > ')}`;
    const strings = [
      step.title,
      step.treeTitle,
      step.text,
      ...step.choices.map((c) => c.label),
      ...step.links.map((l) => l.label),
    ];
    if (strings.some((s) => s.trim() === '')) result.problems.push(`${where}: an empty string`);
    // The languages must not be swapped or copied: Japanese text in ja, none in en.
    if (locale === 'ja' && !JAPANESE.test(step.text))
      result.problems.push(`${where}: the Japanese text has no Japanese`);
    if (locale === 'en' && strings.some((s) => JAPANESE.test(s)))
      result.problems.push(`${where}: Japanese in the English text`);
    if (step.isAnswer) result.paths.push(state.path);

    const moves = step.choices.map((c) => engine.choose(state, c.id));
    if (step.isCheck && step.checkId) {
      const outcomes = CHECK_OUTCOMES[step.checkId as keyof typeof CHECK_OUTCOMES];
      moves.push(...outcomes.map((o) => engine.applyCheckOutcome(state, o)));
    }
    let forward = 0;
    for (const move of moves) {
      if (!move.ok) {
        result.problems.push(`${where}: a button gives ${move.error.code}`);
        continue;
      }
      if (move.value.path.length <= state.path.length) continue; // back to a step on the path
      forward++;
      visit(move.value);
    }
    if (!step.isAnswer && forward === 0) result.problems.push(`${where}: trapped, no way on`);
  };

  visit(started.value);
  return result;
}

const trees = loadTrees();
const engine = createTroubleshooter(trees);
const walks = new Map<string, Walk>();
for (const tree of trees)
  for (const locale of ['ja', 'en'] as const)
    walks.set(`${tree.id}/${locale}`, walk(engine, tree.id, locale));

describe('every path of every troubleshooting tree', () => {
  it.each(trees.flatMap((tree) => (['ja', 'en'] as const).map((l) => [tree.id, l] as const)))(
    '%s (%s): every path ends at an answer with text, every node is visited',
    (treeId, locale) => {
      const result = walks.get(`${treeId}/${locale}`) as Walk;
      const tree = trees.find((t) => t.id === treeId);
      expect(result.problems).toEqual([]);
      expect(result.paths.length).toBeGreaterThan(0);
      expect([...result.visited].sort()).toEqual(tree?.nodes.map((n) => n.id).sort());
      for (const path of result.paths) {
        const view = engine.render({ treeId, path }, locale);
        expect(view.ok && view.value.isAnswer && view.value.text.trim().length > 0).toBe(true);
      }
    },
  );

  it('walks the same paths in both languages', () => {
    for (const tree of trees)
      expect(walks.get(`${tree.id}/en`)?.paths).toEqual(walks.get(`${tree.id}/ja`)?.paths);
  });

  // The counts are in the test's name, so the output shows how much was walked.
  const pathCount = (treeId: string) => walks.get(`${treeId}/ja`)?.paths.length ?? 0;
  const perTree = trees.map((t) => `${t.id} ${pathCount(t.id)}`).join(', ');
  const total = trees.reduce((n, t) => n + pathCount(t.id), 0);
  it(`walked ${total} paths per language (${perTree}), ${total * 2} in all; each answer ends one`, () => {
    for (const tree of trees) {
      const ends = new Set(walks.get(`${tree.id}/ja`)?.paths.map((p) => p[p.length - 1]));
      const answers = tree.nodes.filter((n) => n.kind === 'answer').map((n) => n.id);
      expect(answers.filter((id) => !ends.has(id))).toEqual([]);
    }
  });
});
