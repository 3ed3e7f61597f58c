/** Small trees built in the tests, so each validation rule and engine move is shown in isolation. */

export const L = (ja: string | string[], en: string | string[]) => ({ ja, en });

export const DEMO_CHECKS = { demo: ['ok', 'bad'] } as const;

/**
 * q (question) ─┬─► c (check: ok → a1, bad → i; by hand → i)
 *               └─► a1 (answer)
 * i (info) ─► a2 (answer: suggests going back to q)
 */
export function demoTree() {
  return {
    id: 'demo',
    source: 'test',
    title: L('デモ', 'Demo'),
    description: L('テスト用の木', 'A tree for tests'),
    start: 'q',
    nodes: [
      {
        id: 'q',
        kind: 'question',
        text: L('どうしますか?', 'What now?'),
        choices: [
          { label: L('チェックする', 'Run the check'), next: 'c' },
          { label: L('答えを見る', 'Show the answer'), next: 'a1' },
        ],
      },
      {
        id: 'c',
        kind: 'check',
        text: L('自動チェック', 'Automatic check'),
        check: 'demo',
        outcomes: { ok: 'a1', bad: 'i' },
        choices: [{ label: L('手動で', 'By hand'), next: 'i' }],
      },
      {
        id: 'i',
        kind: 'info',
        text: L(['説明', '二行目'], ['Explanation', 'line two']),
        next: 'a2',
      },
      {
        id: 'a1',
        kind: 'answer',
        title: L('答え 1', 'Answer 1'),
        text: L('解決', 'Solved'),
        links: [{ label: L('資料', 'Docs'), url: 'https://example.com/docs' }],
        commands: ['dsregcmd /status'],
      },
      {
        id: 'a2',
        kind: 'answer',
        text: L('答え 2', 'Answer 2'),
        next: [{ label: L('最初へ', 'To the start'), next: 'q' }],
      },
    ],
  };
}

export type DemoTree = ReturnType<typeof demoTree>;
/** A node of the demo tree, loosened so a test can break it any way it likes. */
export type LooseNode = Record<string, unknown>;

/** The demo tree with its nodes changed by `edit` (a deep copy: tests never share one). */
export function brokenTree(edit: (nodes: LooseNode[], tree: Record<string, unknown>) => void) {
  const tree = JSON.parse(JSON.stringify(demoTree())) as Record<string, unknown>;
  edit(tree.nodes as LooseNode[], tree);
  return tree;
}

export function node(nodes: LooseNode[], id: string): LooseNode {
  const found = nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id} in the demo tree`);
  return found;
}
