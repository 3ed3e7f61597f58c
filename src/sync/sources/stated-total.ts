import type { MdmProvider } from '../../ledger/device';
import { MdmReadError, type MdmDevice } from '../mdm-device';

/**
 * A read that brought fewer devices than the MDM itself said it has (Graph's `@odata.count`,
 * Jamf's `totalCount`). Every device it did not bring would be flagged missing, so the run
 * fails instead, with both figures.
 */
export class IncompleteReadError extends MdmReadError {
  constructor(
    provider: MdmProvider,
    /** What was listed: "managed devices", "computers", "mobile devices". */
    readonly listing: string,
    /** The total the MDM stated when the read began. */
    readonly stated: number,
    /** Distinct devices the pages held. */
    readonly read: number,
    message: string,
  ) {
    super(message, provider, 200, undefined);
    this.name = 'IncompleteReadError';
  }
}

/**
 * Counts the distinct devices of one listing against the total the MDM stated on its first
 * page. Reading more than stated is fine (devices enrolled while we paged, or a device seen on
 * two pages because the list moved under us); reading fewer is not: a device that existed when
 * the read began and was never read would be flagged missing.
 */
export class StatedTotal {
  private stated: number | undefined;
  private readonly ids = new Set<string>();

  constructor(
    private readonly provider: MdmProvider,
    private readonly listing: string,
    /** How the MDM's figure is named in the message, e.g. "@odata.count". */
    private readonly source: string,
  ) {}

  /** The first total stated wins: later pages may state one that moved since. */
  state(total: number | undefined): void {
    if (this.stated === undefined && total !== undefined) this.stated = total;
  }

  add(devices: MdmDevice[]): void {
    for (const d of devices) this.ids.add(d.deviceId);
  }

  get read(): number {
    return this.ids.size;
  }

  get total(): number | undefined {
    return this.stated;
  }

  /** Throws when fewer distinct devices were read than stated; nothing stated, nothing checked. */
  check(how = 'the pages held'): void {
    if (this.stated === undefined || this.read >= this.stated) return;
    throw this.shortfall(how);
  }

  shortfall(how: string): IncompleteReadError {
    const name = this.provider === 'intune' ? 'Intune' : 'Jamf Pro';
    return new IncompleteReadError(
      this.provider,
      this.listing,
      this.stated ?? 0,
      this.read,
      `${name} stated ${this.stated} ${this.listing} (${this.source}), but ${how} ${this.read}`,
    );
  }
}
