import { Command } from 'commander';
import { localeFrom, type Locale } from '../i18n/messages';
import { cliConfig } from './context';
import { localizeHelp } from './help';
import { registerDb } from './commands/db';
import { registerDoctor } from './commands/doctor';
import { registerDevicesAdd } from './commands/devices-add';
import { registerDevicesDelete } from './commands/devices-delete';
import { registerDevicesEdit } from './commands/devices-edit';
import { registerDevicesExport } from './commands/devices-export';
import { registerDevicesHistory } from './commands/devices-history';
import { registerDevicesImport } from './commands/devices-import';
import { registerDevicesList } from './commands/devices-list';
import { registerDevicesShow } from './commands/devices-show';
import { registerUsage } from './commands/usage';
import { registerPeopleExport } from './commands/people-export';
import { registerPeopleImport } from './commands/people-import';
import { registerPeopleLink } from './commands/people-link';
import { registerPeopleUnlink } from './commands/people-unlink';
import { registerProvisionApply } from './commands/provision-apply';
import { registerProvisionApprove } from './commands/provision-approve';
import { registerProvisionPlan } from './commands/provision-plan';
import { registerProvisionReject } from './commands/provision-reject';
import { registerProvisionRuns } from './commands/provision-runs';
import { registerProvisionWhy } from './commands/provision-why';
import { registerLink, registerUnlink } from './commands/link';
import { registerSync } from './commands/sync';
import { registerSim } from './commands/sim';
import { registerStocktake } from './commands/stocktake';

/** The `daicho` command: every sub-command is registered here, each defined in its own file. */
export function buildProgram(): Command {
  const program = new Command('daicho')
    .description('Daicho (台帳): the IT device ledger, synced with Intune / Jamf Pro')
    .showHelpAfterError(false)
    // `daicho sync status --json` is status's --json, not sync's.
    .enablePositionalOptions()
    .exitOverride();
  const devices = program.command('devices').description('the device ledger');
  registerDevicesImport(devices);
  registerDevicesExport(devices);
  registerDevicesList(devices);
  registerDevicesShow(devices);
  registerDevicesAdd(devices);
  registerDevicesEdit(devices);
  registerDevicesDelete(devices);
  registerDevicesHistory(devices);
  const people = program
    .command('people')
    .description('the people directory (利用者), the source of Microsoft 365 provisioning');
  registerPeopleImport(people);
  registerPeopleExport(people);
  registerPeopleLink(people);
  registerPeopleUnlink(people);
  const provision = program
    .command('provision')
    .description('Microsoft 365 provisioning of the people directory: plan, apply, approve, why');
  registerProvisionPlan(provision);
  registerProvisionApply(provision);
  registerProvisionApprove(provision);
  registerProvisionReject(provision);
  registerProvisionRuns(provision);
  registerProvisionWhy(provision);
  registerLink(program);
  registerUnlink(program);
  registerSync(program);
  registerSim(program);
  registerUsage(program);
  registerStocktake(program);
  registerDb(program);
  registerDoctor(program);
  program.commands.forEach(function exitOverrideAll(cmd: Command) {
    cmd.exitOverride();
    cmd.commands.forEach(exitOverrideAll);
  });
  localizeHelp(program, helpLocale());
  return program;
}

/** The CLI's language; help is still shown, in the shell's language, when the config is bad. */
function helpLocale(): Locale {
  try {
    return cliConfig().cliLocale;
  } catch {
    const env = process.env;
    return localeFrom(env.DAICHO_LOCALE || env.LC_ALL || env.LC_MESSAGES || env.LANG, 'ja');
  }
}
