import type { Command } from 'commander';
import { DaichoError } from '../../errors';
import { toExported } from '../../ledger/device';
import { parseDeviceInput } from '../../ledger/device-input';
import { cliSay, openContext } from '../context';
import { parseFieldOptions } from '../field-options';
import { formatDevice, printJson } from '../output';

export function registerDevicesAdd(devices: Command): void {
  devices
    .command('add')
    .description(
      'add one ledger device: --asset-number PC-0012 --serial-number ABC --user 山田太郎 (no asset number: the next SYS number)',
    )
    .argument('[fields...]', '--field value pairs')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[], _opts: unknown, cmd: Command) => {
      // The fields are options of their own, so commander's --help is off: answer it here.
      if (words.includes('--help') || words.includes('-h')) return cmd.help();
      const { raw, json } = parseFieldOptions(words);
      const { value, problems } = parseDeviceInput(raw);
      if (problems.length > 0) {
        throw new DaichoError('INVALID_INPUT', 'cli.invalidValues', {
          reasons: problems.map((p) => cliSay(p.key, p.params)).join('; '),
        });
      }
      const ctx = await openContext();
      const device = toExported(await ctx.ledger.create(value, ctx.actor));
      if (json) printJson(device);
      else process.stdout.write(formatDevice(device, ctx.locale));
    });
}
