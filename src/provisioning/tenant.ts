import type { GraphGroup, GraphUser, SubscribedSku } from './graph-directory';

/** The Graph side (graph-directory.ts) owns these shapes; the pure core reads them from here. */
export type { GraphGroup, GraphUser, SubscribedSku };

/** One read of the tenant: every user, security group (with members) and subscribed SKU. */
export interface TenantSnapshot {
  users: GraphUser[];
  groups: GraphGroup[];
  skus: SubscribedSku[];
}
