import type { Command } from 'commander';
import { DaichoError } from '../../errors';
import { toExported } from '../../ledger/device';
import { parseDeviceInput } from '../../ledger/device-input';
import { cliSay, openContext } from '../context';
import { parseFieldOptions } from '../field-options';
import { printJson } from '../output';
import { UsageError } from '../usage-error';

export function registerDevicesEdit(devices: Command): void {
  devices
    .command('edit')
    .description(
      'change fields of a device: --user 山田太郎 --status 利用中 --serial-number ABC ("" clears a field)',
    )
    .argument('<id>', 'asset number, serial number or UUID')
    .argument('[fields...]', '--field value pairs')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (id: string, words: string[], _opts: unknown, cmd: Command) => {
      // The fields are options of their own, so commander's --help is off: answer it here.
      if ([id, ...words].some((w) => w === '--help' || w === '-h')) return cmd.help();
      const { raw, json } = parseFieldOptions(words);
      if (Object.keys(raw).length === 0) throw new UsageError('edit.noFields');
      if ('assetNumber' in raw && raw.assetNumber.trim() === '')
        throw new UsageError('edit.assetNumberEmpty');
      const { value, problems } = parseDeviceInput(raw);
      if (problems.length > 0) {
        throw new DaichoError('INVALID_INPUT', 'cli.invalidValues', {
          reasons: problems.map((p) => cliSay(p.key, p.params)).join('; '),
        });
      }
      const ctx = await openContext();
      const { device, changes } = await ctx.ledger.edit(id, value, ctx.actor);
      if (json) printJson({ device: toExported(device), changes });
      else {
        const key = changes.length > 0 ? 'device.updated' : 'device.unchanged';
        process.stdout.write(
          `${ctx.say(key, { assetNumber: device.assetNumber, count: changes.length })}\n`,
        );
      }
    });
}
