/**
 * How fast Teams' limits let the notifier go at best: the floor its total time is compared with.
 */
import type { RateLimits, WindowRule } from '../../src/notify/rate-limit';

type Limits = Pick<RateLimits, 'perConversation' | 'perTenant'>;

/**
 * The shortest time from the first send to the last that the limits allow for `perConversation`
 * cards to each of `conversations` conversations of one tenant: the conversations take turns and
 * every send goes as early as every window lets it (for one conversation, earliest is optimal;
 * here it meets the lower bound below). A send at x is allowed by a rule when fewer than `limit`
 * sends lie in (x - window - margin, x], as src/notify/rate-limit.ts counts.
 */
export function floorMs(
  limits: Limits,
  conversations: number,
  perConversation: number,
  marginMs: number,
): number {
  const grants: number[][] = Array.from({ length: conversations }, () => []);
  const tenant: number[] = [];
  const earliest = (list: number[], rules: WindowRule[], now: number) => {
    let t = now;
    for (const r of rules)
      if (list.length >= r.limit)
        t = Math.max(t, (list[list.length - r.limit] ?? 0) + r.windowMs + marginMs);
    return t;
  };
  let now = 0;
  for (let k = 0; k < perConversation; k++)
    for (const granted of grants) {
      now = Math.max(
        earliest(granted, limits.perConversation, now),
        earliest(tenant, limits.perTenant, now),
      );
      granted.push(now);
      tenant.push(now);
    }
  return now;
}

/** No schedule beats any one rule alone: n sends under `limit` per window need (⌈n/limit⌉−1) windows. */
export function lowerBoundMs(
  limits: Limits,
  conversations: number,
  perConversation: number,
  marginMs: number,
): number {
  let bound = 0;
  const rule = (n: number, r: WindowRule) => (Math.ceil(n / r.limit) - 1) * (r.windowMs + marginMs);
  for (const r of limits.perConversation) bound = Math.max(bound, rule(perConversation, r));
  for (const r of limits.perTenant)
    bound = Math.max(bound, rule(perConversation * conversations, r));
  return bound;
}

/** Every floor the report shows, for `alerts` cards to each of `conversations`. */
export function floors(limits: RateLimits, conversations: number, alerts: number) {
  const withLimiterMarginMs = floorMs(limits, conversations, alerts, limits.marginMs);
  const perConversationRulesOnlyMs = floorMs(
    { perConversation: limits.perConversation, perTenant: [] },
    conversations,
    alerts,
    limits.marginMs,
  );
  return {
    limits,
    withLimiterMarginMs,
    teamsLimitsExactlyMs: floorMs(limits, conversations, alerts, 0),
    perConversationRulesOnlyMs,
    lowerBoundWithMarginMs: lowerBoundMs(limits, conversations, alerts, limits.marginMs),
    lowerBoundTeamsExactlyMs: lowerBoundMs(limits, conversations, alerts, 0),
    bindingRule:
      perConversationRulesOnlyMs < withLimiterMarginMs
        ? 'per tenant 50 / 1 s'
        : 'per conversation windows',
  };
}
