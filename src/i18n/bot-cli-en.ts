import type { CatalogPart } from './catalog';

/** English: the bot's and the CLI's own answers (commands, errors, usage). */
export const botCliEn = {
  'bot.unknown':
    'I did not understand "{text}". Try: help, device ‹asset number, serial or user›, devices, sync, status, link, unlink, alerts here, replace ‹asset number›, workflows, troubleshoot, explain ‹code›, provision, provision why ‹person id›, person ‹person id›, mapping, stocktake.',
  'bot.error': 'Something went wrong; please try again (correlation id: {correlationId}).',
  'bot.tooLong':
    'That message is too long for a command: {length, plural, one {# character} other {# characters}}, and I read at most {max}. Nothing was done. Send a command such as "device PC-0012", or "help" for the list.',
  'bot.notAdmin':
    'Only admins can do this. Ask an admin, or ask to be added to ADMIN_USER_IDS / ADMIN_TEAM_IDS.',
  'bot.localTesting':
    'Local mode: BOT_ID is not set, so requests are not authenticated and Daicho listens on 127.0.0.1 only (Agents Playground, tests). For Teams, set BOT_ID and BOT_PASSWORD.',
  'bot.noAdmins':
    'No admins are named, so nobody can change the ledger or its integrations from Teams: set ADMIN_USER_IDS (Entra object ids) or ADMIN_TEAM_IDS (Teams team ids) and restart.',
  'bot.ledgerUnreachable':
    'The ledger is not reachable: its database is not answering, so this could not be done. Please try again in a few minutes; if it goes on, ask whoever runs Daicho to check the database (correlation id: {correlationId}).',
  'bot.noDevice': 'No device matches "{id}".',
  'bot.devicesFound':
    '{count, plural, one {# device matches} other {# devices match}} "{id}": {list}',
  'query.bad': '{option} cannot be "{value}".',
  'query.badChoice': '{option} cannot be "{value}" (one of {choices}).',
  'bot.badPayload':
    "This button's data is invalid or out of date; please start again. Nothing was changed.",
  'bot.linkCancelled': 'Linking cancelled. Nothing was changed.',
  'bot.unlinkCancelled': 'Unlink cancelled.',
  'bot.unlinkStale': 'Not unlinked: the master integration has changed (now: {current}).',
  'bot.alertChannelSet': 'Alerts will be sent to this conversation.',
  'bot.answeredBelow': 'The answer is posted below.',
  'bot.syncStarted': 'Sync started.',
  'bot.download': 'Download the CSV (valid for an hour): {url}',
  'bot.mergeMdmSide':
    'Duplicates inside the MDM cannot be merged in the ledger: delete the stale record in the MDM; the next sync flags it missing and it can then be deleted here.',
  'cli.failed': 'Error: {message}',
  'cli.badFormat': 'Format "{format}" is not supported (json or csv).',
  'cli.cannotWrite': 'Cannot write "{file}": {reason}. Nothing was written.',
  'cli.unexpectedWord': 'Did not understand "{word}"; give fields as --name value.',
  'cli.unknownField': 'Unknown field "{field}" (e.g. --serial-number, --user, --status).',
  'cli.missingValue': '--{field} needs a value.',
  'cli.invalidValues': 'Invalid values: {reasons}. Nothing was changed.',
  'cli.usage': '{message} (see daicho --help)',
  'cli.badChoice': '{option} cannot be "{value}" (one of {choices}).',
  'db.stopped': 'Stopped the embedded database ({kind}, pid {pid}).',
  'db.notRunning': 'The embedded database is not running.',
  'cli.unexpected': 'Unexpected error (correlation id: {correlationId}); see the log.',
} satisfies CatalogPart;
