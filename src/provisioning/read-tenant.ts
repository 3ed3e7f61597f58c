import { DaichoError } from '../errors';
import type { ProvisioningConfig } from '../config/provisioning-config';
import { GraphRequestError, type DirectoryClient } from './graph-directory';
import { userSelect } from './mapping';
import type { TenantSnapshot } from './tenant';

/**
 * One read of what the plan needs from Microsoft 365 (GETs only: a dry run writes nothing):
 * every user with the mapped properties, and the security groups (with members) or the
 * subscribed SKUs only when their switch is on.
 */
export async function readTenant(
  directory: DirectoryClient,
  config: ProvisioningConfig,
): Promise<TenantSnapshot> {
  try {
    const users = await directory.listUsers(userSelect(config.mapping));
    const groups = config.groups ? await directory.listSecurityGroups() : [];
    const skus = config.licences ? await directory.listSubscribedSkus() : [];
    return { users, groups, skus };
  } catch (e) {
    if (e instanceof GraphRequestError)
      throw new DaichoError(
        'GRAPH_FAILED',
        'provision.readFailed',
        {
          operation: e.operation,
          status: e.status,
          code: e.code,
          requestId: e.requestId ?? '-',
          reason: e.message.split('\n')[0].replace(/\.+$/, ''),
        },
        { cause: e },
      );
    throw e;
  }
}
