/**
 * The sync's safety limit (SYNC_SAFETY_LIMIT_PERCENT and SYNC_SAFETY_LIMIT_MIN_DEVICES): a run
 * is held for an admin's approval only when it would change the user of, or find missing, at
 * least `minDevices` devices AND more than `percent` % of the devices synced before the run.
 * The percent alone holds a small fleet's everyday change (1 of 2 devices handed over is 50 %);
 * the count alone ignores the fleet's size. Entra ID's accidental-deletion threshold is a count
 * (500) for the same reason.
 */
export interface SafetyLimit {
  /** More than this share (0–100) of the synced devices. */
  percent: number;
  /** At least this many devices; 0 leaves the percent alone (the rule before the count). */
  minDevices: number;
}

export interface RiskyChanges {
  /** Devices whose user would change, plus devices that would be flagged missing. */
  changed: number;
  /** Devices synced before the run (linked to this MDM): the share's denominator. */
  synced: number;
}

/** The share of the synced devices that would change (0 when nothing was synced before). */
export function changedPercent({ changed, synced }: RiskyChanges): number {
  return synced > 0 ? (changed / synced) * 100 : 0;
}

/**
 * Whether a run must wait for approval. Nothing synced before (the first link) is never held:
 * there is nothing to lose.
 */
export function shouldHold(risky: RiskyChanges, limit: SafetyLimit): boolean {
  if (risky.synced <= 0) return false;
  return risky.changed >= limit.minDevices && changedPercent(risky) > limit.percent;
}
