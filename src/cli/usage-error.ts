import { DaichoError } from '../errors';
import type { MessageKey } from '../i18n/messages';

/** Bad words on the command line: reported like any other error, but exit code 2. */
export class UsageError extends DaichoError {
  constructor(messageKey: MessageKey, params: Record<string, string | number> = {}) {
    super('INVALID_INPUT', messageKey, params);
  }
}
