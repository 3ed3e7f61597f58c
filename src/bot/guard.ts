import type { TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { isDaichoError } from '../errors';
import type { BotDeps } from './bot-deps';
import { sayer } from './locale';

/**
 * Every admin action re-checks the role and validates its payload, whatever the card said: a
 * forged or stale payload gets a sentence back and changes nothing.
 */
export async function adminPayload<S extends z.ZodTypeAny>(
  context: TurnContext,
  deps: BotDeps,
  schema: S,
  data: unknown,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; reply: string }> {
  const { say } = sayer(context);
  if (!(await deps.roles.isAdmin(context))) {
    deps.log.warn(
      { user: context.activity.from?.aadObjectId ?? context.activity.from?.id },
      'admin action refused',
    );
    return { ok: false, reply: say('bot.notAdmin') };
  }
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) return { ok: false, reply: say('bot.badPayload') };
  return { ok: true, value: parsed.data };
}

/**
 * Runs a service call for a card press. A DaichoError (a refusal the user can act on: another
 * MDM is linked, no credentials, a run no longer held, nothing linked) becomes its sentence, so
 * the press is answered instead of failing the turn (an unanswered invoke is an error in Teams).
 */
export async function refusalOr<T>(
  context: TurnContext,
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; reply: string }> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (!isDaichoError(e)) throw e;
    return { ok: false, reply: sayer(context).say(e.messageKey, e.params) };
  }
}
