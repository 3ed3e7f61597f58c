import { formatDateTime } from '../../src/cards/format';

describe('formatDateTime', () => {
  const at = new Date('2024-04-30T23:45:00Z');

  it('writes the time in the zone asked for, Tokyo by default, and names the zone', () => {
    expect(formatDateTime(at)).toBe('2024-05-01 08:45 JST');
    expect(formatDateTime(at, 'UTC')).toBe('2024-04-30 23:45 UTC');
    expect(formatDateTime(at, 'America/New_York')).toBe('2024-04-30 19:45 UTC-4');
    expect(formatDateTime('2024-01-15T00:00:00Z', 'America/New_York')).toBe(
      '2024-01-14 19:00 UTC-5',
    );
    expect(formatDateTime(at, 'Asia/Kolkata')).toBe('2024-05-01 05:15 UTC+5:30');
  });

  it('keeps each zone apart when calls alternate (one formatter per zone)', () => {
    const zones = ['Asia/Tokyo', 'UTC', 'Asia/Tokyo', 'Europe/London', 'UTC'];
    expect(zones.map((z) => formatDateTime('2024-01-15T00:00:00Z', z))).toEqual([
      '2024-01-15 09:00 JST',
      '2024-01-15 00:00 UTC',
      '2024-01-15 09:00 JST',
      '2024-01-15 00:00 UTC',
      '2024-01-15 00:00 UTC',
    ]);
  });

  it('shows an unreadable date as the text it was, and nothing for none', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime(null)).toBe('');
  });

  it('refuses an unknown zone every time, not only the first', () => {
    expect(() => formatDateTime(at, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => formatDateTime(at, 'Mars/Olympus')).toThrow(RangeError);
  });
});
