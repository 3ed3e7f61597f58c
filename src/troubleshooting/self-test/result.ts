import { t, type Locale, type MessageKey } from '../../i18n/messages';
import { describeError, type RetryPolicy } from '../../mdm/retry';

/**
 * One sentence of a self-test's finding, as a message key: the card and `daicho doctor` show it
 * in the reader's language. A parameter may be a message itself ("after 3 tries").
 */
export interface SelfTestMessage {
  key: MessageKey;
  params: Record<string, SelfTestParam>;
}
export type SelfTestParam = string | number | SelfTestMessage;

export function message(
  key: MessageKey,
  params: Record<string, SelfTestParam> = {},
): SelfTestMessage {
  return { key, params };
}

function textOf(part: SelfTestMessage, locale: Locale): string {
  const params = Object.fromEntries(
    Object.entries(part.params).map(([name, value]) => [
      name,
      typeof value === 'object' ? textOf(value, locale) : value,
    ]),
  );
  return t(locale, part.key, params);
}

/** The finding in words: `message` in the locale, or the English detail of an older result. */
export function selfTestText(
  result: { detail: string; message?: readonly SelfTestMessage[] },
  locale: Locale,
): string {
  if (!result.message || result.message.length === 0) return result.detail;
  return result.message.map((part) => textOf(part, locale)).join(' ');
}

/**
 * What a connection self-test found. A plain object (no Error, no class) so the bot can keep it
 * in MongoDB, bind it to a card, and jump to the tree step named after `outcome`.
 */
export interface SelfTestResult<Provider extends string, Outcome extends string, Facts> {
  provider: Provider;
  outcome: Outcome;
  facts: Facts;
  /** Technical, in English, for the logs; never holds a secret. */
  detail: string;
  /** The same finding as message keys, for the admin in their language (selfTestText). */
  message?: SelfTestMessage[];
  durationMs: number;
}

export interface SelfTestOptions {
  /** Time limit of one HTTP exchange (a sign-in counts as one). */
  timeoutMs?: number;
  /**
   * The short retry for throttling, 5xx and dropped connections. A Retry-After longer than
   * `maxRetryAfterMs` is reported, not waited out.
   */
  retry?: Partial<RetryPolicy>;
  /** Hard limit of the whole self-test: past it the result is `unreachable`. */
  deadlineMs?: number;
}

/** An admin waits for the answer in Teams: seconds, not the minutes a sync may take. */
export const SELF_TEST_DEFAULTS = {
  timeoutMs: 5000,
  retry: { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 2000, maxRetryAfterMs: 5000 },
  deadlineMs: 20_000,
} satisfies Required<SelfTestOptions>;

export function retryPolicyOf(options: SelfTestOptions): RetryPolicy {
  return { ...SELF_TEST_DEFAULTS.retry, ...options.retry };
}

/** The result of `work`, or `late()` once `ms` have passed, whichever comes first. */
export async function withinDeadline<T>(ms: number, work: Promise<T>, late: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late()), ms);
  });
  // The work may still settle after the deadline; nobody waits for it then.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Replaces every secret in `text` with "***". The services never echo a secret, but a library
 * message might one day carry a request body: the self-test's answer goes to a chat.
 */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter(Boolean).reduce((out, secret) => out.split(secret).join('***'), text);
}

/** The same object without its undefined properties, so results compare and print cleanly. */
export function compact<T extends object>(facts: T): T {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as T;
}

/** `text` as one sentence: a service's message may or may not end with its own full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Retry-After (ms) in whole seconds, as the service sent it. */
export function retryAfterSeconds(retryAfterMs: number | undefined): number | undefined {
  return retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000);
}

/** What a check concludes, before the frame adds the provider and the time it took. */
export interface Verdict<Outcome extends string, Facts> {
  outcome: Outcome;
  facts: Facts;
  message: SelfTestMessage[];
}

function redactMessage(part: SelfTestMessage, secrets: readonly string[]): SelfTestMessage {
  const params = Object.fromEntries(
    Object.entries(part.params).map(([name, value]) => [
      name,
      typeof value === 'string'
        ? redact(value, secrets)
        : typeof value === 'object'
          ? redactMessage(value, secrets)
          : value,
    ]),
  );
  return { key: part.key, params };
}

/**
 * The frame both self-tests share: "not configured" without credentials; otherwise the check,
 * turned into `unreachable` when it throws or outlasts the deadline (with the facts of what was
 * tested); secrets redacted from the detail, undefined facts dropped, the duration measured.
 */
export async function runSelfTest<P extends string, O extends string, F extends object>(frame: {
  provider: P;
  /** Undefined when nothing is configured to test. */
  target?: { base: F; secrets: readonly string[]; check: () => Promise<Verdict<O, F>> };
  notConfigured: MessageKey;
  /** Who failed to answer in time (selfTest.noAnswer.jamf). */
  noAnswer: MessageKey;
  deadlineMs: number;
}): Promise<SelfTestResult<P, O | 'not-configured' | 'unreachable', F>> {
  const started = Date.now();
  const { target } = frame;
  const finish = ({
    outcome,
    facts,
    message,
  }: Verdict<O | 'not-configured' | 'unreachable', F>) => {
    const redacted = message.map((part) => redactMessage(part, target?.secrets ?? []));
    return {
      provider: frame.provider,
      outcome,
      facts: compact(facts),
      // Redacted again as a whole: a secret could only show up split over two parameters.
      detail: redact(selfTestText({ detail: '', message: redacted }, 'en'), target?.secrets ?? []),
      message: redacted,
      durationMs: Date.now() - started,
    };
  };
  if (!target)
    return finish({
      outcome: 'not-configured',
      facts: {} as F,
      message: [message(frame.notConfigured)],
    });
  const unreachable = (part: SelfTestMessage) => ({
    outcome: 'unreachable' as const,
    facts: target.base,
    message: [part],
  });
  const work = target
    .check()
    .catch((e: unknown) =>
      unreachable(message('selfTest.unexpected', { error: describeError(e) })),
    );
  return finish(
    await withinDeadline<Verdict<O | 'unreachable', F>>(frame.deadlineMs, work, () =>
      unreachable(message(frame.noAnswer, { ms: frame.deadlineMs })),
    ),
  );
}
