import { randomUUID } from 'node:crypto';
import { Application, type TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import { count } from '../cards/format';
import type { BotDeps } from '../bot/bot-deps';
import { turnFailureSentence } from '../bot/handlers/errors';
import { fallbackReply } from '../bot/handlers/fallback';
import { forget, remember } from '../bot/handlers/installation';
import { sayer, turnLocale } from '../bot/locale';
import type { Locale } from '../i18n/messages';
import { answerCommand, answerPress, type BotRoutes } from '../bot/routes';
import { MAX_MESSAGE_LENGTH, normalizeMessage } from '../bot/text';
import type { BotTurn } from '../bot/turn';
import type { ProactiveAdapter } from './proactive';
import { botTurn } from './turn';

export interface TeamsAppOptions {
  /** Writes to a conversation after its turn (a long run's result); the adapter by default. */
  proactive?: ProactiveAdapter;
}

/**
 * The Teams bot: a teams-ai Application on botbuilder's CloudAdapter, with its state in MongoDB,
 * answering with our routes (src/bot/registry.ts). In order: the error handler, the message
 * text's bounds, install and uninstall, the commands and card buttons, the fallback last (it
 * only sees what nothing else took).
 */
export function createTeamsApp(
  deps: BotDeps,
  adapter: TeamsAdapter,
  routes: BotRoutes,
  options: TeamsAppOptions = {},
): Application<TurnState> {
  const app = new Application<TurnState>({
    adapter,
    botAppId: deps.config.bot?.appId ?? '',
    storage: deps.botStorage,
    removeRecipientMention: true,
    adaptiveCards: { actionSubmitFilter: 'verb' },
  });
  const proactive = options.proactive ?? adapter;
  const turnOf = (context: TurnContext) =>
    botTurn(context, proactive, deps.config.bot?.appId ?? '', localeOf(deps, context));
  registerErrors(app, deps);
  registerMessageText(app, deps);
  registerInstallation(app, deps, turnOf, routes.welcome);
  for (const route of routes.commands) {
    const matches = async (context: TurnContext) =>
      context.activity.type === 'message' && route.pattern.test(messageText(context));
    app.message(matches, async (context) => {
      const turn = turnOf(context);
      const reply = await answerCommand(route, turn, deps);
      if (reply !== undefined) await turn.send(reply);
    });
  }
  for (const route of routes.actions) {
    app.adaptiveCards.actionExecute(route.verb, (context, _state, data: unknown) =>
      answerPress(route, turnOf(context), data, deps),
    );
  }
  app.activity(ActivityTypes.Message, async (context) => {
    const turn = turnOf(context);
    await turn.send(await fallbackReply(turn, deps));
  });
  return app;
}

/** The message's text as normalized below ('' when there is none). */
function messageText(context: TurnContext): string {
  const text: unknown = context.activity.text;
  return typeof text === 'string' ? text : '';
}

/**
 * Where a message's text enters the bot (after teams-ai took the bot's @mention out): cut to
 * MAX_MESSAGE_LENGTH and trimmed once, before any route reads it. A longer message is answered
 * with a sentence saying so and goes no further (src/bot/text.ts says why).
 */
function registerMessageText(app: Application<TurnState>, deps: BotDeps): void {
  app.turn('beforeTurn', async (context) => {
    if (context.activity.type !== ActivityTypes.Message) return true;
    const message = normalizeMessage(context.activity.text);
    context.activity.text = message.text;
    if (!message.tooLong) return true;
    deps.log.info({ length: message.length }, 'message too long: not read');
    const { locale, say } = sayer({ localeTag: localeOf(deps, context) });
    await context.sendActivity(
      say('bot.tooLong', {
        length: count(message.length, locale),
        max: count(MAX_MESSAGE_LENGTH, locale),
      }),
    );
    return false;
  });
}

/**
 * Remembers every conversation the bot is installed in and forgets it when Teams says the bot
 * left; a new one is welcomed.
 */
function registerInstallation(
  app: Application<TurnState>,
  deps: BotDeps,
  turnOf: (context: TurnContext) => BotTurn,
  welcome: BotRoutes['welcome'],
): void {
  const installed = async (context: TurnContext) => {
    const turn = turnOf(context);
    const isNew = await remember(turn, deps);
    if (isNew && welcome) await welcome(turn, deps);
    // A user a stocktake waits for (the bot was installed for them): asked now, not next round.
    if (isNew && turn.conversation.kind === 'personal' && deps.stocktakeCards)
      void deps.stocktakeCards
        .sendAsks()
        .catch((e: unknown) => deps.log.warn({ err: e }, 'stocktake asks failed'));
  };
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) await installed(context);
  });
  app.conversationUpdate('membersRemoved', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersRemoved?.some((m) => m.id === botId))
      await forget(turnOf(context), deps);
  });
  app.activity('installationUpdate', async (context) => {
    if (context.activity.action?.startsWith('remove')) await forget(turnOf(context), deps);
    else await installed(context);
  });
}

/**
 * Any failure in a turn: the user reads a sentence (src/bot/handlers/errors.ts) with a
 * correlation id; the log keeps the rest.
 */
function registerErrors(app: Application<TurnState>, deps: BotDeps): void {
  app.error(async (context, error) => {
    const correlationId = randomUUID();
    deps.log.error(
      { err: error, correlationId, activityType: context.activity.type },
      'bot turn failed',
    );
    const sentence = turnFailureSentence(
      { localeTag: localeOf(deps, context) },
      error,
      correlationId,
    );
    // A card press (Action.Execute) must be answered: without an invoke response Teams shows
    // the card as failed (501) and the sentence lands apart from it.
    const answered = context.turnState.get(INVOKE_RESPONSE_KEY) !== undefined;
    if (context.activity.name === 'adaptiveCard/action' && !answered) {
      const body = { statusCode: 200, type: 'application/vnd.microsoft.activity.message' };
      await context
        .sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { ...body, value: sentence } },
        })
        .catch(() => undefined);
      return;
    }
    await context.sendActivity(sentence).catch(() => undefined);
  });
}

/** The turn's language, by DAICHO_BOT_LOCALE (src/bot/locale.ts). */
function localeOf(deps: BotDeps, context: TurnContext): Locale {
  return turnLocale(deps.config.botLocale, context.activity.locale, deps.config.locale);
}
