import { t, type Locale } from '../i18n/messages';
import { joinText, type Tree } from './schema';

/** `troubleshoot` / `トラブルシュート`: the trees a user can start, in the order they ship. */
export interface TreeMenu {
  title: string;
  text: string;
  trees: { id: string; title: string; description: string }[];
}

export function treeMenu(trees: readonly Tree[], locale: Locale): TreeMenu {
  return {
    title: t(locale, 'troubleshoot.menu.title'),
    text: t(locale, 'troubleshoot.menu.text'),
    trees: trees.map((tree) => ({
      id: tree.id,
      title: joinText(tree.title[locale]),
      description: joinText(tree.description[locale]),
    })),
  };
}
