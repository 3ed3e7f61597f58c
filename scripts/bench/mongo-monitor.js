/**
 * Counts what a MongoClient sends, through the driver's command monitoring (monitorCommands):
 * commands by name, and the documents each write command actually changed, by collection, from
 * the server's replies (insert n, update nModified + upserted, delete n, findAndModify n).
 */
const WRITE_COMMANDS = new Set(['insert', 'update', 'delete', 'findAndModify']);

function commandMonitor(client) {
  let byName = {};
  let byCommand = {};
  let written = {};
  let failed = 0;
  const pending = new Map();
  client.on('commandStarted', (e) => {
    byName[e.commandName] = (byName[e.commandName] ?? 0) + 1;
    const target = e.commandName === 'getMore' ? e.command.collection : e.command[e.commandName];
    const key = typeof target === 'string' ? `${e.commandName} ${target}` : e.commandName;
    byCommand[key] = (byCommand[key] ?? 0) + 1;
    if (WRITE_COMMANDS.has(e.commandName))
      pending.set(e.requestId, { name: e.commandName, collection: e.command[e.commandName] });
  });
  client.on('commandSucceeded', (e) => {
    const w = pending.get(e.requestId);
    if (!w) return;
    pending.delete(e.requestId);
    const r = e.reply ?? {};
    let n = 0;
    if (w.name === 'insert' || w.name === 'delete') n = r.n ?? 0;
    else if (w.name === 'update') n = (r.nModified ?? 0) + (r.upserted?.length ?? 0);
    else if (w.name === 'findAndModify') {
      const le = r.lastErrorObject ?? {};
      // A findAndModify that found its document counts as a write of it (the server does not
      // say whether the values changed).
      n = le.n ?? (r.value ? 1 : 0);
    }
    written[w.collection] = (written[w.collection] ?? 0) + n;
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
      const writes = [...WRITE_COMMANDS].reduce((a, k) => a + (byName[k] ?? 0), 0);
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

module.exports = { commandMonitor };
