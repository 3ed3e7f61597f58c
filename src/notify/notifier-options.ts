import type { Alerts } from '../alerts';
import type { ConversationStore } from '../conversations/conversation-store';
import type { Collections } from '../db/collections';
import type { Locale } from '../i18n/messages';
import type { Logger } from '../log';
import type { ProactiveAdapter } from '../teams/proactive';
import type { Clock } from './clock';
import type { NotifyMode, OutboxPolicy } from './plan';
import type { RateLimiter, RateLimits } from './rate-limit';
import type { RetryPolicy, Sender } from './sender';

export interface NotifierOptions {
  c: Collections;
  /** Where the alert channels are. */
  conversations: ConversationStore;
  /** The alerts outbox it claims from and settles. */
  alerts: Alerts;
  adapter: ProactiveAdapter;
  /** The bot's app id ('' without credentials, e.g. the Agents Playground). */
  botAppId: string;
  log: Logger;
  mode?: NotifyMode;
  /** Pause between cycles; 0 = no timer, cycles only by runOnce() (tests). Default 10 s. */
  intervalMs?: number;
  /** Language of the cards where the conversation has none (ConversationDoc.locale). */
  locale?: Locale;
  /** `each` mode: more alerts than this of one type from one run become a digest. Default 5. */
  digestThreshold?: number;
  /** Alerts claimed per cycle. Default 100 (`digest` mode 1,000). */
  batchSize?: number;
  /** How long a claim protects an alert from other replicas; renewed while sending. 2 min. */
  claimMs?: number;
  outbox?: Partial<OutboxPolicy>;
  /** Teams' limits by default; a shared limiter takes precedence (e.g. with card updates). */
  limits?: RateLimits;
  limiter?: RateLimiter;
  /** The server's one sender; default: one of its own on `limiter`. */
  sender?: Sender;
  retry?: Partial<RetryPolicy>;
  /** Longest rate-limit wait before a send is given back to the outbox. Default 60 s. */
  maxWaitMs?: number;
  /** This replica's name on its claims. Default host:pid:random. */
  owner?: string;
  clock?: Clock;
  random?: () => number;
}
