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
  /** The asset number is optional (alone, the bot asks for it); 機種変更PC-0012 works too. */
  replace: /^\s*(replace(?=\s|$)|機種変更)\s*(.*?)\s*$/i,
  workflows: /^\s*(workflows|ワークフロー)\s*$/i,
  /** Optionally a guide (intune, jamf, co-management / 共同管理, ivanti) and an asset number. */
  troubleshoot: /^\s*(troubleshoot|トラブルシュート|トラブルシューティング)(\s+.*)?$/i,
  /** An Ivanti / Azure client status code, e.g. `explain Workplace_Join_Required`. */
  explain: /^\s*(explain|説明)(\s+.*)?$/i,
  /** A dry run of Microsoft 365 provisioning: `provision`, `provision plan`, `プロビジョニング`. */
  provision: /^\s*(provision|プロビジョニング)(\s+(?:plan|計画))?\s*$/i,
  /** One person's provisioning log: `provision why E0001` / `プロビジョニング履歴 E0001`. */
  provisionWhy: /^\s*(provision\s+why|プロビジョニング履歴)(?:\s+(.*?))?\s*$/i,
  /** A person of the directory: `person E0001` / `利用者 E0001`. */
  person: /^\s*(person|利用者)(?:\s+(.*?))?\s*$/i,
  /** The attribute mapping and the provisioning switches. */
  mapping: /^\s*(mapping|マッピング|属性マッピング)\s*$/i,
} as const;

export function command(pattern: RegExp) {
  return async (context: TurnContext) =>
    context.activity.type === 'message' && pattern.test(context.activity.text ?? '');
}

export function argument(context: TurnContext, pattern: RegExp): string {
  return (pattern.exec(context.activity.text ?? '')?.[2] ?? '').trim();
}
