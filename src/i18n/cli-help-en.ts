import type { CatalogPart } from './catalog';

/**
 * English: `daicho --help` for the program, every command, option and argument. Keys follow the
 * command path (help.devices.list), its options (.opt.<name>) and arguments (.arg.<name>);
 * help.opt.<name> / help.arg.<name> serve every command whose own key is missing.
 */
export const cliHelpEn = {
  'help.arg.fields': '--field value pairs',
  'help.arg.file': 'CSV or JSON file (UTF-8, UTF-8 with BOM, UTF-16 or Shift_JIS; at most 50 MB)',
  'help.arg.id': 'asset number, serial number or UUID',
  'help.arg.run': 'run id',
  'help.opt.encoding':
    "the file's character encoding, when detection refuses it: utf-8, utf-16, shift_jis (cp932, sjis, windows-31j), euc-jp",
  'help.opt.excel': 'CSV for Excel: UTF-8 with BOM and CRLF line ends',
  'help.opt.json': 'print JSON',
  'help.opt.help': 'display help for command',
  'help.command.help': 'display help for command',
  'help.title.Usage:': 'Usage:',
  'help.title.Options:': 'Options:',
  'help.title.Commands:': 'Commands:',
  'help.title.Arguments:': 'Arguments:',
  'help.title.Global Options:': 'Global Options:',
  'help.default': 'default: {value}',
  'help.opt.out': 'write to a file instead of stdout',
  'help.opt.skipInvalid': 'write the valid rows and list the invalid ones',
  'help.daicho': 'Daicho (台帳): the IT device ledger, synced with Intune / Jamf Pro',
  'help.daicho.devices': 'the device ledger',
  'help.daicho.devices.import':
    'import devices from a CSV (header row of field names) or a JSON array; nothing is written unless every row is valid',
  'help.daicho.devices.import.opt.json': 'print the report as JSON',
  'help.daicho.devices.import.opt.dryRun':
    'check the file and report what the import would create, update and leave unchanged, without writing',
  'help.daicho.devices.import.opt.clearEmpty':
    'an empty cell clears the field (otherwise an empty cell leaves the field as it is)',
  'help.daicho.devices.export': 'export every device (JSON array or CSV)',
  'help.daicho.devices.export.opt.format': 'json or csv',
  'help.daicho.devices.list':
    'list devices with filters (source, MDM fields, status, user, duplicates, missing from the MDM)',
  'help.daicho.devices.list.opt.source': 'ledger | intune | jamf',
  'help.daicho.devices.list.opt.registrationState':
    'registered | notRegistered | revoked | … (MDM registration state)',
  'help.daicho.devices.list.opt.staleDays': 'last check-in older than n days',
  'help.daicho.devices.list.opt.status': 'status (ステータス)',
  'help.daicho.devices.list.opt.user': '利用者 contains this',
  'help.daicho.devices.list.opt.text': 'asset number, serial, user or model contains this',
  'help.daicho.devices.list.opt.duplicates':
    'only devices whose serial number another device has too',
  'help.daicho.devices.list.opt.missing': 'only devices missing from the MDM',
  'help.daicho.devices.list.opt.format': 'table, json or csv',
  'help.daicho.devices.list.opt.out': 'write to a file',
  'help.daicho.devices.show': 'show one device',
  'help.daicho.devices.add':
    'add one ledger device: --asset-number PC-0012 --serial-number ABC --user 山田太郎 (no asset number: the next SYS number)',
  'help.daicho.devices.edit':
    'change fields of a device: --user 山田太郎 --status 利用中 --serial-number ABC ("" clears a field)',
  'help.daicho.devices.delete':
    'delete a ledger device (devices synced with an MDM cannot be deleted)',
  'help.daicho.devices.delete.opt.json': 'print the deleted record as JSON',
  'help.daicho.devices.history':
    'field history of a device: what changed, from what to what, by which rule and who',
  'help.daicho.people': 'the people directory (利用者), the source of Microsoft 365 provisioning',
  'help.daicho.people.import':
    'import people from a CSV (header row of attribute names or the Japanese labels) or a JSON array; nothing is written unless every row is valid',
  'help.daicho.people.import.opt.json': 'print the report as JSON',
  'help.daicho.people.export':
    'export every person of the directory (CSV or JSON array); imports back unchanged',
  'help.daicho.people.export.opt.format': 'csv or json',
  'help.daicho.people.link': 'link a person to an existing Microsoft 365 account (its object id)',
  'help.daicho.people.link.arg.id': 'person id',
  'help.daicho.people.link.arg.account': 'Microsoft 365 user object id (a GUID)',
  'help.daicho.people.link.opt.json': 'print the person as JSON',
  'help.daicho.people.unlink':
    "unlink a person's Microsoft 365 account; the next provisioning apply stops or deletes it (PROVISION_ACCOUNT_REMOVAL)",
  'help.daicho.people.unlink.arg.id': 'person id',
  'help.daicho.people.unlink.opt.json': 'print the person as JSON',
  'help.daicho.provision':
    'Microsoft 365 provisioning of the people directory: plan, apply, approve, why',
  'help.daicho.provision.plan': 'dry run: what an apply would change in Microsoft 365 (reads only)',
  'help.daicho.provision.plan.opt.json':
    'print the plan as JSON (the file for provision apply --plan)',
  'help.daicho.provision.apply':
    'apply the provisioning plan to Microsoft 365 (held for approval over PROVISION_SAFETY_LIMIT)',
  'help.daicho.provision.apply.opt.plan':
    'apply exactly this plan (the JSON of provision plan --json)',
  'help.daicho.provision.apply.opt.json': 'print JSON (with the first passwords of new accounts)',
  'help.daicho.provision.approve': 'apply a provisioning run that the safety limit held',
  'help.daicho.provision.approve.arg.run': 'run id (shown by provision apply and provision runs)',
  'help.daicho.provision.approve.opt.json': 'print JSON (with the first passwords of new accounts)',
  'help.daicho.provision.reject': 'drop a provisioning run that the safety limit held',
  'help.daicho.provision.reject.opt.json': 'print the run as JSON',
  'help.daicho.provision.runs':
    'the latest provisioning runs (dry runs, held, applied), newest first',
  'help.daicho.provision.runs.opt.limit': 'how many',
  'help.daicho.provision.why':
    "a person's provisioning log across runs and the problems of the latest plan",
  'help.daicho.provision.why.arg.id': 'person id',
  'help.daicho.link': 'link the master integration (Intune or Jamf Pro) and run the first sync',
  'help.daicho.link.intune': 'link Microsoft Intune; --dry-run shows what it would do',
  'help.daicho.link.intune.opt.match': 'matching key: serial | uuid',
  'help.daicho.link.intune.opt.dryRun':
    'report links, new devices, duplicates, conflicts and field changes without writing',
  'help.daicho.link.intune.opt.assetNumber':
    'asset number of devices imported new: uuid | device-name | serial',
  'help.daicho.link.jamf': 'link Jamf Pro; --dry-run shows what it would do',
  'help.daicho.link.jamf.opt.match': 'matching key: serial | udid',
  'help.daicho.link.jamf.opt.dryRun':
    'report links, new devices, duplicates, conflicts and field changes without writing',
  'help.daicho.link.jamf.opt.assetNumber':
    'asset number of devices imported new: udid | name | serial',
  'help.daicho.unlink':
    'remove the master integration: devices stay, source becomes ledger, MDM fields are removed',
  'help.daicho.unlink.opt.dryRun': 'say what would happen',
  'help.daicho.disconnect':
    'remove the Intune or Jamf Pro connection (removes the master integration too)',
  'help.daicho.disconnect.arg.provider': 'intune or jamf',
  'help.daicho.sync': 'sync the ledger with the linked MDM now (status | approve RUN | reject RUN)',
  'help.daicho.sync.opt.dryRun': 'report what a sync would do, without writing',
  'help.daicho.sync.status': 'the master integration, the last runs and open alerts',
  'help.daicho.sync.approve': 'run a sync that the safety limit held',
  'help.daicho.sync.approve.arg.run': 'run id (see sync status)',
  'help.daicho.sync.reject': 'drop a sync that the safety limit held',
  'help.daicho.sim': 'start local Graph (Intune) and Jamf Pro simulators over https for a demo',
  'help.daicho.sim.opt.fixture':
    'JSON fixture {intune:{devices}, jamf:{computers, mobileDevices}} (default: the demo tenant)',
  'help.daicho.sim.opt.devices': 'generate this many Intune devices instead of the fixture',
  'help.daicho.sim.opt.jamfDevices': 'generate this many Jamf computers instead of the fixture',
  'help.daicho.sim.opt.seed': 'seed of the generator',
  'help.daicho.sim.opt.graphPort': 'port of the Graph simulator (default: any free one)',
  'help.daicho.sim.opt.jamfPort': 'port of the Jamf simulator (default: any free one)',
  'help.daicho.usage': 'usage history (利用履歴): who used a device, from when to when',
  'help.daicho.usage.export': 'export usage history as CSV (assetNumber,user,from,to,note)',
  'help.daicho.usage.export.opt.device': 'only this device',
  'help.daicho.usage.export.opt.json': 'JSON instead of CSV',
  'help.daicho.usage.import':
    'import usage history from CSV; rows are keyed by device + user + from, so a re-import adds nothing',
  'help.daicho.usage.import.arg.file': 'CSV with the export columns (at most 50 MB)',
  'help.daicho.usage.import.opt.json': 'print the report as JSON',
  'help.daicho.db': 'the database Daicho uses',
  'help.daicho.db.status': 'which database is in use, and device count',
  'help.daicho.db.stop': 'stop the embedded database server (the emulator loses its data)',
  'help.daicho.doctor':
    'check the configuration end to end: config, database, Intune, Jamf Pro, bot credentials, PUBLIC_URL, admins',
  'help.daicho.doctor.opt.json': 'print {"checks":[{"name","status","detail","fix"}]}',
  'help.daicho.stocktake': 'stocktakes (棚卸): device users confirm their devices in Teams',
  'help.daicho.stocktake.start':
    'start a stocktake: every device user is asked about their devices in Teams',
  'help.daicho.stocktake.start.opt.deadline': 'last day for answers (end of day, Japan time)',
  'help.daicho.stocktake.start.opt.status': 'only devices with this status (ステータス)',
  'help.daicho.stocktake.start.opt.source': 'only devices of this source: ledger | intune | jamf',
  'help.daicho.stocktake.start.opt.type': 'only devices of this type (デバイスの種類)',
  'help.daicho.stocktake.start.opt.user': 'only devices whose 利用者 contains this',
  'help.daicho.stocktake.start.opt.dryRun':
    'show who would be asked about what, and who cannot be; write nothing',
  'help.daicho.stocktake.status': 'how far a stocktake is (default: the open one), per department',
  'help.daicho.stocktake.report':
    'every device of a stocktake with its answer, as CSV (Japanese headers)',
  'help.daicho.stocktake.close':
    'close a stocktake (default: the open one): answers are refused from then on',
  'help.daicho.stocktake.proposals':
    'serial number corrections users proposed, waiting for an admin to accept',
  'help.daicho.stocktake.proposals.arg.id': 'stocktake id (default: the open one)',
  'help.daicho.stocktake.accept-serial':
    "accept a user's serial number correction: written to the ledger with history",
  'help.daicho.stocktake.accept-serial.arg.asset': 'asset number (資産番号) of the device',
  'help.daicho.stocktake.accept-serial.opt.stocktake': 'stocktake id (default: the open one)',
} satisfies CatalogPart;
