import { inReminderWindow, REMINDER_WINDOW } from '../../src/stocktake/stocktake-follow-up';

/** A moment in Japan time; 2030-01-07 is a Monday. */
const jst = (at: string) => new Date(`${at.replace(' ', 'T')}:00+09:00`);

describe('the stocktake reminder window: weekdays 9:00–18:00 Japan time', () => {
  it.each([
    ['2030-01-07 08:59', false], // Monday, before nine
    ['2030-01-07 09:00', true],
    ['2030-01-07 17:59', true],
    ['2030-01-07 18:00', false],
    ['2030-01-07 00:30', false], // Monday in Japan, still Sunday in UTC: night anyway
    ['2030-01-11 17:30', true], // Friday
    ['2030-01-11 23:30', false], // Friday night (Friday 14:30 UTC)
    ['2030-01-12 10:00', false], // Saturday
    ['2030-01-13 10:00', false], // Sunday
    ['2030-01-14 09:00', true], // Monday 9:00 Japan = Monday 00:00 UTC
  ])('%s JST → %s', (at, inside) => {
    expect(inReminderWindow(jst(at))).toBe(inside);
  });

  it('is the documented window, and another window can be given', () => {
    expect(REMINDER_WINDOW).toEqual({ days: [1, 2, 3, 4, 5], fromHour: 9, toHour: 18 });
    const saturdays = { days: [6], fromHour: 0, toHour: 24 };
    expect(inReminderWindow(jst('2030-01-12 03:00'), saturdays)).toBe(true);
    expect(inReminderWindow(jst('2030-01-07 10:00'), saturdays)).toBe(false);
  });
});
