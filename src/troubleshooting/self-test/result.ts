import { describeError, type RetryPolicy } from '../../mdm/retry';

/**
 * What a connection self-test found. A plain object (no Error, no class) so the bot can keep it
 * in MongoDB, bind it to a card, and jump to the tree step named after `outcome`.
 */
export interface SelfTestResult<Provider extends string, Outcome extends string, Facts> {
  provider: Provider;
  outcome: Outcome;
  facts: Facts;
  /** Technical, in English, for the admin and the logs; never holds a secret. */
  detail: string;
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
  detail: string;
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
  notConfigured: string;
  /** Who failed to answer in time, for the detail ("Jamf Pro"). */
  service: string;
  deadlineMs: number;
}): Promise<SelfTestResult<P, O | 'not-configured' | 'unreachable', F>> {
  const started = Date.now();
  const { target } = frame;
  const finish = ({
    outcome,
    facts,
    detail,
  }: Verdict<O | 'not-configured' | 'unreachable', F>) => ({
    provider: frame.provider,
    outcome,
    facts: compact(facts),
    detail: redact(detail, target?.secrets ?? []),
    durationMs: Date.now() - started,
  });
  if (!target)
    return finish({ outcome: 'not-configured', facts: {} as F, detail: frame.notConfigured });
  const unreachable = (detail: string) => ({
    outcome: 'unreachable' as const,
    facts: target.base,
    detail,
  });
  const work = target
    .check()
    .catch((e: unknown) => unreachable(`The self-test failed unexpectedly: ${describeError(e)}.`));
  return finish(
    await withinDeadline<Verdict<O | 'unreachable', F>>(frame.deadlineMs, work, () =>
      unreachable(`${frame.service} gave no complete answer within ${frame.deadlineMs} ms.`),
    ),
  );
}
