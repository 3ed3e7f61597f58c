import type { z } from 'zod';
import type { Verb } from '../cards/verbs';
import type { BotDeps } from './bot-deps';
import { sayer } from './locale';
import type { BotTurn, Reply } from './turn';

/**
 * Who may use a route. 'admin': the role is checked (roles.ts) before the payload is read, and
 * a refusal changes nothing; 'anyone': looking, walking a guide.
 */
export type Role = 'admin' | 'anyone';

/** A refusal before the role is checked: the feature the route needs is not configured. */
type Unavailable = (turn: BotTurn, deps: BotDeps) => string | undefined;

/**
 * One card button (Action.Execute verb). Whatever the card said, the payload is validated with
 * `schema` (a malformed one is answered with `bot.badPayload`) and the role re-checked; `handle`
 * gets the parsed payload, typed as the card builder that sends it declares it.
 */
export interface ActionRoute<S extends z.ZodTypeAny = z.ZodTypeAny> {
  verb: Verb;
  schema: S;
  role: Role;
  unavailable?: Unavailable;
  handle(turn: BotTurn, payload: z.output<S>, deps: BotDeps): Promise<Reply>;
}

/** One typed command (commands.ts); its answer is posted as a message. */
export interface CommandRoute {
  pattern: RegExp;
  role: Role;
  unavailable?: Unavailable;
  /** The answer to post, or undefined when the route posted what it had to say itself. */
  handle(turn: BotTurn, deps: BotDeps): Promise<Reply | undefined>;
}

/** Every route of the bot, and what a new conversation is greeted with. */
export interface BotRoutes {
  /** In the order they are tried: the first command whose pattern matches answers. */
  commands: CommandRoute[];
  actions: ActionRoute[];
  welcome?(turn: BotTurn, deps: BotDeps): Promise<void>;
}

/** Declares a card route with its payload type inferred from the schema. */
export function actionRoute<S extends z.ZodTypeAny>(route: ActionRoute<S>): ActionRoute<S> {
  return route;
}

/** The answer to a card press: a refusal, `bot.badPayload`, or what the route says. */
export async function answerAction(
  route: ActionRoute,
  turn: BotTurn,
  data: unknown,
  deps: BotDeps,
): Promise<Reply> {
  const refusal = await refusalOf(route, turn, deps);
  if (refusal !== undefined) return refusal;
  const parsed = route.schema.safeParse(data ?? {});
  if (!parsed.success) return sayer(turn).say('bot.badPayload');
  return route.handle(turn, parsed.data, deps);
}

/**
 * A button whose `data` carries `"answer": "below"` (the help card's) is answered with a new
 * message: the card it was pressed on stays as it is, for everyone. Other buttons answer in place
 * (a card replaces the pressed one for the presser; a sentence shows under it).
 */
export const ANSWER_BELOW = { key: 'answer', value: 'below' } as const;

/**
 * The answer to a card press, placed: a card answer to an "answer below" button is posted as a
 * new message and the press is acknowledged with a sentence under the card; everything else as
 * answerAction says. The marker is taken out before the route reads the payload.
 */
export async function answerPress(
  route: ActionRoute,
  turn: BotTurn,
  data: unknown,
  deps: BotDeps,
): Promise<Reply> {
  const { below, payload } = placementOf(data);
  const reply = await answerAction(route, turn, payload, deps);
  if (!below || typeof reply === 'string') return reply;
  await turn.send(reply);
  return sayer(turn).say('bot.answeredBelow');
}

function placementOf(data: unknown): { below: boolean; payload: unknown } {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    return { below: false, payload: data };
  }
  const { [ANSWER_BELOW.key]: answer, ...payload } = data as Record<string, unknown>;
  if (answer !== ANSWER_BELOW.value) return { below: false, payload: data };
  return { below: true, payload };
}

/** The answer to a typed command: a refusal, or what the route says. */
export async function answerCommand(
  route: CommandRoute,
  turn: BotTurn,
  deps: BotDeps,
): Promise<Reply | undefined> {
  const refusal = await refusalOf(route, turn, deps);
  if (refusal !== undefined) return refusal;
  return route.handle(turn, deps);
}

async function refusalOf(
  route: Pick<ActionRoute, 'role' | 'unavailable'>,
  turn: BotTurn,
  deps: BotDeps,
): Promise<string | undefined> {
  const unavailable = route.unavailable?.(turn, deps);
  if (unavailable !== undefined) return unavailable;
  if (route.role === 'anyone' || (await deps.roles.isAdmin(turn))) return undefined;
  deps.log.warn({ user: turn.user.aadObjectId ?? turn.user.id }, 'admin action refused');
  return sayer(turn).say('bot.notAdmin');
}
