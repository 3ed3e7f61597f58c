import type { Actor } from '../ledger/actor';
import type { MdmProvider } from '../ledger/device';
import type { LedgerService } from '../ledger/ledger-service';
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
    await this.sync.stores.integrations.link(settings, options.actor, new Date());
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
    const synced = await this.ledger.syncedWith(provider);
    if (options.dryRun) return { provider, devices: synced.length, dryRun: true };

    // Master first: a sync starting meanwhile finds no integration and does nothing.
    await this.sync.stores.integrations.removeMaster();
    await this.ledger.unlink(provider, synced, options.actor, new Date());
    await this.sync.stores.alerts.resolvePendingOf(provider);
    return { provider, devices: synced.length, dryRun: false };
  }

  /** Removing the Intune (or Jamf) connection removes the master integration too (seed 000). */
  async disconnect(provider: MdmProvider, actor: Actor): Promise<{ unlinked: number }> {
    const master = await this.sync.master();
    const unlinked =
      master?.provider === provider ? (await this.unlink({ dryRun: false, actor })).devices : 0;
    await this.sync.stores.integrations.removeConnection(provider);
    return { unlinked };
  }
}
