import type { Command } from 'commander';
import { stopServer } from '../../db/embedded/embedded';
import { liveRecord, removeRecord } from '../../db/embedded/registry';
import { cliConfig, cliSay, openContext } from '../context';
import { printJson } from '../output';

export function registerDb(program: Command): void {
  const db = program.command('db').description('the database Daicho uses');
  db.command('status')
    .description('which database is in use, and device count')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const ctx = await openContext();
      const devices = await ctx.db.db.collection('devices').countDocuments();
      const status = { ...ctx.db.info, devices };
      if (opts.json) printJson(status);
      else
        process.stdout.write(
          `${ctx.say('cli.db.status', {
            kind: ctx.say(`cli.db.kind.${status.kind}`),
            uri: status.uri,
            name: status.name,
            devices,
            persistence: ctx.say(status.persistent ? 'cli.db.persistent' : 'cli.db.notPersistent'),
          })}\n`,
        );
    });
  db.command('stop')
    .description('stop the embedded database server (the emulator loses its data)')
    .action(async () => {
      const { dataDir } = cliConfig();
      const record = await liveRecord(dataDir);
      if (!record) {
        process.stdout.write(`${cliSay('db.notRunning')}\n`);
        return;
      }
      await stopServer(record);
      removeRecord(dataDir);
      process.stdout.write(`${cliSay('db.stopped', { kind: record.kind, pid: record.pid })}\n`);
    });
}
