import type { Device, MdmBlock } from './device';
import type { MdmDevice } from '../sync/mdm-device';
import type { RuleChange } from '../sync/reconcile-types';

/**
 * Seed 000's field table (ledger ← MDM), as data: which ledger field each MDM value feeds and
 * which precedence pattern applies. "ledger wins": written only while the ledger value is empty.
 * "MDM wins": always the latest MDM value, including clearing it. Device type, status and the
 * procurement / disposal dates are not in the table: a sync never touches them.
 */
export const FIELD_RULES = [
  { field: 'serialNumber', from: 'serialNumber', rule: 'ledger-wins-empty' },
  { field: 'os', from: 'os', rule: 'mdm-wins' },
  { field: 'manufacturer', from: 'manufacturer', rule: 'ledger-wins-empty' },
  { field: 'model', from: 'model', rule: 'ledger-wins-empty' },
  { field: 'user', from: 'user', rule: 'mdm-wins' },
  { field: 'uuid', from: 'uuid', rule: 'ledger-wins-empty' },
] as const satisfies readonly {
  field: keyof Device;
  from: keyof MdmDevice;
  rule: 'mdm-wins' | 'ledger-wins-empty';
}[];

/** The MDM-only fields (shown only for synced devices; always the latest MDM value). */
export const MDM_ONLY_FIELDS = [
  'deviceName',
  'uuid',
  'enrolledAt',
  'lastCheckInAt',
  'primaryUser',
  'diskCapacityGb',
  'registrationState',
] as const;

/**
 * Kept in the mdm block beside seed 000's fields because the troubleshooting dialogs need them
 * (seed 002: Intune's management agent tells whether ConfigMgr co-manages the device).
 */
export const MDM_EXTRA_FIELDS = ['managementAgent'] as const;

/**
 * lastCheckInAt changes on nearly every run for every device; it is kept current but not written
 * to the field history, which would otherwise grow by one entry per device per run.
 */
const NOT_IN_HISTORY = new Set<string>(['lastCheckInAt']);

export function mdmBlockOf(d: MdmDevice): MdmBlock {
  return {
    provider: d.provider,
    deviceId: d.deviceId,
    deviceName: d.deviceName,
    uuid: d.uuid,
    enrolledAt: d.enrolledAt,
    lastCheckInAt: d.lastCheckInAt,
    primaryUser: d.primaryUser,
    diskCapacityGb: d.diskCapacityGb,
    registrationState: d.registrationState,
    managementAgent: d.managementAgent ?? null,
  };
}

/**
 * The changes an MDM device makes to its ledger device under the field rules. `isEmpty` decides
 * emptiness for ledger-wins fields: for the serial number, "0" and other placeholders are empty.
 */
export function fieldChanges(
  ledger: Device,
  mdm: MdmDevice,
  serialKey: (s: string | null) => string | null,
): RuleChange[] {
  const changes: RuleChange[] = [];
  for (const { field, from, rule } of FIELD_RULES) {
    const current = ledger[field] ?? null;
    const incoming = (mdm[from] as string | null) ?? null;
    if (rule === 'mdm-wins') {
      if (current !== incoming) changes.push({ field, old: current, new: incoming, rule });
      continue;
    }
    const empty =
      field === 'serialNumber'
        ? (v: string | null) => serialKey(v) === null
        : (v: string | null) => v === null;
    if (empty(current) && !empty(incoming) && current !== incoming) {
      changes.push({ field, old: current, new: incoming, rule });
    }
  }
  return changes;
}

/** Changes to the mdm block (null → block on a first link), field by field. */
export function mdmBlockChanges(
  current: MdmBlock | null,
  next: MdmBlock,
): { changed: boolean; history: RuleChange[] } {
  const history: RuleChange[] = [];
  let changed =
    current === null || current.provider !== next.provider || current.deviceId !== next.deviceId;
  for (const f of [...MDM_ONLY_FIELDS, ...MDM_EXTRA_FIELDS]) {
    const old = current ? (current[f] ?? null) : null;
    const value = next[f] ?? null;
    if (old === value) continue;
    changed = true;
    if (!NOT_IN_HISTORY.has(f))
      history.push({ field: `mdm.${f}`, old, new: value, rule: 'mdm-only' });
  }
  if (current?.missingFromMdm) {
    changed = true;
    history.push({ field: 'mdm.missingFromMdm', old: true, new: null, rule: 'back-in-mdm' });
  }
  return { changed, history };
}
