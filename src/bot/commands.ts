import type { BotTurn } from './turn';

/**
 * Typed-command matching, one pattern per command in both languages. A command route names its
 * PATTERN and reads its argument with `argument(turn, PATTERN)`, so the words live
 * in one place instead of `text.includes` chains.
 *
 * Every pattern runs in time linear in the message, whatever it holds (a unit test feeds each
 * one 100,000-character messages of spaces, tabs, U+3000 and line breaks). The rule: an argument
 * is `(\S(?:.*\S)?)` — it starts and ends on a non-space, so it can begin only where the
 * whitespace before it ends and end only where the whitespace after it begins. Never a lazy
 * `(.+?)` or `(.*?)` before `\s*$`, nor `(\s+.*)?$`: both can split a run of spaces between the
 * argument and the whitespace around it in every way, and `device a` + 100,000 spaces + `b`
 * then held the event loop for 20–40 s (and `device` + spaces + `a` + a line break was cubic:
 * 7½ minutes at 10,000 characters).
 * An argument stays on one line, as before: `.` does not match a line break.
 *
 * The text is normalized before it gets here (src/teams/app.ts: cut to MAX_MESSAGE_LENGTH,
 * trimmed); the patterns still allow whitespace around a command, so they read raw text the
 * same way.
 */
export const COMMANDS = {
  help: /^\s*(help|ヘルプ|\?|？)\s*$/i,
  device: /^\s*(device|デバイス|端末)\s+(\S(?:.*\S)?)\s*$/i,
  devices: /^\s*(devices|デバイス一覧|一覧)(?:\s+(\S(?:.*\S)?))?\s*$/i,
  sync: /^\s*(sync|同期)(?:\s+(\S(?:.*\S)?))?\s*$/i,
  status: /^\s*(status|状態|ステータス)\s*$/i,
  link: /^\s*(link|連携)\s*$/i,
  unlink: /^\s*(unlink|連携解除)\s*$/i,
  alertChannel: /^\s*(alerts here|通知先をここに)\s*$/i,
  /** The asset number is optional (alone, the bot asks for it); 機種変更PC-0012 works too. */
  replace: /^\s*(replace(?=\s|$)|機種変更)\s*(?:(\S(?:.*\S)?)\s*)?$/i,
  workflows: /^\s*(workflows|ワークフロー)\s*$/i,
  /** Optionally a guide (intune, jamf, co-management / 共同管理, ivanti) and an asset number. */
  troubleshoot:
    /^\s*(troubleshoot|トラブルシュート|トラブルシューティング)(?:\s+(\S(?:.*\S)?))?\s*$/i,
  /** An Ivanti / Azure client status code, e.g. `explain Workplace_Join_Required`. */
  explain: /^\s*(explain|説明)(?:\s+(\S(?:.*\S)?))?\s*$/i,
  /** A dry run of Microsoft 365 provisioning: `provision`, `provision plan`, `プロビジョニング`. */
  provision: /^\s*(provision|プロビジョニング)(\s+(?:plan|計画))?\s*$/i,
  /** One person's provisioning log: `provision why E0001` / `プロビジョニング履歴 E0001`. */
  provisionWhy: /^\s*(provision\s+why|プロビジョニング履歴)(?:\s+(\S(?:.*\S)?))?\s*$/i,
  /** A person of the directory: `person E0001` / `利用者 E0001`. */
  person: /^\s*(person|利用者)(?:\s+(\S(?:.*\S)?))?\s*$/i,
  /** The attribute mapping and the provisioning switches. */
  mapping: /^\s*(mapping|マッピング|属性マッピング)\s*$/i,
  /** A stocktake (棚卸): the start card, or the open one's progress card. */
  stocktake: /^\s*(stocktake|棚卸|棚卸し)\s*$/i,
} as const;

/** The command's argument (group 2), trimmed; '' when it has none. */
export function argument(turn: Pick<BotTurn, 'text'>, pattern: RegExp): string {
  return (pattern.exec(turn.text)?.[2] ?? '').trim();
}
