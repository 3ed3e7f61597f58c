import type { TurnContext } from 'botbuilder';

/**
 * Typed-command matching, one pattern per command in both languages. A handler registers with
 * `command(PATTERN)` and reads its argument with `argument(context, PATTERN)`, so the words live
 * in one place instead of `text.includes` chains.
 */
export const COMMANDS = {
  help: /^\s*(help|ヘルプ|\?|？)\s*$/i,
  device: /^\s*(device|デバイス|端末)\s+(.+?)\s*$/i,
  devices: /^\s*(devices|デバイス一覧|一覧)(\s+.*)?$/i,
  sync: /^\s*(sync|同期)(\s+.*)?$/i,
  status: /^\s*(status|状態|ステータス)\s*$/i,
  link: /^\s*(link|連携)\s*$/i,
  unlink: /^\s*(unlink|連携解除)\s*$/i,
  alertChannel: /^\s*(alerts here|通知先をここに)\s*$/i,
} as const;

export function command(pattern: RegExp) {
  return async (context: TurnContext) =>
    context.activity.type === 'message' && pattern.test(context.activity.text ?? '');
}

export function argument(context: TurnContext, pattern: RegExp): string {
  return (pattern.exec(context.activity.text ?? '')?.[2] ?? '').trim();
}
