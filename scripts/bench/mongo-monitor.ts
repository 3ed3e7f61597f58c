/**
 * Counts what a MongoClient sends, through the driver's command monitoring (monitorCommands):
 * commands by name, and the documents each write command actually changed, by collection, from
 * the server's replies (insert n, update nModified + upserted, delete n, findAndModify n).
 */
import type { Document, MongoClient } from 'mongodb';

const WRITE_COMMANDS = ['insert', 'update', 'delete', 'findAndModify'] as const;
type WriteCommand = (typeof WRITE_COMMANDS)[number];

const isWriteCommand = (name: string): name is WriteCommand =>
  (WRITE_COMMANDS as readonly string[]).includes(name);

export interface CommandCounts {
  commands: number;
  writeCommands: number;
  byName: Record<string, number>;
  byNameAndCollection: Record<string, number>;
  failedCommands: number;
  documentsWrittenByCollection: Record<string, number>;
}

export interface CommandMonitor {
  reset(): void;
  snapshot(): CommandCounts;
}

const count = (n: unknown): number => (typeof n === 'number' ? n : 0);

/** Documents a write command changed, read from the server's reply. */
function documentsWritten(name: WriteCommand, reply: Document): number {
  if (name === 'insert' || name === 'delete') return count(reply.n);
  if (name === 'update')
    return count(reply.nModified) + (Array.isArray(reply.upserted) ? reply.upserted.length : 0);
  const lastError: Document = reply.lastErrorObject ?? {};
  // A findAndModify that found its document counts as a write of it (the server does not
  // say whether the values changed).
  return typeof lastError.n === 'number' ? lastError.n : reply.value ? 1 : 0;
}

export function commandMonitor(client: MongoClient): CommandMonitor {
  let byName: Record<string, number> = {};
  let byCommand: Record<string, number> = {};
  let written: Record<string, number> = {};
  let failed = 0;
  const pending = new Map<number, { name: WriteCommand; collection: string }>();
  client.on('commandStarted', (e) => {
    byName[e.commandName] = (byName[e.commandName] ?? 0) + 1;
    const target: unknown =
      e.commandName === 'getMore' ? e.command.collection : e.command[e.commandName];
    const key = typeof target === 'string' ? `${e.commandName} ${target}` : e.commandName;
    byCommand[key] = (byCommand[key] ?? 0) + 1;
    if (isWriteCommand(e.commandName))
      pending.set(e.requestId, { name: e.commandName, collection: String(target) });
  });
  client.on('commandSucceeded', (e) => {
    const w = pending.get(e.requestId);
    if (!w) return;
    pending.delete(e.requestId);
    written[w.collection] = (written[w.collection] ?? 0) + documentsWritten(w.name, e.reply ?? {});
  });
  client.on('commandFailed', (e) => {
    failed++;
    pending.delete(e.requestId);
  });
  return {
    reset() {
      byName = {};
      byCommand = {};
      written = {};
      failed = 0;
      pending.clear();
    },
    snapshot() {
      const total = Object.values(byName).reduce((a, b) => a + b, 0);
      const writes = WRITE_COMMANDS.reduce((a, k) => a + (byName[k] ?? 0), 0);
      return {
        commands: total,
        writeCommands: writes,
        byName: { ...byName },
        byNameAndCollection: { ...byCommand },
        failedCommands: failed,
        documentsWrittenByCollection: { ...written },
      };
    },
  };
}
