import { randomUUID } from 'node:crypto';
import type { AdaptiveCard } from '../../cards/render';
import { isDaichoError } from '../../errors';
import type { ProvisioningRunDoc } from '../../provisioning/provisioning-service';
import type { BotDeps } from '../bot-deps';
import { sayer } from '../locale';
import type { BotTurn, Reply } from '../turn';

/**
 * How long a card press waits for an apply before answering "still applying" (Teams gives an
 * invoke a few seconds); the result card then follows as a new message in the conversation.
 */
export const APPLY_WAIT_MS = 8_000;

/**
 * Waits up to the apply wait for an apply: its card if it ended, else "still applying" now and
 * the card as a new message when it ends (the press must be answered within seconds).
 */
export async function finishApply(
  turn: BotTurn,
  deps: BotDeps,
  work: Promise<{ run: ProvisioningRunDoc }>,
  render: (run: ProvisioningRunDoc) => Promise<AdaptiveCard>,
): Promise<Reply> {
  const { say } = sayer(turn);
  // The first passwords stay in the service's answer: only the run goes on.
  const settled = work.then(
    ({ run }) => ({ ok: true as const, run }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), deps.applyWaitMs ?? APPLY_WAIT_MS);
  });
  const first = await Promise.race([settled, late]);
  clearTimeout(timer);
  const sentence = (error: unknown) => {
    if (isDaichoError(error)) return say(error.messageKey, error.params);
    const correlationId = randomUUID();
    deps.log.error({ err: error, correlationId }, 'provisioning apply from Teams failed');
    return say('bot.provision.failed', { correlationId });
  };
  if (first) return first.ok ? render(first.run) : sentence(first.error);
  const later = turn.later();
  void settled
    .then(async (outcome) =>
      later.send(outcome.ok ? await render(outcome.run) : sentence(outcome.error)),
    )
    .catch((e: unknown) => deps.log.warn({ err: e }, 'could not post the provisioning result'));
  return say('bot.provision.applying');
}
