import type { ObjectId } from 'mongodb';
import type { AttributeChange, OperationKind, ProvisioningPlan } from './plan-types';

/**
 * planned: a dry run (nothing applied). held: over the safety limit, waiting for an admin.
 * applying: being executed now. applied / partial / failed: every / some / no operation done.
 * rejected: a held run an admin dropped (or that a newer held run replaced).
 */
export type ProvisioningRunStatus =
  'planned' | 'held' | 'applying' | 'applied' | 'partial' | 'failed' | 'rejected';

/** One provisioning run (collection `provisioningRuns`): its plan, who decided, what came of it. */
export interface ProvisioningRunDoc {
  _id: ObjectId;
  status: ProvisioningRunStatus;
  dryRun: boolean;
  /** The plan as planned (or as given): never holds a password. */
  plan: ProvisioningPlan;
  createdAt: Date;
  by: string;
  /** Who approved or rejected a held run, and when. */
  decidedBy: string | null;
  decidedAt: Date | null;
  endedAt: Date | null;
  /** Operations done, failed (Graph refused), skipped (something they need failed first). */
  counts: { ok: number; failed: number; skipped: number };
  /** Graph requests of the run (reads of the plan included, every retry counted). */
  requests: number;
  /** Why the run failed as a whole (or was dropped); null otherwise. */
  error: string | null;
}

export type ProvisioningSubject =
  { kind: 'person'; personId: string } | { kind: 'group'; groupName: string };

/**
 * One operation of an applied run (collection `provisioningLog`). Member changes are logged on
 * the person when there is one (so "why" shows them), else on the group.
 *
 * `detail`: for `ok`, what was done in ids and names (no language); for `failed` and `skipped`,
 * a reason key — failed: licencesExhausted, noUsageLocation, conflict, notFound, forbidden,
 * throttled, noResponse, linkRefused, graphError; skipped: userNotCreated, userNotLinked,
 * groupNotCreated, groupNotLinked —
 * shown through the i18n key `provision.detail.<key>`.
 */
export interface ProvisioningLogDoc {
  _id: ObjectId;
  runId: ObjectId;
  subject: ProvisioningSubject;
  operation: OperationKind;
  result: 'ok' | 'failed' | 'skipped';
  detail: string;
  changes: AttributeChange[];
  /** What Graph answered (its code, message and request id), or what refused the link. */
  error: { status: number; code: string; message: string; requestId: string | null } | null;
  at: Date;
}

/** The first password of an account created by this apply: shown once, never stored. */
export interface InitialPassword {
  personId: string;
  userPrincipalName: string;
  password: string;
}
