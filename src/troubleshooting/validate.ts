import { CHECK_OUTCOMES, type DeclaredChecks } from './checks';
import { treeSchema, type Tree, type TreeNode } from './schema';
import { findStatusCode, type StatusCodeBook } from './status-codes';

/**
 * Validation of the tree files. Every problem is collected (not just the first) and names the
 * tree and the node, so an admin who edited a file fixes everything in one go.
 */

export interface TreeProblem {
  treeId: string;
  /** Absent when the problem is about the tree as a whole. */
  nodeId?: string;
  problem: string;
}

export interface ValidationOptions {
  /** The checks the bot can run, and their outcomes (default: checks.ts). */
  checks?: DeclaredChecks;
  /** Where `statusCode` answers look their code up (default: the shipped code book). */
  statusCodes?: StatusCodeBook;
}

/** One way out of a node: which field it is in, and the node it leads to. */
export interface Edge {
  field: string;
  target: string;
}

export function edgesOf(node: TreeNode): Edge[] {
  const choices = (field: string, list: { next: string }[] = []) =>
    list.map((c, i) => ({ field: `${field}[${i}]`, target: c.next }));
  switch (node.kind) {
    case 'question':
      return choices('choices', node.choices);
    case 'info':
      return [{ field: 'next', target: node.next }];
    case 'answer':
      return choices('next', node.next);
    case 'check':
      return [
        ...Object.entries(node.outcomes).map(([outcome, target]) => ({
          field: `outcomes.${outcome}`,
          target,
        })),
        ...choices('choices', node.choices),
      ];
  }
}

export function validateTrees(
  raws: readonly unknown[],
  options: ValidationOptions = {},
): { trees: Tree[]; problems: TreeProblem[] } {
  const trees: Tree[] = [];
  const problems: TreeProblem[] = [];
  for (const raw of raws) {
    const result = validateTree(raw, options);
    problems.push(...result.problems);
    if (result.tree) trees.push(result.tree);
  }
  const ids = trees.map((tree) => tree.id);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i)))
    problems.push({ treeId: id, problem: 'two trees have this id' });
  return { trees, problems };
}

export function validateTree(
  raw: unknown,
  options: ValidationOptions = {},
): { tree?: Tree; problems: TreeProblem[] } {
  const parsed = treeSchema.safeParse(raw);
  if (!parsed.success) return { problems: shapeProblems(raw, parsed.error.issues) };
  const tree = parsed.data;
  const problems: TreeProblem[] = [];
  const report = (nodeId: string | undefined, problem: string) =>
    problems.push({ treeId: tree.id, nodeId, problem });

  const nodeIds = tree.nodes.map((n) => n.id);
  for (const id of new Set(nodeIds.filter((id, i) => nodeIds.indexOf(id) !== i)))
    report(id, 'two nodes have this id');
  const known = new Set(nodeIds);
  if (!known.has(tree.start)) report(undefined, `the start node "${tree.start}" does not exist`);

  for (const node of tree.nodes) {
    for (const problem of nodeProblems(node, known, options)) report(node.id, problem);
  }
  // Graph rules only make sense once every edge points somewhere.
  if (problems.length === 0) {
    for (const [nodeId, problem] of graphProblems(tree)) report(nodeId, problem);
  }
  return problems.length === 0 ? { tree, problems } : { problems };
}

function nodeProblems(node: TreeNode, known: Set<string>, options: ValidationOptions): string[] {
  const problems: string[] = [];
  const edges = edgesOf(node);
  for (const edge of edges) {
    if (!known.has(edge.target))
      problems.push(`${edge.field} leads to "${edge.target}", which does not exist`);
  }
  // A choice's id is the node it leads to, so two buttons of one step must lead apart.
  const buttons = edges.filter((e) => !e.field.startsWith('outcomes.')).map((e) => e.target);
  for (const dup of new Set(buttons.filter((t, i) => buttons.indexOf(t) !== i)))
    problems.push(`two choices lead to "${dup}" (each choice must lead to a different node)`);

  if (node.kind === 'answer') {
    if (node.text === undefined && node.statusCode === undefined)
      problems.push('an answer needs "text" (or "statusCode")');
    if (node.statusCode !== undefined && !findStatusCode(node.statusCode, options.statusCodes))
      problems.push(`statusCode "${node.statusCode}" is not in the status code list`);
  }
  if (node.kind === 'check') {
    const checks: DeclaredChecks = options.checks ?? CHECK_OUTCOMES;
    const declared = Object.hasOwn(checks, node.check) ? checks[node.check] : undefined;
    if (!declared) return [...problems, `check "${node.check}" is not a check the bot can run`];
    for (const outcome of declared) {
      if (!(outcome in node.outcomes))
        problems.push(`outcome "${outcome}" of check "${node.check}" has no step`);
    }
    for (const outcome of Object.keys(node.outcomes)) {
      if (!declared.includes(outcome))
        problems.push(`outcome "${outcome}" is not one check "${node.check}" reports`);
    }
  }
  return problems;
}

/** Unreachable nodes, and nodes from which no answer can be reached (a loop with no exit). */
function graphProblems(tree: Tree): [string, string][] {
  const byId = new Map(tree.nodes.map((n) => [n.id, n]));
  const reachable = new Set<string>();
  const queue = [tree.start];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const edge of edgesOf(byId.get(id) as TreeNode)) queue.push(edge.target);
  }
  // Walk backwards from the answers: whatever can get to one has an exit.
  const canFinish = new Set(tree.nodes.filter((n) => n.kind === 'answer').map((n) => n.id));
  let grew = true;
  while (grew) {
    grew = false;
    for (const node of tree.nodes) {
      if (!canFinish.has(node.id) && edgesOf(node).some((e) => canFinish.has(e.target))) {
        canFinish.add(node.id);
        grew = true;
      }
    }
  }
  const problems: [string, string][] = [];
  for (const node of tree.nodes) {
    if (!reachable.has(node.id)) problems.push([node.id, 'cannot be reached from the start']);
    else if (!canFinish.has(node.id))
      problems.push([node.id, 'no answer can be reached from here (a loop with no exit)']);
  }
  return problems;
}

function shapeProblems(
  raw: unknown,
  issues: { path: (string | number)[]; message: string }[],
): TreeProblem[] {
  const tree = (typeof raw === 'object' && raw !== null ? raw : {}) as {
    id?: unknown;
    nodes?: unknown;
  };
  const treeId = typeof tree.id === 'string' ? tree.id : '(tree without an id)';
  const nodes = Array.isArray(tree.nodes) ? (tree.nodes as { id?: unknown }[]) : [];
  return issues.map(({ path, message }) => {
    if (path[0] === 'nodes' && typeof path[1] === 'number') {
      const nodeId = nodes[path[1]]?.id;
      const field = path.slice(2).join('.');
      return {
        treeId,
        nodeId: typeof nodeId === 'string' ? nodeId : `nodes[${path[1]}]`,
        problem: field ? `${field}: ${message}` : message,
      };
    }
    return { treeId, problem: path.length > 0 ? `${path.join('.')}: ${message}` : message };
  });
}

export function formatProblems(problems: readonly TreeProblem[]): string {
  return problems
    .map((p) => `${p.treeId}${p.nodeId ? ` / ${p.nodeId}` : ''}: ${p.problem}`)
    .join('\n');
}
