/**
 * A time as the CLI prints it for a person: "2026-12-06 16:57:59 +09:00", in the zone of the
 * machine (TZ), with that zone's offset, so a reader never has to guess whether it is UTC.
 * JSON and CSV keep ISO 8601 UTC; only text for people goes through here.
 */
export function cliTime(at: Date | string | null | undefined): string {
  if (at === null || at === undefined || at === '') return '-';
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return String(at);
  const parts = formatter().formatToParts(date);
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')} ${offset(p('timeZoneName'))}`;
}

let cached: Intl.DateTimeFormat | undefined;

function formatter(): Intl.DateTimeFormat {
  return (cached ??= new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'longOffset',
  }));
}

/** "GMT+09:00" → "+09:00"; "GMT" (UTC itself) → "+00:00". */
function offset(name: string): string {
  const m = /([+-]\d{2}:\d{2})$/.exec(name);
  return m ? m[1] : '+00:00';
}
