import type { ObjectId } from 'mongodb';
import type { DeviceQuery } from '../ledger/device-query';

/** What a device user says about one of their devices (手元にある / 自分のではない / 紛失 / 故障). */
export const STOCKTAKE_RESULTS = ['present', 'notMine', 'lost', 'broken'] as const;
export type StocktakeResult = (typeof STOCKTAKE_RESULTS)[number];

/** Results that raise an alert for an admin, with the next step to take. */
export const ALERTING_RESULTS: readonly StocktakeResult[] = ['notMine', 'lost'];

/**
 * Why a device's 利用者 cannot be asked in Teams: the device goes to the admin's list. The last
 * five come from installing the bot for a user through Graph (DAICHO_STOCKTAKE_INSTALL=auto):
 * no chat yet and the bot to be installed for them, installed and waiting for Teams to open the
 * chat, the permission missing (403), no such user (404), or another refusal (kept in `install`).
 */
export const UNREACHABLE_REASONS = [
  'noUser',
  'notUpn',
  'ambiguousName',
  'noTeams',
  'toInstall',
  'installPending',
  'installForbidden',
  'noSuchUser',
  'installFailed',
] as const;
export type UnreachableReason = (typeof UNREACHABLE_REASONS)[number];

/** The scope of a stocktake: the device list's filters (status, source, type, user). */
export interface StocktakeScope {
  query: DeviceQuery;
  deviceType?: string;
}

/** One stocktake (棚卸): its scope, deadline and whether it is open. */
export interface StocktakeDoc {
  /** Readable id: ST-YYYYMMDD-N (the day it started, Asia/Tokyo). */
  _id: string;
  scope: StocktakeScope;
  /** The end of the deadline day in Asia/Tokyo. */
  deadline: Date;
  /** The deadline day as the admin typed it (YYYY-MM-DD). */
  deadlineDay: string;
  status: 'open' | 'closed';
  /**
   * False from the insert until every item is written: a start killed in between is finished by
   * the next start (items are keyed by stocktake + asset number, so none is written twice), and
   * the Teams side asks nobody before.
   */
  ready: boolean;
  /** Present only while open: a unique index on it allows one open stocktake at a time. */
  openSlot?: 'open';
  createdBy: string;
  createdAt: Date;
  closedBy: string | null;
  closedAt: Date | null;
  /** The admin's progress card in Teams (updated in place after each answer); absent before. */
  progressCard?: ProgressCardRef;
  /** When the progress card was made to show the close (and the admin told of a deadline close). */
  closeShownAt?: Date | null;
  /**
   * The last reminder claimed per user (their key): at most one a day each, across restarts and
   * processes. The store leaves it out of what it reads.
   */
  reminders?: Record<string, Date>;
}

/** Where the progress card of a stocktake was posted, to update it in place. */
export interface ProgressCardRef {
  conversationId: string;
  activityId: string;
  locale: 'ja' | 'en';
}

/** One answer as given; an item keeps every answer, the last one counts. */
export interface StocktakeAnswer {
  result: StocktakeResult;
  note: string | null;
  by: string;
  at: Date;
}

/** A serial number a user says is the right one: a proposal an admin accepts, never a write. */
export interface SerialProposal {
  serial: string;
  by: string;
  at: Date;
  acceptedBy: string | null;
  acceptedAt: Date | null;
}

/**
 * One device of a stocktake. `toAsk`: its user is reachable and the card is to be (or has been,
 * `askedAt`) sent; `unreachable`: on the admin's list with the reason; `answered`; `changedHands`:
 * its 利用者 changed during the stocktake, so the asked user's answer was refused.
 */
export type ItemState = 'toAsk' | 'unreachable' | 'answered' | 'changedHands';

export interface StocktakeItemDoc {
  _id: ObjectId;
  stocktakeId: string;
  deviceId: ObjectId;
  assetNumber: string;
  /** 利用者 as the ledger had it when the stocktake started. */
  user: string | null;
  /** The user's principal name (lower case), when known. */
  upn: string | null;
  /** The user's Entra object id, when the people directory knows it. */
  aadObjectId: string | null;
  displayName: string | null;
  department: string | null;
  model: string | null;
  serialNumber: string | null;
  state: ItemState;
  unreachableReason: UnreachableReason | null;
  answer: StocktakeAnswer | null;
  answers: StocktakeAnswer[];
  proposedSerial: SerialProposal | null;
  askedAt: Date | null;
  remindedAt: Date | null;
  updatedAt: Date;
  /** The bot's install for this user through Graph; absent while none was tried. */
  install?: InstallRecord;
}

/**
 * One user's install of the bot through Graph: `requested` while the call is out (a claim, so
 * two ticks or processes never install for one user twice), `installed` (201, or 409: it was
 * already), `refused` (Graph said no for good: 403, 404, 400 …), `failed` (throttled or no
 * answer; tried again later).
 */
export interface InstallRecord {
  state: 'requested' | 'installed' | 'refused' | 'failed';
  at: Date;
  /** The user's Entra object id, once known. */
  userId: string | null;
  /** Graph's answer when it refused or failed: HTTP status (0 = none), code and message. */
  status: number | null;
  code: string | null;
  message: string | null;
}

/** Installs the bot for a user through Graph (the Teams side gives it; absent = off). */
export interface AppInstaller {
  /** The user's Entra object id (GET /users/{upn}); throws InstallError. */
  userId(upn: string): Promise<string>;
  /** Installs the app in the user's personal scope; 409 counts as installed. Throws InstallError. */
  install(userId: string): Promise<'installed' | 'alreadyInstalled'>;
}

/** What the installer throws once it has given up: Graph's status (0: no answer), code, message. */
export interface InstallFailure {
  status: number;
  code: string;
  message: string;
  /** Throttling or no answer: worth trying again later. */
  transient: boolean;
}

/** Who presses an answer: the person's ids from Teams (or the CLI), and whether an admin. */
export interface StocktakeIdentity {
  /** For the records: "teams:<aad id>", "cli:taro". */
  by: string;
  upn?: string | null;
  aadObjectId?: string | null;
  admin: boolean;
}

/** What an answer carries, as received (checked by parseAnswerInput). */
export interface AnswerInput {
  result: StocktakeResult;
  note: string | null;
  proposedSerial: string | null;
}
