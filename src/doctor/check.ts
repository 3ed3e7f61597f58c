import { t, type Locale, type MessageKey } from '../i18n/messages';
import { maskSecrets } from '../secrets';

export type CheckStatus = 'ok' | 'fail' | 'skipped';

/** One line of `daicho doctor`; `fix` is null when there is nothing to do. */
export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
  fix: string | null;
}

/** What a check needs to speak: the CLI user's language. */
export interface CheckContext {
  locale: Locale;
}

export function ok(name: string, detail: string): DoctorCheck {
  return { name, status: 'ok', detail, fix: null };
}

export function fail(
  ctx: CheckContext,
  name: string,
  detail: string,
  fix: MessageKey,
): DoctorCheck {
  return { name, status: 'fail', detail, fix: t(ctx.locale, fix) };
}

export function skipped(ctx: CheckContext, name: string, why: MessageKey): DoctorCheck {
  return { name, status: 'skipped', detail: t(ctx.locale, why), fix: null };
}

/**
 * Runs one check so that doctor never hangs and never throws: past `ms`, or on an unexpected
 * error, the check fails with `fix`. Secrets are masked out of the detail.
 */
export async function bounded(
  ctx: CheckContext,
  name: string,
  ms: number,
  fix: MessageKey,
  run: () => Promise<DoctorCheck>,
): Promise<DoctorCheck> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DoctorCheck>((resolve) => {
    timer = setTimeout(
      () => resolve(fail(ctx, name, t(ctx.locale, 'doctor.timeout', { ms }), fix)),
      ms,
    );
  });
  const work = run().catch((e: unknown) =>
    fail(ctx, name, e instanceof Error ? e.message : String(e), fix),
  );
  try {
    const check = await Promise.race([work, late]);
    return { ...check, detail: maskSecrets(check.detail) };
  } finally {
    clearTimeout(timer);
  }
}
