import type { Activity, TestAdapter } from 'botbuilder';
import { collect } from './card-cases';
import { ADMIN } from './bot-harness';

/** What the bot answered one activity with: every reply, and the invoke's card or sentence. */
export interface Answer {
  replies: Partial<Activity>[];
  /** Messages posted to the conversation (not the invoke response). */
  posted: Partial<Activity>[];
  /** The card of the invoke response, or of the first posted message. */
  card?: Record<string, unknown>;
  /** The sentence of the invoke response, or of the first posted text message. */
  text?: string;
}

/** Runs one activity through the bot and takes every reply (TestAdapter queues them). */
async function turn(adapter: TestAdapter, activity: Partial<Activity>): Promise<Answer> {
  await adapter.receiveActivity(activity);
  const replies = adapter.activeQueue.splice(0);
  const posted = replies.filter((r) => r.type === 'message');
  const invoke = replies.find((r) => r.type === 'invokeResponse');
  const body = (invoke?.value as { body?: { type?: string; value?: unknown } } | undefined)?.body;
  const firstCard = posted.find((p) => p.attachments?.length)?.attachments?.[0]?.content;
  return {
    replies,
    posted,
    card: body
      ? body.type === 'application/vnd.microsoft.card.adaptive'
        ? (body.value as Record<string, unknown>)
        : undefined
      : (firstCard as Record<string, unknown> | undefined),
    text: body
      ? typeof body.value === 'string'
        ? body.value
        : undefined
      : posted.find((p) => p.text)?.text,
  };
}

export function message(adapter: TestAdapter, text: string, from = ADMIN, locale = 'ja-JP') {
  return turn(adapter, { type: 'message', text, from: from as never, locale });
}

/** An Action.Execute press, as Teams sends it (replyToId: the message the card is in). */
export function press(
  adapter: TestAdapter,
  verb: string,
  data: Record<string, unknown>,
  options: { from?: typeof ADMIN; locale?: string; replyToId?: string } = {},
) {
  return turn(adapter, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    locale: options.locale ?? 'ja-JP',
    from: (options.from ?? ADMIN) as never,
    replyToId: options.replyToId,
    value: { action: { type: 'Action.Execute', verb, data } },
  });
}

export interface Execute {
  verb: string;
  title: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute of a card (buttons and the refresh), in order. */
export function executes(card: unknown): Execute[] {
  const found: Execute[] = [];
  collect(card, (o) => {
    if (o.type === 'Action.Execute')
      found.push({
        verb: String(o.verb),
        title: String(o.title ?? ''),
        data: (o.data ?? {}) as Record<string, unknown>,
      });
  });
  return found;
}

/** The tick button of a step, with the version the card shows. */
export function tickOf(card: unknown, stepId: string): Record<string, unknown> {
  const tick = executes(card).find((e) => e.verb === 'workflow.tick' && e.data.stepId === stepId);
  if (!tick) throw new Error(`no tick button for ${stepId} on the card`);
  return tick.data;
}

/** The workflow id and version the card's change buttons carry. */
export function shownVersion(card: unknown): { workflowId: string; version: number } {
  const change = executes(card).find((e) => typeof e.data.version === 'number');
  if (!change) throw new Error('the card has no change buttons');
  return { workflowId: String(change.data.workflowId), version: change.data.version as number };
}

/** The value an input of the card starts with. */
export function inputValue(card: unknown, id: string): unknown {
  let value: unknown;
  collect(card, (o) => {
    if (o.id === id && typeof o.type === 'string' && o.type.startsWith('Input.')) value = o.value;
  });
  return value;
}
