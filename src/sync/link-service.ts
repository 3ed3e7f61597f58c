import { Alerts } from '../alerts';
import type { Actor } from '../ledger/actor';
import type { MdmProvider } from '../ledger/device';
import type { LedgerService } from '../ledger/ledger-service';
import { historyDocs } from '../ledger/ledger-service';
import { DaichoError } from '../errors';
import { PROVIDER_NAMES, type SyncSettings } from './settings';
import type { SyncResult, SyncService } from './sync-service';

/**
 * Link, unlink and disconnect: one master integration at a time (Intune or Jamf Pro). Unlink keeps
 * every device, gives synced ones `source: ledger` and removes the MDM-only fields; the core
 * fields keep their last values.
 */
export class LinkService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly sync: SyncService,
    private readonly hasCredentials: (p: MdmProvider) => boolean,
  ) {}

  async link(
    settings: SyncSettings,
    options: { dryRun: boolean; actor: Actor },
  ): Promise<SyncResult> {
    const master = await this.sync.master();
    if (master && master.provider !== settings.provider) {
      throw new DaichoError('INTEGRATION_ACTIVE', 'link.otherActive', {
        active: PROVIDER_NAMES[master.provider],
        requested: PROVIDER_NAMES[settings.provider],
      });
    }
    if (!this.hasCredentials(settings.provider)) {
      const variables =
        settings.provider === 'intune'
          ? 'AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET'
          : 'JAMF_URL, JAMF_CLIENT_ID, JAMF_CLIENT_SECRET';
      throw new DaichoError('NO_CREDENTIALS', 'link.noCredentials', {
        provider: PROVIDER_NAMES[settings.provider],
        variables,
      });
    }
    if (options.dryRun) return this.sync.sync({ dryRun: true, settings, actor: options.actor });
    const now = new Date();
    await this.ledger.c.integrations.updateOne(
      { _id: `connection:${settings.provider}` },
      { $setOnInsert: { provider: settings.provider, at: now, by: options.actor.by } },
      { upsert: true },
    );
    await this.ledger.c.integrations.updateOne(
      { _id: 'master' },
      {
        $set: {
          provider: settings.provider,
          matchKey: settings.matchKey,
          assetNumberRule: settings.assetNumberRule,
          at: now,
          by: options.actor.by,
        },
      },
      { upsert: true },
    );
    return this.sync.sync({ trigger: 'link', actor: options.actor });
  }

  /** What unlink does (or would do): how many devices go back to `source: ledger`. */
  async unlink(options: {
    dryRun: boolean;
    actor: Actor;
  }): Promise<{ provider: MdmProvider; devices: number; dryRun: boolean }> {
    const master = await this.sync.master();
    if (!master) throw new DaichoError('NOT_LINKED', 'sync.notLinked');
    const provider = master.provider;
    const synced = await this.ledger.c.devices
      .find(
        { $or: [{ 'mdm.provider': provider }, { source: provider }] },
        { projection: { _id: 1, assetNumber: 1, source: 1, mdm: 1 } },
      )
      .toArray();
    if (options.dryRun) return { provider, devices: synced.length, dryRun: true };

    const now = new Date();
    // Master first: a sync starting meanwhile finds no integration and does nothing.
    await this.ledger.c.integrations.deleteOne({ _id: 'master' });
    await this.ledger.c.devices.updateMany(
      { $or: [{ 'mdm.provider': provider }, { source: provider }] },
      { $set: { source: 'ledger', mdm: null, updatedAt: now } },
    );
    await this.ledger.insertHistory(
      synced.flatMap((d) =>
        historyDocs(
          d,
          [
            { field: 'source', old: d.source, new: 'ledger' },
            { field: 'mdm', old: d.mdm, new: null },
          ],
          'unlink',
          options.actor,
          'ledger',
          now,
        ),
      ),
    );
    await new Alerts(this.ledger.c).resolvePendingOf(provider);
    return { provider, devices: synced.length, dryRun: false };
  }

  /** Removing the Intune (or Jamf) connection removes the master integration too (seed 000). */
  async disconnect(provider: MdmProvider, actor: Actor): Promise<{ unlinked: number }> {
    const master = await this.sync.master();
    const unlinked =
      master?.provider === provider ? (await this.unlink({ dryRun: false, actor })).devices : 0;
    await this.ledger.c.integrations.deleteOne({ _id: `connection:${provider}` });
    return { unlinked };
  }
}
