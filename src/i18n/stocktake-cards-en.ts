import type { CatalogPart } from './catalog';

/** English: the stocktake (棚卸) cards and answers in Teams (src/cards/stocktake-*.ts, bot handlers). */
export const stocktakeCardsEn = {
  'card.stocktake.start.title': 'Start a stocktake (棚卸)',
  'card.stocktake.start.intro':
    'Each device user is asked about their devices in their chat with the bot. Choose the devices (all, when the fields are empty) and the last day for answers; the preview shows who will be asked before anything is sent.',
  'card.stocktake.allSources': 'All sources',
  'card.stocktake.statusPlaceholder': 'e.g. 利用中',
  'card.stocktake.typePlaceholder': 'e.g. PC',
  'card.stocktake.userPlaceholder': 'Part of the name',
  'card.stocktake.deadline': 'Last day for answers',
  'card.stocktake.deadlineRequired': 'Choose the last day for answers.',
  'card.stocktake.preview': 'Preview',
  'card.stocktake.preview.title': 'Stocktake preview',
  'card.stocktake.preview.intro':
    'Nothing has been sent yet. Start sends one card to each user; the devices below cannot be asked in Teams and are left for an admin to check.',
  'card.stocktake.scope': 'Devices',
  'card.stocktake.scope.all': 'All devices',
  'card.stocktake.deadlineValue': '{deadline} (end of day, Japan time)',
  'card.stocktake.users': 'Users to ask',
  'card.stocktake.asked': 'Devices asked about',
  'card.stocktake.unreachable': 'Cannot be asked',
  'card.stocktake.unreachableHeader': 'Cannot be asked in Teams (an admin checks these):',
  'card.stocktake.unreachableLine': '{assetNumber}: {reason}',
  'card.stocktake.start': 'Start',
  'card.stocktake.cancelled': 'Cancelled; no stocktake was started.',
  'card.stocktake.progress.title': 'Stocktake {id}',
  'card.stocktake.progress.open': 'Open until {deadline} (end of day, Japan time).',
  'card.stocktake.progress.closed': 'Closed {at} by {by}; answers are no longer taken.',
  'card.stocktake.progress.sent':
    'Ask cards: {sent, plural, one {# user} other {# users}} asked; {failed} could not be reached (the report lists them).',
  'card.stocktake.count.total': 'Devices',
  'card.stocktake.count.answered': 'Answered',
  'card.stocktake.count.pending': 'Not yet',
  'card.stocktake.count.problems': 'Problems',
  'card.stocktake.departments': 'Per department',
  'card.stocktake.departmentLine':
    '{department}: {answered}/{total} answered, {problems, plural, one {# problem} other {# problems}}',
  'card.stocktake.noDepartment': 'Department unknown',
  'card.stocktake.attention': 'To look at',
  'card.stocktake.attentionLine': '{assetNumber} ({user}): {what}',
  'card.stocktake.close': 'Close',
  'card.stocktake.report': 'Report CSV',
  'card.stocktake.ask.title': 'Stocktake (棚卸): your devices',
  'card.stocktake.ask.intro':
    'IT asks you to confirm the devices registered to you, by {deadline}. Choose an answer for each device and press Send. You can change your answers until then.',
  'card.stocktake.ask.answer': 'Your answer',
  'card.stocktake.ask.choose': 'Choose',
  'card.stocktake.ask.note': 'Note (optional)',
  'card.stocktake.ask.serial': 'Right serial number (only if the one above is wrong)',
  'card.stocktake.ask.send': 'Send',
  'card.stocktake.ask.recorded': 'Recorded: {result} ({at})',
  'card.stocktake.ask.saved':
    '{count, plural, one {# answer was} other {# answers were}} recorded. You can change them until {deadline}.',
  'card.stocktake.ask.nothingChosen': 'Choose an answer for at least one device, then press Send.',
  'card.stocktake.ask.summary': 'Please confirm your devices (棚卸) by {deadline}',
  'card.stocktake.ask.forUser': 'Devices of {user}',
  'card.stocktake.ask.reminder':
    'Reminder: {count, plural, one {# device is} other {# devices are}} still waiting for your answer. Please answer by {deadline}.',
  'card.stocktake.ask.reminderSummary':
    'Reminder: please confirm your devices (棚卸) by {deadline}',
  'card.stocktake.progress.closedByDeadline':
    'Closed {at}: the deadline {deadline} passed. Answers are no longer taken.',
  'stocktake.bot.progressSummary': 'Stocktake {id}: progress',
  'stocktake.bot.unavailable': 'Stocktakes are not available on this server.',
  'stocktake.bot.deadlineClosed':
    'Stocktake {id} closed itself: its deadline {deadline} passed. {total, plural, one {# device} other {# devices}}: {answered} answered, {pending} not answered, {problems, plural, one {# problem} other {# problems}}. The report CSV is on the progress card.',
  'card.stocktake.proposals': 'Serial numbers proposed by users',
  'card.stocktake.proposalLine': '{assetNumber}: {current} → {proposed}',
  'card.rule.stocktake': 'stocktake answer',
  'card.rule.stocktake-serial': 'serial accepted from a stocktake',
  'card.rule.stocktake-alert': 'stocktake alert acted on',
} satisfies CatalogPart;
