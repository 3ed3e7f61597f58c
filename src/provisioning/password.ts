import { randomInt } from 'node:crypto';
import type { PlanOperation } from './plan-types';

// No look-alikes (0/O, 1/l/I): the first password may be read out to the person.
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@';

/**
 * A first password for a new account: 16 characters with all four kinds, so it meets Entra ID's
 * complexity rule. Made here, at apply time, never in the plan: plans are shown and saved.
 */
export function randomPassword(length = 16): string {
  const sets = [LOWER, UPPER, DIGITS, SYMBOLS];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** The POST /users body of a planned createUser, with the first password (changed at sign-in). */
export function createUserRequest(
  op: Extract<PlanOperation, { kind: 'createUser' }>,
  password: string,
): Record<string, unknown> {
  return {
    ...op.body,
    passwordProfile: { forceChangePasswordNextSignIn: true, password },
  };
}
