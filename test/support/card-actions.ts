export interface CardAction {
  type: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** Every Action.Execute of a card, wherever it sits (actions, action sets, columns). */
export function actionsOf(card: unknown): CardAction[] {
  const found: CardAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') found.push(o as unknown as CardAction);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}
