import type { Collection } from 'mongodb';
import type { IntegrationDoc } from '../db/collections';
import type { Actor } from '../ledger/actor';
import type { MdmProvider } from '../ledger/device';
import type { SyncSettings } from './settings';

/**
 * The master integration (`_id: 'master'`, the one MDM the ledger syncs with) and the MDM
 * connections (`_id: 'connection:intune'`): the integrations collection's one owner.
 */
export class Integrations {
  constructor(private readonly integrations: Collection<IntegrationDoc>) {}

  async master(): Promise<IntegrationDoc | null> {
    return this.integrations.findOne({ _id: 'master' });
  }

  /** Records the connection to an MDM (kept when one exists) and makes it the master. */
  async link(settings: SyncSettings, actor: Actor, now: Date): Promise<void> {
    await this.integrations.updateOne(
      { _id: `connection:${settings.provider}` },
      { $setOnInsert: { provider: settings.provider, at: now, by: actor.by } },
      { upsert: true },
    );
    await this.integrations.updateOne(
      { _id: 'master' },
      {
        $set: {
          provider: settings.provider,
          matchKey: settings.matchKey,
          assetNumberRule: settings.assetNumberRule,
          at: now,
          by: actor.by,
        },
      },
      { upsert: true },
    );
  }

  async removeMaster(): Promise<void> {
    await this.integrations.deleteOne({ _id: 'master' });
  }

  async removeConnection(provider: MdmProvider): Promise<void> {
    await this.integrations.deleteOne({ _id: `connection:${provider}` });
  }
}
