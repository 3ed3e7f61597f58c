import type { Collection } from 'mongodb';
import type { IntuneSelfTestResult, JamfSelfTestResult } from './self-test';

/** Where one user is in a troubleshooting guide, per conversation (survives restarts). */
export interface TroubleshootSessionDoc {
  _id: string; // conversation id + "|" + user id
  treeId: string;
  /** Node ids visited, the current one last (the engine's TroubleshootState.path). */
  path: string[];
  /** The ledger device the guide is about (co-management), if any. */
  assetNumber: string | null;
  /** The last automatic check's result, shown on the step it led to. */
  check: { nodeId: string; result: IntuneSelfTestResult | JamfSelfTestResult } | null;
  updatedAt: Date;
}

/** The one owner of the troubleshooting sessions (a TTL index forgets old ones). */
export class TroubleshootSessionStore {
  constructor(private readonly sessions: Collection<TroubleshootSessionDoc>) {}

  find(key: string): Promise<TroubleshootSessionDoc | null> {
    return this.sessions.findOne({ _id: key });
  }

  /** Starts or moves the user's guide (one document per conversation and user). */
  async save(
    key: string,
    session: Omit<TroubleshootSessionDoc, '_id'>,
  ): Promise<TroubleshootSessionDoc> {
    await this.sessions.replaceOne({ _id: key }, session, { upsert: true });
    return { ...session, _id: key };
  }
}
