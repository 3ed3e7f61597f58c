import type { AnyBulkWriteOperation, ObjectId } from 'mongodb';
import type { Collections, UsageDoc } from '../db/collections';
import type { MessageKey } from '../i18n/messages';
import { parseDate } from './device-input';

/** One row of the usage history (利用履歴) as exported and imported. */
export interface UsageRecord {
  assetNumber: string;
  user: string;
  from: string;
  to: string | null;
  note: string | null;
}

export const USAGE_FIELDS = ['assetNumber', 'user', 'from', 'to', 'note'] as const;

export interface UsageRowProblem {
  line: number;
  reasons: { key: MessageKey; params?: Record<string, string | number> }[];
}

/**
 * Usage history: who used a device from when to when. A change of 利用者 closes the open period
 * and opens a new one, so the history builds itself; CSV export/import moves it between devices
 * (seed 000's answer for merging a duplicate).
 */
export class UsageService {
  constructor(private readonly c: Pick<Collections, 'usageHistory' | 'devices'>) {}

  async userChanged(
    device: { _id: ObjectId; assetNumber: string },
    oldUser: string | null,
    newUser: string | null,
    at: Date,
  ): Promise<void> {
    await this.usersChanged([{ device, oldUser, newUser }], at);
  }

  /** Closes the old user's open period and opens the new one's, for many devices in one round trip. */
  async usersChanged(
    changes: {
      device: { _id: ObjectId; assetNumber: string };
      oldUser: string | null;
      newUser: string | null;
    }[],
    at: Date,
  ): Promise<void> {
    const day = at.toISOString().slice(0, 10);
    const ops: AnyBulkWriteOperation<UsageDoc>[] = [];
    for (const { device, oldUser, newUser } of changes) {
      if (oldUser) {
        ops.push({
          updateMany: {
            filter: { deviceId: device._id, user: oldUser, to: null },
            update: { $set: { to: day, updatedAt: at } },
          },
        });
      }
      if (newUser) {
        ops.push({
          updateOne: {
            filter: { deviceId: device._id, user: newUser, from: day },
            update: {
              $set: { to: null, updatedAt: at },
              $setOnInsert: { assetNumber: device.assetNumber, note: null },
            },
            upsert: true,
          },
        });
      }
    }
    // One bulk write: the driver splits it by the server's batch and message limits.
    if (ops.length > 0) await this.c.usageHistory.bulkWrite(ops, { ordered: true });
  }

  /**
   * A merge (seed 000's FAQ): the twin's periods move onto the kept device, then the kept device
   * has exactly one open period — its current 利用者's, the earliest one when there are several
   * (it is one physical device, in use by them since then) — and none when it has no 利用者.
   * Every other open period is closed on the day of the merge. A period the kept device has
   * already (same user and start) stays as it is. Safe to run again after a crash.
   */
  async mergeInto(
    fromId: ObjectId,
    into: { _id: ObjectId; assetNumber: string; user: string | null },
    at: Date,
  ): Promise<{ moved: number; closed: number }> {
    const day = at.toISOString().slice(0, 10);
    const moved = await this.c.usageHistory.find({ deviceId: fromId }).toArray();
    for (let i = 0; i < moved.length; i += 500) {
      await this.c.usageHistory.bulkWrite(
        moved.slice(i, i + 500).map((u) => ({
          updateOne: {
            filter: { deviceId: into._id, user: u.user, from: u.from },
            update: {
              $setOnInsert: {
                to: u.to,
                note: u.note,
                assetNumber: into.assetNumber,
                updatedAt: at,
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    }
    await this.c.usageHistory.deleteMany({ deviceId: fromId });

    const open = (await this.c.usageHistory.find({ deviceId: into._id, to: null }).toArray()).sort(
      (a, b) => a.from.localeCompare(b.from),
    );
    const stays = open.find((u) => into.user !== null && u.user === into.user);
    const close = open.filter((u) => u !== stays);
    for (const u of close) {
      await this.c.usageHistory.updateOne(
        { _id: u._id, to: null },
        // A period that starts after the merge day (a date typed ahead) ends where it starts.
        { $set: { to: u.from > day ? u.from : day, updatedAt: at } },
      );
    }
    return { moved: moved.length, closed: close.length };
  }

  async export(deviceId?: ObjectId): Promise<UsageRecord[]> {
    const docs = await this.c.usageHistory
      .find(deviceId ? { deviceId } : {})
      .sort({ assetNumber: 1, from: 1, user: 1 })
      .toArray();
    return docs.map((d) => ({
      assetNumber: d.assetNumber,
      user: d.user,
      from: d.from,
      to: d.to,
      note: d.note,
    }));
  }

  /**
   * Validates every row first; writes nothing unless all are valid (or `skipInvalid`). Rows are
   * upserted by device + user + from, so importing the same file twice adds nothing.
   */
  async import(
    rows: { line: number; raw: Record<string, unknown> }[],
    skipInvalid: boolean,
  ): Promise<{ created: number; updated: number; skipped: number; problems: UsageRowProblem[] }> {
    const assetNumbers = [
      ...new Set(rows.map((r) => text(r.raw.assetNumber)).filter((a): a is string => !!a)),
    ];
    const devices = new Map<string, ObjectId>();
    for (let i = 0; i < assetNumbers.length; i += 1000) {
      const found = await this.c.devices
        .find(
          { assetNumber: { $in: assetNumbers.slice(i, i + 1000) } },
          { projection: { assetNumber: 1 } },
        )
        .toArray();
      for (const d of found) devices.set(d.assetNumber, d._id);
    }
    const problems: UsageRowProblem[] = [];
    const valid: { deviceId: ObjectId; rec: UsageRecord }[] = [];
    for (const { line, raw } of rows) {
      const reasons: UsageRowProblem['reasons'] = [];
      const unknown = Object.keys(raw).filter(
        (k) => !(USAGE_FIELDS as readonly string[]).includes(k),
      );
      for (const field of unknown) reasons.push({ key: 'input.unknownField', params: { field } });
      const assetNumber = text(raw.assetNumber);
      const deviceId = assetNumber ? devices.get(assetNumber) : undefined;
      if (!deviceId)
        reasons.push({ key: 'usage.unknownDevice', params: { assetNumber: assetNumber ?? '' } });
      const user = text(raw.user);
      if (!user) reasons.push({ key: 'usage.missingUser' });
      const from = text(raw.from) ? parseDate(text(raw.from)!) : null;
      if (!from) reasons.push({ key: 'usage.badFrom' });
      const to = text(raw.to) ? parseDate(text(raw.to)!) : null;
      if (text(raw.to) && !to) reasons.push({ key: 'usage.badTo' });
      if (from && to && to < from) reasons.push({ key: 'usage.toBeforeFrom' });
      if (reasons.length > 0) problems.push({ line, reasons });
      else
        valid.push({
          deviceId: deviceId!,
          rec: { assetNumber: assetNumber!, user: user!, from: from!, to, note: text(raw.note) },
        });
    }
    if (problems.length > 0 && !skipInvalid)
      return { created: 0, updated: 0, skipped: rows.length, problems };

    let created = 0;
    let updated = 0;
    const now = new Date();
    for (let i = 0; i < valid.length; i += 500) {
      const result = await this.c.usageHistory.bulkWrite(
        valid.slice(i, i + 500).map(({ deviceId, rec }) => ({
          updateOne: {
            filter: { deviceId, user: rec.user, from: rec.from },
            update: {
              $set: {
                to: rec.to,
                note: rec.note,
                assetNumber: rec.assetNumber,
                updatedAt: now,
              } satisfies Partial<UsageDoc>,
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
      created += result.upsertedCount;
      updated += result.modifiedCount;
    }
    return { created, updated, skipped: rows.length - valid.length, problems };
  }
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}
