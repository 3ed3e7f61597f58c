import type { Locale } from '../i18n/messages';
import { treeMenu, type TreeMenu } from './menu';
import { renderStep, type StepView } from './render';
import { errorResult, type TroubleshootResult } from './result';
import type { Tree, TreeNode } from './schema';
import type { StatusCodeBook } from './status-codes';
import { edgesOf } from './validate';

/**
 * The engine that walks a tree. Pure: every call takes a state and returns a new one, so the
 * bot can keep the state anywhere (MongoDB) and two users never share one. User input that does
 * not fit (an old card's button, a tree edited since) comes back as an error result.
 */

/** Where a user is: the tree and the nodes visited from its start, the current one last. */
export interface TroubleshootState {
  treeId: string;
  path: string[];
}

export interface Troubleshooter {
  readonly trees: readonly Tree[];
  menu(locale: Locale): TreeMenu;
  start(treeId: string): TroubleshootResult<TroubleshootState>;
  /** A choice of the current step, by its position in `render().choices` or by its id. */
  choose(state: TroubleshootState, choice: number | string): TroubleshootResult<TroubleshootState>;
  back(state: TroubleshootState): TroubleshootResult<TroubleshootState>;
  /** Back to the tree's start; works on a stale state too (that is how a user gets out). */
  restart(state: TroubleshootState): TroubleshootResult<TroubleshootState>;
  /** The result of the automatic check of the current (check) step. */
  applyCheckOutcome(
    state: TroubleshootState,
    outcomeId: string,
  ): TroubleshootResult<TroubleshootState>;
  render(state: TroubleshootState, locale: Locale): TroubleshootResult<StepView>;
}

interface Located {
  tree: Tree;
  node: TreeNode;
  path: string[];
}

type TreesById = ReadonlyMap<string, Tree>;

export function createTroubleshooter(
  trees: readonly Tree[],
  statusCodes?: StatusCodeBook,
): Troubleshooter {
  const byId: TreesById = new Map(trees.map((tree) => [tree.id, tree]));
  const findTree = (treeId: unknown) => findTreeIn(byId, treeId);
  const locate = (state: TroubleshootState) => locateIn(byId, state);

  return {
    trees,
    menu: (locale) => treeMenu(trees, locale),

    start(treeId) {
      const found = findTree(treeId);
      return found.ok ? { ok: true, value: { treeId, path: [found.value.start] } } : found;
    },

    choose(state, choice) {
      const at = locate(state);
      if (!at.ok) return at;
      const targets = edgesOf(at.value.node)
        .filter((e) => !e.field.startsWith('outcomes.'))
        .map((e) => e.target);
      const target =
        typeof choice === 'number' ? targets[choice] : targets.find((t) => t === choice);
      if (target === undefined)
        return errorResult('unknown-choice', 'troubleshoot.error.unknownChoice', {
          choice: String(choice),
        });
      return moveTo(at.value, target);
    },

    back(state) {
      const at = locate(state);
      if (!at.ok) return at;
      if (at.value.path.length < 2) return errorResult('at-start', 'troubleshoot.error.atStart');
      return { ok: true, value: { treeId: at.value.tree.id, path: at.value.path.slice(0, -1) } };
    },

    restart(state) {
      const found = findTree((state as Partial<TroubleshootState> | null)?.treeId);
      return found.ok
        ? { ok: true, value: { treeId: found.value.id, path: [found.value.start] } }
        : found;
    },

    applyCheckOutcome(state, outcomeId) {
      const at = locate(state);
      if (!at.ok) return at;
      const node = at.value.node;
      if (node.kind !== 'check')
        return errorResult('not-a-check', 'troubleshoot.error.notACheck', { nodeId: node.id });
      const target = Object.hasOwn(node.outcomes, outcomeId) ? node.outcomes[outcomeId] : undefined;
      if (target === undefined)
        return errorResult('unknown-outcome', 'troubleshoot.error.unknownOutcome', {
          outcome: outcomeId,
        });
      return moveTo(at.value, target);
    },

    render(state, locale) {
      const at = locate(state);
      if (!at.ok) return at;
      const { tree, node, path } = at.value;
      return { ok: true, value: renderStep(tree, node, path.length, locale, statusCodes) };
    },
  };
}

function findTreeIn(byId: TreesById, treeId: unknown): TroubleshootResult<Tree> {
  const tree = typeof treeId === 'string' ? byId.get(treeId) : undefined;
  return tree
    ? { ok: true, value: tree }
    : errorResult('unknown-tree', 'troubleshoot.error.unknownTree', { treeId: String(treeId) });
}

function nodeOf(tree: Tree, id: string): TreeNode | undefined {
  return tree.nodes.find((n) => n.id === id);
}

/** The state checked against the tree as it is now (it may come from an older version). */
function locateIn(byId: TreesById, state: TroubleshootState): TroubleshootResult<Located> {
  const found = findTreeIn(byId, (state as Partial<TroubleshootState> | null)?.treeId);
  if (!found.ok) return found;
  const tree = found.value;
  const stale = errorResult<Located>('stale-state', 'troubleshoot.error.staleState', {
    treeId: tree.id,
  });
  const path: unknown = state.path;
  if (!Array.isArray(path) || path.length === 0 || path[0] !== tree.start) return stale;
  const nodes = path.map((id) => (typeof id === 'string' ? nodeOf(tree, id) : undefined));
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (!node) return stale;
    // Each step must still follow from the one before: else "back" would lead somewhere odd.
    const next = nodes[i + 1];
    if (next && !edgesOf(node).some((e) => e.target === next.id)) return stale;
  }
  return {
    ok: true,
    value: { tree, node: nodes[nodes.length - 1] as TreeNode, path: path as string[] },
  };
}

/**
 * Going to a node already on the path (a "back to the menu" button) cuts the path there, so
 * "back" from the menu leaves the menu instead of replaying the loop, and a stored path never
 * grows longer than the tree.
 */
function moveTo(at: Located, target: string): TroubleshootResult<TroubleshootState> {
  const seen = at.path.indexOf(target);
  const path = seen >= 0 ? at.path.slice(0, seen + 1) : [...at.path, target];
  return { ok: true, value: { treeId: at.tree.id, path } };
}
