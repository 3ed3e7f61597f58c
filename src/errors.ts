/**
 * The few error types Daicho raises. Each carries a stable `code` (for logs and tests), an
 * i18n message key with parameters (what the user reads, in their language) and, where there
 * is one, the underlying `cause`.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'DB_UNAVAILABLE'
  | 'NOT_FOUND'
  | 'AMBIGUOUS'
  | 'DUPLICATE_ASSET_NUMBER'
  | 'DELETE_SYNCED_DEVICE'
  | 'INVALID_INPUT'
  | 'IMPORT_INVALID'
  | 'NOT_LINKED'
  | 'INTEGRATION_ACTIVE'
  | 'NO_CREDENTIALS'
  | 'SYNC_BUSY'
  | 'MDM_READ_FAILED'
  | 'RUN_NOT_FOUND'
  | 'PROVISIONING_OFF'
  | 'PROVISION_BUSY'
  | 'GRAPH_FAILED'
  | 'STOCKTAKE_STATE';

import type { MessageKey } from './i18n/messages';

export type MessageParams = Record<string, string | number>;

export class DaichoError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${messageKey} ${JSON.stringify(params)}`, options);
    this.name = 'DaichoError';
  }
}

export function isDaichoError(e: unknown, code?: ErrorCode): e is DaichoError {
  return e instanceof DaichoError && (code === undefined || e.code === code);
}

/** A MongoDB duplicate-key error (E11000), whether from a single write or a bulk write. */
export function isDuplicateKeyError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000;
}

/** The write errors of a failed bulk write as a list: the driver gives one, several or none. */
export function writeErrorsOf<W>(e: { writeErrors?: W | readonly W[] }): readonly W[] {
  const errors = e.writeErrors;
  if (errors === undefined || errors === null) return [];
  return isList(errors) ? errors : [errors];
}

function isList<W>(value: W | readonly W[]): value is readonly W[] {
  return Array.isArray(value);
}

/** A bulk write whose every failure is a duplicate key: what an idempotent re-write expects. */
export function onlyDuplicateKeys(e: { writeErrors?: unknown }): boolean {
  const errors = writeErrorsOf(e as { writeErrors?: { code?: unknown } });
  return errors.length > 0 && errors.every((w) => w.code === 11000);
}
