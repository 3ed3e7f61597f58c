import type { MdmProvider } from '../ledger/device';

/**
 * One device as an MDM reports it, already mapped to the ledger's vocabulary by the source
 * (src/sync/sources). The reconcile core sees only this shape, never Graph or Jamf JSON.
 * Empty values are null (Intune's "0001-01-01T00:00:00Z", a 0 disk size, "" strings …).
 */
export interface MdmDevice {
  provider: MdmProvider;
  /** Stable id in the MDM: Intune managedDevice id; Jamf "computer:<id>" or "mobile:<id>". */
  deviceId: string;
  /** The device UUID of the matching key and asset-number rule: Intune managedDevice id; Jamf UDID. */
  uuid: string | null;
  serialNumber: string | null;
  deviceName: string | null;
  /** "OS (version)", e.g. "Windows (10.0.22631.4460)", "macOS (14.5)". */
  os: string | null;
  manufacturer: string | null;
  model: string | null;
  /** The 利用者 value: Intune primary user's userPrincipalName; Jamf username. */
  user: string | null;
  /** Primary user's email, else the UPN / username. */
  primaryUser: string | null;
  enrolledAt: string | null; // ISO 8601
  lastCheckInAt: string | null; // ISO 8601
  diskCapacityGb: number | null;
  registrationState: string | null;
  /** Intune's managementAgent (mdm, configurationManagerClientMdm, …); absent for Jamf. */
  managementAgent?: string | null;
}

/** Reads every device of an MDM, page by page, in the MDM's own order. */
export interface MdmSource {
  readonly provider: MdmProvider;
  /** Yields pages; throws (MdmReadError) if any page cannot be read after retries. */
  devices(): AsyncIterable<MdmDevice[]>;
  /** Requests made so far (token calls and pages), for run records and benchmarks. */
  readonly stats: { tokenRequests: number; pageRequests: number; retries: number };
}

export class MdmReadError extends Error {
  constructor(
    message: string,
    readonly provider: MdmProvider,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MdmReadError';
  }
}
