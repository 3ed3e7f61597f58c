/** Connection self-tests behind the "Intune / Jamf data does not sync" troubleshooting tree. */
export { runIntuneSelfTest } from './intune-self-test';
export {
  INTUNE_SELF_TEST_OUTCOMES,
  type IntuneSelfTestFacts,
  type IntuneSelfTestOutcome,
  type IntuneSelfTestResult,
} from './intune-outcome';
export { runJamfSelfTest } from './jamf-self-test';
export {
  JAMF_SELF_TEST_OUTCOMES,
  type JamfSelfTestFacts,
  type JamfSelfTestOutcome,
  type JamfSelfTestResult,
} from './jamf-outcome';
export {
  SELF_TEST_DEFAULTS,
  selfTestText,
  type SelfTestMessage,
  type SelfTestOptions,
  type SelfTestResult,
} from './result';
