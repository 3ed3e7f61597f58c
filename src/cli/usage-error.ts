import { DaichoError } from '../errors';

/** Bad words on the command line: reported like any other error, but exit code 2. */
export class UsageError extends DaichoError {
  constructor(messageKey: string, params: Record<string, string | number> = {}) {
    super('INVALID_INPUT', messageKey, params);
  }
}
