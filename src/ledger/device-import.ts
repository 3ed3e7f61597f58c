import { writeErrorsOf } from '../errors';
import type { AnyBulkWriteOperation } from 'mongodb';
import { MongoBulkWriteError } from 'mongodb';
import type { Actor } from './actor';
import { creationChanges, newLedgerDevice } from './changes';
import type { StoredDevice } from './device';
import { parseDeviceInput, type DeviceInput, type InputProblem } from './device-input';
import { historyDocs } from './history';
import { planUpdate, previewOf, type Planned, type RowPreview } from './import-plan';
import type { DeviceDoc, LedgerService } from './ledger-service';

export interface ImportRow {
  line: number;
  raw: Record<string, unknown>;
  badColumnCount?: { got: number; expected: number };
}

export interface RowProblem {
  line: number;
  reasons: InputProblem[];
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: RowProblem[];
  /** True when nothing was written because some rows were invalid. */
  rejected: boolean;
  /** Fields that kept their value although their cell was empty (without clearEmpty). */
  kept: number;
  /** A dry run's plan, row by row (nothing was written; the counts are what would be). */
  preview?: RowPreview[];
}

export interface ImportOptions {
  skipInvalid: boolean;
  /** An empty cell clears the field; otherwise it leaves the field as it is. */
  clearEmpty?: boolean;
  /** Check and plan everything, write nothing, and return the plan as `preview`. */
  dryRun?: boolean;
}

const refused = (rows: number, problems: RowProblem[]): ImportReport => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: rows,
  problems,
  rejected: true,
  kept: 0,
});

/**
 * Imports devices: every row is checked before anything is written. An existing asset number
 * updates that device; a row without one updates the single device with the same serial number,
 * else creates a device with the next SYS number — so importing the same file twice never
 * duplicates a device. An empty cell leaves the field as it is unless `clearEmpty` is set.
 */
export async function importDevices(
  ledger: LedgerService,
  rows: ImportRow[],
  options: ImportOptions,
  actor: Actor,
): Promise<ImportReport> {
  const problems: RowProblem[] = [];
  const parsed: { line: number; input: DeviceInput }[] = [];
  const seenAssets = new Map<string, number>();
  for (const { line, raw, badColumnCount } of rows) {
    const { value, problems: reasons } = parseDeviceInput(raw);
    if (badColumnCount)
      reasons.unshift({ field: '*', key: 'input.columnCount', params: badColumnCount });
    const asset = value.assetNumber;
    if (asset && seenAssets.has(asset)) {
      reasons.push({
        field: 'assetNumber',
        key: 'input.duplicateInFile',
        params: { assetNumber: asset, line: seenAssets.get(asset)! },
      });
    } else if (asset) seenAssets.set(asset, line);
    if (reasons.length > 0) problems.push({ line, reasons });
    else parsed.push({ line, input: value });
  }
  if (problems.length > 0 && !options.skipInvalid) return refused(rows.length, problems);

  const plan = await planImport(ledger, parsed, problems, !!options.clearEmpty);
  if (problems.length > 0 && !options.skipInvalid) return refused(rows.length, problems);
  const creates = plan.filter(
    (p): p is Extract<Planned, { kind: 'create' }> => p.kind === 'create',
  );
  const updates = plan.filter(
    (p): p is Extract<Planned, { kind: 'update' }> => p.kind === 'update' && p.changes.length > 0,
  );
  const unchanged = plan.length - creates.length - updates.length;
  const kept = plan.reduce((n, p) => n + (p.kind === 'update' ? p.kept.length : 0), 0);
  if (options.dryRun) {
    return {
      created: creates.length,
      updated: updates.length,
      unchanged,
      skipped: rows.length - plan.length,
      problems,
      rejected: false,
      kept,
      preview: previewOf(plan),
    };
  }

  const created = await writeCreates(ledger, creates, problems, actor);
  await writeUpdates(ledger, updates, actor);
  return {
    created,
    updated: updates.length,
    unchanged,
    skipped: rows.length - created - updates.length - unchanged,
    problems,
    rejected: false,
    kept,
  };
}

async function planImport(
  ledger: LedgerService,
  parsed: { line: number; input: DeviceInput }[],
  problems: RowProblem[],
  clearEmpty: boolean,
): Promise<Planned[]> {
  const byAsset = new Map<string, DeviceDoc>();
  const assets = parsed.map((p) => p.input.assetNumber).filter((a): a is string => !!a);
  for (let i = 0; i < assets.length; i += 1000) {
    for (const d of await ledger.devicesWhere({
      assetNumber: { $in: assets.slice(i, i + 1000) },
    })) {
      byAsset.set(d.assetNumber, d);
    }
  }
  const serialKeys = parsed
    .filter((p) => !p.input.assetNumber)
    .map((p) => ledger.serialKey(p.input.serialNumber))
    .filter((k): k is string => !!k);
  const bySerial = new Map<string, DeviceDoc[]>();
  for (let i = 0; i < serialKeys.length; i += 1000) {
    for (const d of await ledger.devicesWhere({
      serialKey: { $in: serialKeys.slice(i, i + 1000) },
    })) {
      bySerial.set(d.serialKey!, [...(bySerial.get(d.serialKey!) ?? []), d]);
    }
  }

  const plan: Planned[] = [];
  for (const { line, input } of parsed) {
    let device = input.assetNumber ? byAsset.get(input.assetNumber) : undefined;
    if (!input.assetNumber) {
      const sameSerial = bySerial.get(ledger.serialKey(input.serialNumber) ?? '') ?? [];
      if (sameSerial.length > 1) {
        problems.push({
          line,
          reasons: [
            {
              field: 'serialNumber',
              key: 'device.ambiguous',
              params: {
                id: input.serialNumber ?? '',
                matches: sameSerial.map((d) => d.assetNumber).join(', '),
              },
            },
          ],
        });
        continue;
      }
      device = sameSerial[0];
    }
    if (device) plan.push(planUpdate(line, device, input, clearEmpty));
    else plan.push({ kind: 'create', line, input });
  }
  return plan;
}

async function writeCreates(
  ledger: LedgerService,
  creates: Extract<Planned, { kind: 'create' }>[],
  problems: RowProblem[],
  actor: Actor,
): Promise<number> {
  const sys = await ledger.assetNumbers.allocate(
    creates.filter((c) => !c.input.assetNumber).length,
  );
  const now = new Date();
  const docs: StoredDevice[] = creates.map(({ input }) => {
    const device = newLedgerDevice(input.assetNumber ?? sys.shift()!, input);
    return {
      ...device,
      serialKey: ledger.serialKey(device.serialNumber),
      createdAt: now,
      updatedAt: now,
    };
  });
  let created = 0;
  for (let i = 0; i < docs.length; i += 500) {
    const batch = docs.slice(i, i + 500);
    const failed = new Set<number>();
    try {
      await ledger.insertDevices(batch);
    } catch (e) {
      // Another writer took an asset number between our check and the insert: report those
      // rows, keep the rest.
      if (!(e instanceof MongoBulkWriteError)) throw e;
      for (const we of writeErrorsOf(e)) {
        failed.add(we.index);
        problems.push({
          line: creates[i + we.index].line,
          reasons: [
            {
              field: 'assetNumber',
              key: 'device.duplicateAssetNumber',
              params: { assetNumber: batch[we.index].assetNumber },
            },
          ],
        });
      }
    }
    const inserted = await ledger.devicesWhere({
      assetNumber: { $in: batch.filter((_, j) => !failed.has(j)).map((d) => d.assetNumber) },
    });
    created += inserted.length;
    await ledger.insertHistory(
      inserted.flatMap((d) => historyDocs(d, creationChanges(d), 'import', actor, 'ledger', now)),
    );
    await ledger.usage.usersChanged(
      inserted.filter((d) => d.user).map((d) => ({ device: d, oldUser: null, newUser: d.user })),
      now,
    );
  }
  return created;
}

async function writeUpdates(
  ledger: LedgerService,
  updates: Extract<Planned, { kind: 'update' }>[],
  actor: Actor,
): Promise<void> {
  const now = new Date();
  const ops: AnyBulkWriteOperation<StoredDevice>[] = updates.map(({ device, changes }) => ({
    updateOne: { filter: { _id: device._id }, update: { $set: ledger.setFor(changes, now) } },
  }));
  await ledger.bulkUpdate(ops);
  await ledger.insertHistory(
    updates.flatMap(({ device, changes }) =>
      historyDocs(device, changes, 'import', actor, 'ledger', now),
    ),
  );
  const userChanges = updates.flatMap(({ device, changes }) =>
    changes
      .filter((ch) => ch.field === 'user')
      .map((ch) => ({
        device,
        oldUser: ch.old as string | null,
        newUser: ch.new as string | null,
      })),
  );
  await ledger.usage.usersChanged(userChanges, now);
}
