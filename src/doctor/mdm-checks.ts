import type { Config } from '../config/config';
import type { MessageKey } from '../i18n/messages';
import { runIntuneSelfTest, runJamfSelfTest, selfTestText } from '../troubleshooting/self-test';
import { fail, ok, skipped, type CheckContext, type DoctorCheck } from './check';

/** The self-tests' own limit, below the check's time-out so their answer is the one shown. */
export const MDM_DEADLINE_MS = 15_000;

/** Outcomes the self-tests report as working (no device yet is not a broken connection). */
const WORKING = new Set(['ok', 'empty-result']);

/** Intune: a token, its roles and one managed device, by the troubleshooting self-test. */
export async function checkIntune(ctx: CheckContext, config: Config): Promise<DoctorCheck> {
  if (!config.intune) return skipped(ctx, 'intune', 'doctor.skip.intune');
  const result = await runIntuneSelfTest(config.intune, { deadlineMs: MDM_DEADLINE_MS });
  const detail = selfTestText(result, ctx.locale);
  if (WORKING.has(result.outcome)) return ok('intune', detail);
  return fail(ctx, 'intune', detail, intuneFix(result.outcome));
}

/** Jamf Pro: an OAuth token and one record of each inventory, by the self-test. */
export async function checkJamf(ctx: CheckContext, config: Config): Promise<DoctorCheck> {
  if (!config.jamf) return skipped(ctx, 'jamf', 'doctor.skip.jamf');
  const result = await runJamfSelfTest(config.jamf, { deadlineMs: MDM_DEADLINE_MS });
  const detail = selfTestText(result, ctx.locale);
  if (WORKING.has(result.outcome)) return ok('jamf', detail);
  return fail(ctx, 'jamf', detail, jamfFix(result.outcome));
}

function intuneFix(outcome: string): MessageKey {
  switch (outcome) {
    case 'bad-secret':
    case 'expired-secret':
    case 'wrong-tenant':
    case 'unknown-client':
    case 'missing-permission':
    case 'throttled':
      return `doctor.fix.intune.${outcome}`;
    default:
      return 'doctor.fix.intune.unreachable';
  }
}

function jamfFix(outcome: string): MessageKey {
  switch (outcome) {
    case 'bad-credentials':
    case 'missing-privilege':
    case 'throttled':
      return `doctor.fix.jamf.${outcome}`;
    default:
      return 'doctor.fix.jamf.unreachable';
  }
}
