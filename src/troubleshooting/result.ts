/**
 * What the engine answers instead of throwing: a user pressing an old card's button or typing a
 * wrong code is ordinary, not exceptional. `messageKey` is an i18n key (src/i18n) for the user,
 * `code` is stable for logs and tests.
 */
import type { MessageKey } from '../i18n/messages';

export type TroubleshootErrorCode =
  | 'unknown-tree'
  | 'stale-state'
  | 'unknown-choice'
  | 'not-a-check'
  | 'unknown-outcome'
  | 'at-start'
  | 'unknown-code';

export interface TroubleshootError {
  code: TroubleshootErrorCode;
  messageKey: MessageKey;
  params: Record<string, string | number>;
}

export type TroubleshootResult<T> =
  { ok: true; value: T } | { ok: false; error: TroubleshootError };

export function errorResult<T>(
  code: TroubleshootErrorCode,
  messageKey: MessageKey,
  params: Record<string, string | number> = {},
): TroubleshootResult<T> {
  return { ok: false, error: { code, messageKey, params } };
}
