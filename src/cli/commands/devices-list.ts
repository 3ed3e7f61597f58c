import type { Command } from 'commander';
import { DaichoError } from '../../errors';
import { parseDeviceQuery } from '../../ledger/device-query';
import { cliSay, openContext } from '../context';
import { fieldLabel, sourceLabel } from '../../cards/format';
import { cellText, emit } from '../output';
import { formatTable } from '../table';
import { cliTime } from '../time';
import { devicesCsv } from '../../csv/devices-csv';

/** The table's columns, labelled as the cards label these fields. */
const COLUMNS = [
  'assetNumber',
  'serialNumber',
  'source',
  'user',
  'status',
  'mdm.registrationState',
  'mdm.lastCheckInAt',
];

/** `daicho devices list` with the device list's filters (seed 000's list screen). */
export function registerDevicesList(devices: Command): void {
  devices
    .command('list')
    .description(
      'list devices with filters (source, MDM fields, status, user, duplicates, missing from the MDM)',
    )
    .option('--source <source>', 'ledger | intune | jamf')
    .option(
      '--registration-state <state>',
      'registered | notRegistered | revoked | … (MDM registration state)',
    )
    .option('--stale-days <n>', 'last check-in older than n days')
    .option('--status <status>', 'status (ステータス)')
    .option('--user <text>', '利用者 contains this')
    .option('--text <text>', 'asset number, serial, user or model contains this')
    .option('--duplicates', 'only devices whose serial number another device has too')
    .option('--missing', 'only devices missing from the MDM')
    .option('--format <format>', 'table, json or csv', 'table')
    .option('--out <file>', 'write to a file')
    .action(async (opts: Record<string, string | boolean | undefined>) => {
      const { query, problems } = parseDeviceQuery({ ...opts, missingFromMdm: opts.missing });
      if (problems.length > 0) {
        throw new DaichoError('INVALID_INPUT', 'cli.invalidValues', {
          reasons: problems.map((p) => cliSay(p.key, p.params)).join('; '),
        });
      }
      const format = String(opts.format).toLowerCase();
      if (!['table', 'json', 'csv'].includes(format))
        throw new DaichoError('INVALID_INPUT', 'cli.badFormat', { format });
      const ctx = await openContext();
      const list = await ctx.ledger.list(query);
      const out = opts.out as string | undefined;
      if (format === 'json') return emit(`${JSON.stringify(list, null, 2)}\n`, out);
      if (format === 'csv') return emit(devicesCsv(list, false), out);
      const { locale } = ctx;
      const rows = list.map((d) => [
        d.assetNumber,
        cellText(d.serialNumber),
        sourceLabel(d.source, locale),
        cellText(d.user),
        cellText(d.status),
        cellText(d.mdm?.registrationState),
        cliTime(d.mdm?.lastCheckInAt),
      ]);
      const header = COLUMNS.map((f) => fieldLabel(f, locale));
      const footer = ctx.say('cli.devicesCount', { count: list.length });
      emit(`${[...formatTable(rows, header), footer].join('\n')}\n`, out);
    });
}
