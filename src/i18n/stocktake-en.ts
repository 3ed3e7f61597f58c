import type { CatalogPart } from './catalog';

/** English: stocktakes (棚卸, src/stocktake): the CLI, answers and their refusals, alerts. */
export const stocktakeEn = {
  'stocktake.badDeadline': 'The deadline "{value}" is not a date (YYYY-MM-DD).',
  'stocktake.pastDeadline':
    'The deadline {deadline} has already passed (Japan time); give today or a later day.',
  'stocktake.emptyScope': 'No device matches the scope; nothing was started.',
  'stocktake.notFound': 'No stocktake "{id}" (daicho stocktake status lists the open one).',
  'stocktake.noneOpen': 'No stocktake is open; name one by its id (e.g. ST-20261206-1).',
  'stocktake.alreadyOpen':
    'Stocktake {id} is still open (deadline {deadline}); close it first with "daicho stocktake close". Nothing was started.',
  'stocktake.alreadyClosed': 'Stocktake {id} was already closed ({closedAt}, {closedBy}).',
  'stocktake.itemNotFound':
    'This card is out of date: the device is not in a stocktake any more. Open the latest card.',
  'stocktake.adminOnly': 'Only an admin can do this.',
  'stocktake.noProposal': 'Device {assetNumber} has no serial number proposal to accept.',
  'stocktake.proposals.none': 'Stocktake {id}: no serial number proposal is waiting.',
  'stocktake.proposals.header':
    'Stocktake {id}: {count, plural, one {# serial number proposal} other {# serial number proposals}} waiting (accept one with daicho stocktake accept-serial ‹asset number›):',
  'stocktake.proposals.line': '  {assetNumber} ({user}): {current} → {proposed} (by {by}, {at})',
  'stocktake.serialAccepted':
    'Accepted: the serial number of {assetNumber} is now {serial} (was {previous}; history rule stocktake-serial).',
  'stocktake.serialNone': '(none)',
  'stocktake.serialGone': '{assetNumber} is no longer in the ledger; nothing was written.',
  'stocktake.proposalsWaiting':
    '{count, plural, one {# serial number proposal waits} other {# serial number proposals wait}} for an admin: daicho stocktake proposals',
  'stocktake.serialChanged':
    'The serial number of {assetNumber} changed since the proposal was made; nothing was written.',
  'stocktake.answer.badResult': 'Unknown answer; choose one of: {choices}.',
  'stocktake.answer.notText': 'The note and the serial number must be text.',
  'stocktake.answer.noteTooLong':
    'The note must be at most {max, plural, one {# character} other {# characters}}.',
  'stocktake.answer.serialTooLong':
    'The serial number must be one line of at most {max, plural, one {# character} other {# characters}}.',
  'stocktake.answer.closed': 'Stocktake {id} is closed; answers are no longer taken.',
  'stocktake.answer.pastDeadline':
    'The deadline of stocktake {id} ({deadline}) has passed; answers are no longer taken. Tell your IT admin if something is wrong.',
  'stocktake.answer.notYours':
    'You are not the user of {assetNumber} in this stocktake; only its user or an admin can answer for it.',
  'stocktake.answer.changedHands':
    'The user (利用者) of {assetNumber} changed during the stocktake, so this answer was not recorded; an IT admin will check it.',
  'stocktake.answer.gone': '{assetNumber} is no longer in the ledger; the answer was not recorded.',
  'stocktake.reason.noUser': 'no user (利用者 is empty)',
  'stocktake.reason.notUpn':
    'the user "{user}" is neither a sign-in name (name@example.com) nor in the people directory',
  'stocktake.reason.ambiguousName': 'several people in the directory are called "{user}"',
  'stocktake.reason.noTeams': '{user} has no chat with the bot in Teams yet',
  'stocktake.reason.toInstall':
    '{user} has no chat with the bot yet: it will be installed for them through Graph',
  'stocktake.reason.installPending':
    'the bot was installed for {user}; they are asked as soon as Teams opens the chat',
  'stocktake.reason.installForbidden':
    'the bot could not be installed for {user}: the app registration lacks the Graph permission TeamsAppInstallation.ReadWriteSelfForUser.All (admin consent)',
  'stocktake.reason.noSuchUser': '{user} is not a user of the Microsoft 365 tenant',
  'stocktake.reason.installFailed':
    'the bot could not be installed for {user} (Graph refused; the server log has its answer)',
  'stocktake.result.present': 'I have it',
  'stocktake.result.notMine': 'Not mine',
  'stocktake.result.lost': 'Lost',
  'stocktake.result.broken': 'Broken',
  'stocktake.result.none': 'No answer',
  'stocktake.state.toAsk': 'to ask',
  'stocktake.state.unreachable': 'cannot be asked',
  'stocktake.state.answered': 'answered',
  'stocktake.state.changedHands': 'user changed',
  'stocktake.status.open': 'open',
  'stocktake.status.closed': 'closed',
  'stocktake.dryRun':
    'Dry run: nothing was written. {devices, plural, one {# device} other {# devices}} in scope, deadline {deadline} (end of day, Japan time).',
  'stocktake.askHeader':
    '{users, plural, one {# user} other {# users}} will be asked about {devices, plural, one {# device} other {# devices}}:',
  'stocktake.askLine': '  {user}: {assets}',
  'stocktake.unreachableHeader':
    "{count, plural, one {# device} other {# devices}} cannot be asked in Teams and go to the admin's list:",
  'stocktake.unreachableLine': '  {assetNumber}: {reason}',
  'stocktake.started':
    "Started stocktake {id} (deadline {deadline}, end of day Japan time): {users, plural, one {# user} other {# users}} to ask about {asked, plural, one {# device} other {# devices}}; {unreachable, plural, one {# device} other {# devices}} on the admin's list.",
  'stocktake.resumed':
    "Stocktake {id} had been started but not all its devices were written (the start was interrupted); finished it with its own scope and deadline {deadline}: {users, plural, one {# user} other {# users}} to ask about {asked, plural, one {# device} other {# devices}}; {unreachable, plural, one {# device} other {# devices}} on the admin's list.",
  'stocktake.summary':
    'Stocktake {id} ({status}, deadline {deadline}): {total, plural, one {# device} other {# devices}}: {answered} answered, {pending} not yet, {problems, plural, one {# problem} other {# problems}}, {unreachable} cannot be asked.',
  'stocktake.departmentLine':
    '  {department}: {answered}/{total} answered, {problems, plural, one {# problem} other {# problems}}',
  'stocktake.attentionHeader': '{count, plural, one {# device} other {# devices}} to look at:',
  'stocktake.attentionLine': '  {assetNumber} ({user}): {what} {note}',
  'stocktake.noDepartment': '(department unknown)',
  'stocktake.closed':
    'Closed stocktake {id}: {answered} of {total, plural, one {# device} other {# devices}} answered.',
  'stocktake.nextStep.reassign': 'Reassign it (利用者)',
  'stocktake.nextStep.markLost': 'Mark it lost (ステータス)',
  'stocktake.nextStep.replace': 'Start the replacement workflow',
  'card.alertType.stocktake-answer': 'Stocktake answer to act on',
  'card.alert.stocktake.lost':
    '{user} answered that {assetNumber} is lost (stocktake {id}; note: {note}). Next: mark it lost, start the replacement workflow, or reassign it.',
  'card.alert.stocktake.notMine':
    '{user} says {assetNumber} is not theirs (stocktake {id}; note: {note}). Next: find who has it and reassign it, or mark it lost.',
  'card.alert.stocktake.markLost': 'Mark lost',
  'card.alert.stocktake.replace': 'Replace',
  'card.alert.stocktake.reassign': 'Change user',
  'card.alert.stocktake.newUser': 'New user (利用者)',
  'card.alert.stocktake.acceptSerial': 'Accept serial',
  'card.alert.stocktake.serialText':
    'The user also proposed the serial number {serial}; it is written only when an admin accepts it.',
  'stocktake.alert.done': 'This alert was already dealt with; nothing was changed.',
  'stocktake.alert.newUserEmpty': 'Type the new user (利用者) first; nothing was changed.',
  'stocktake.alert.newUserTooLong':
    'The new user (利用者) must be at most {max, plural, one {# character} other {# characters}}; nothing was changed.',
} satisfies CatalogPart;
