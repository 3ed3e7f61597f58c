import {
  formatProblems,
  loadTrees,
  TreeValidationError,
  validateTree,
  validateTrees,
  type TreeProblem,
} from '../../src/troubleshooting';
import { brokenTree, DEMO_CHECKS, demoTree, L, node } from './troubleshooting-fixtures';

const validate = (raw: unknown) => validateTree(raw, { checks: DEMO_CHECKS }).problems;
const mentions = (problems: TreeProblem[], nodeId: string | undefined, text: RegExp) =>
  problems.some((p) => p.nodeId === nodeId && text.test(p.problem));

describe('troubleshooting tree validation', () => {
  it('accepts the shipped trees', () => {
    const trees = loadTrees();
    expect(trees.map((t) => t.id)).toEqual([
      'intune-sync',
      'jamf-sync',
      'co-management',
      'ivanti-compliance',
    ]);
  });

  it('accepts the demo tree the other tests break', () => {
    expect(validate(demoTree())).toEqual([]);
  });

  // One broken tree per rule: each must be refused, naming the node and the problem.
  it.each<[string, ReturnType<typeof brokenTree>, string | undefined, RegExp]>([
    [
      'a next that points nowhere',
      brokenTree((n) => ((node(n, 'i').next as unknown) = 'nowhere')),
      'i',
      /next leads to "nowhere", which does not exist/,
    ],
    [
      'a choice that points nowhere',
      brokenTree((n) => {
        (node(n, 'q').choices as { next: string }[])[1].next = 'gone';
      }),
      'q',
      /choices\[1\] leads to "gone"/,
    ],
    [
      'a start node that does not exist',
      brokenTree((_n, tree) => (tree.start = 'nope')),
      undefined,
      /start node "nope" does not exist/,
    ],
    [
      'two nodes with one id',
      brokenTree((n) => n.push({ id: 'a1', kind: 'answer', text: L('別', 'Other') })),
      'a1',
      /two nodes have this id/,
    ],
    [
      'a node that cannot be reached',
      brokenTree((n) => n.push({ id: 'orphan', kind: 'answer', text: L('孤児', 'Orphan') })),
      'orphan',
      /cannot be reached from the start/,
    ],
    [
      'a loop with no exit',
      brokenTree((n) => {
        (node(n, 'q').choices as unknown[]).push({ label: L('輪', 'Loop'), next: 'loop1' });
        n.push({ id: 'loop1', kind: 'info', text: L('一', 'One'), next: 'loop2' });
        n.push({ id: 'loop2', kind: 'info', text: L('二', 'Two'), next: 'loop1' });
      }),
      'loop1',
      /no answer can be reached from here/,
    ],
    [
      'a question with no choice (a dead end that is not an answer)',
      brokenTree((n) => (node(n, 'q').choices = [])),
      'q',
      /choices: a question needs at least one choice/,
    ],
    [
      'an info step with no next (a dead end that is not an answer)',
      brokenTree((n) => delete node(n, 'i').next),
      'i',
      /next/,
    ],
    [
      'an answer with no text',
      brokenTree((n) => delete node(n, 'a1').text),
      'a1',
      /an answer needs "text"/,
    ],
    [
      'a missing English text',
      brokenTree((n) => (node(n, 'q').text = { ja: 'どうしますか?' })),
      'q',
      /text\.en: is missing or empty/,
    ],
    [
      'an empty Japanese label',
      brokenTree((n) => {
        (node(n, 'q').choices as { label: unknown }[])[0].label = L('  ', 'Run');
      }),
      'q',
      /choices\.0\.label\.ja: is missing or empty/,
    ],
    [
      'an empty list of lines',
      brokenTree((n) => (node(n, 'i').text = { ja: [], en: ['x'] })),
      'i',
      /text\.ja: is missing or empty/,
    ],
    [
      'a check outcome without a step',
      brokenTree((n) => (node(n, 'c').outcomes = { ok: 'a1' })),
      'c',
      /outcome "bad" of check "demo" has no step/,
    ],
    [
      'a check outcome the check never reports',
      brokenTree((n) => (node(n, 'c').outcomes = { ok: 'a1', bad: 'i', odd: 'a2' })),
      'c',
      /outcome "odd" is not one check "demo" reports/,
    ],
    [
      'a check the bot cannot run',
      brokenTree((n) => (node(n, 'c').check = 'teleport')),
      'c',
      /check "teleport" is not a check the bot can run/,
    ],
    [
      'a check without a manual route',
      brokenTree((n) => (node(n, 'c').choices = [])),
      'c',
      /the manual route/,
    ],
    [
      'two choices leading to one node',
      brokenTree((n) => {
        (node(n, 'q').choices as { next: string }[])[1].next = 'c';
      }),
      'q',
      /two choices lead to "c"/,
    ],
    ['an unknown kind', brokenTree((n) => (node(n, 'i').kind = 'quiz')), 'i', /kind/],
    [
      'a misspelt field',
      brokenTree((n) => {
        node(n, 'a1').linkz = node(n, 'a1').links;
        delete node(n, 'a1').links;
      }),
      'a1',
      /linkz/,
    ],
    [
      'a link that is not a web address',
      brokenTree((n) => (node(n, 'a1').links = [{ label: L('資料', 'Docs'), url: 'docs' }])),
      'a1',
      /links\.0\.url: must be an http\(s\) address/,
    ],
    [
      'a status code that is not in the code list',
      brokenTree((n) => {
        delete node(n, 'a1').text;
        node(n, 'a1').statusCode = 'Not_A_Code';
      }),
      'a1',
      /statusCode "Not_A_Code" is not in the status code list/,
    ],
  ])('refuses %s', (_name, tree, nodeId, problem) => {
    const problems = validate(tree);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.treeId === 'demo')).toBe(true);
    expect(mentions(problems, nodeId, problem)).toBe(true);
  });

  it('lists every problem at once, each with its tree and node', () => {
    const tree = brokenTree((n) => {
      node(n, 'q').text = { ja: '', en: 'What now?' };
      node(n, 'i').next = 'nowhere';
      node(n, 'c').outcomes = { ok: 'a1' };
    });
    // Shape problems are reported alone (the graph rules need a well-formed tree) …
    expect(validate(tree)).toEqual([
      {
        treeId: 'demo',
        nodeId: 'q',
        problem: 'text.ja: is missing or empty (a text, or a list of lines)',
      },
    ]);
    // … and once the shape is right, every graph problem comes at once.
    node(tree.nodes as Record<string, unknown>[], 'q').text = L('はい', 'Yes');
    const problems = validate(tree);
    expect(problems).toEqual(
      expect.arrayContaining([
        { treeId: 'demo', nodeId: 'i', problem: 'next leads to "nowhere", which does not exist' },
        { treeId: 'demo', nodeId: 'c', problem: 'outcome "bad" of check "demo" has no step' },
      ]),
    );
    expect(formatProblems(problems)).toContain('demo / i: next leads to "nowhere"');
  });

  it('refuses two trees with one id', () => {
    const { problems } = validateTrees([demoTree(), demoTree()], { checks: DEMO_CHECKS });
    expect(problems).toEqual([{ treeId: 'demo', problem: 'two trees have this id' }]);
  });

  it('refuses a file that is not a tree at all, without throwing', () => {
    expect(validate(null).length).toBeGreaterThan(0);
    expect(validate({ id: 'x' }).map((p) => p.treeId)).toContain('x');
  });

  it('throws at load with every problem listed (tree id, node id, problem)', () => {
    const error = new TreeValidationError([
      { treeId: 'intune-sync', nodeId: 'relink', problem: 'text.en: is missing or empty' },
      { treeId: 'jamf-sync', problem: 'the start node "x" does not exist' },
    ]);
    expect(error.message).toContain('2 problem(s)');
    expect(error.message).toContain('intune-sync / relink: text.en: is missing or empty');
    expect(error.message).toContain('jamf-sync: the start node "x" does not exist');
  });
});
