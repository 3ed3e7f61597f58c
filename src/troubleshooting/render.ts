import { t, type Locale } from '../i18n/messages';
import { joinText, type Localized, type NodeKind, type Tree, type TreeNode } from './schema';
import { describeStatusCode, findStatusCode, type StatusCodeBook } from './status-codes';

/** One step as a card builder needs it: plain strings in one language, nothing to look up. */
export interface StepView {
  treeId: string;
  nodeId: string;
  kind: NodeKind;
  treeTitle: string;
  /** The node's own title, else the tree's. */
  title: string;
  text: string;
  /** Buttons. `id` is the node the choice leads to: stable while the tree keeps its ids. */
  choices: { id: string; label: string }[];
  links: { label: string; url: string }[];
  commands: string[];
  /** How many steps deep (1 at the start). */
  depth: number;
  canGoBack: boolean;
  isAnswer: boolean;
  isCheck: boolean;
  /** The automatic check to offer (a check step); its manual route is in `choices`. */
  checkId?: string;
}

export function renderStep(
  tree: Tree,
  node: TreeNode,
  depth: number,
  locale: Locale,
  statusCodes?: StatusCodeBook,
): StepView {
  const say = (text: Localized) => joinText(text[locale]);
  const choice = (c: { label: Localized; next: string }) => ({ id: c.next, label: say(c.label) });
  return {
    treeId: tree.id,
    nodeId: node.id,
    kind: node.kind,
    treeTitle: say(tree.title),
    title: say(node.title ?? tree.title),
    text: textOf(node, locale, statusCodes),
    choices:
      node.kind === 'info'
        ? [{ id: node.next, label: t(locale, 'troubleshoot.next') }]
        : node.kind === 'answer'
          ? (node.next ?? []).map(choice)
          : node.choices.map(choice),
    links: (node.links ?? []).map((l) => ({ label: say(l.label), url: l.url })),
    commands: node.commands ?? [],
    depth,
    canGoBack: depth > 1,
    isAnswer: node.kind === 'answer',
    isCheck: node.kind === 'check',
    ...(node.kind === 'check' ? { checkId: node.check } : {}),
  };
}

function textOf(node: TreeNode, locale: Locale, statusCodes?: StatusCodeBook): string {
  const own = node.text ? joinText(node.text[locale]) : '';
  if (node.kind !== 'answer' || node.statusCode === undefined) return own;
  // Validation guarantees the code exists; the explanation lives once, in the code book.
  const entry = findStatusCode(node.statusCode, statusCodes);
  const explained = entry ? describeStatusCode(entry, locale).text : '';
  return [own, explained].filter((s) => s !== '').join('\n\n');
}
