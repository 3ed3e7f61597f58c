/**
 * The automatic checks a tree may ask the bot to run, and every outcome each can report. This is
 * the contract between the trees (a `check` node maps each outcome to a step) and the code that
 * runs the check: validation makes every check node cover exactly these outcomes, so a new
 * outcome added here fails the start until every tree says where it leads.
 */
export const CHECK_OUTCOMES = {
  /** Token for the app registration, its roles and tenant, one managedDevices call. */
  'intune-self-test': [
    'ok',
    'bad-secret',
    'expired-secret',
    'wrong-tenant',
    'unknown-client',
    'missing-permission',
    'empty-result',
    'throttled',
    'unreachable',
    'not-configured',
  ],
  /** Jamf Pro OAuth token for the API client, one computers and one mobile-devices call. */
  'jamf-self-test': [
    'ok',
    'bad-credentials',
    'missing-privilege',
    'empty-result',
    'throttled',
    'unreachable',
    'not-configured',
  ],
} as const;

export type CheckId = keyof typeof CHECK_OUTCOMES;
export type CheckOutcome<C extends CheckId> = (typeof CHECK_OUTCOMES)[C][number];
export type IntuneSelfTestOutcome = CheckOutcome<'intune-self-test'>;
export type JamfSelfTestOutcome = CheckOutcome<'jamf-self-test'>;

/** The declared checks in the form validation takes (tests pass their own). */
export type DeclaredChecks = Readonly<Record<string, readonly string[]>>;
