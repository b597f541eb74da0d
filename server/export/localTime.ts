/**
 * Times in exports as Dutch people read them: Europe/Amsterdam, with the offset written out
 * so scripts still get the exact moment ("2026-11-22T10:00:00+01:00"; in summer +02:00).
 */
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const pad = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock fields in Amsterdam of the moment `ms`. */
function amsterdamFields(ms: number): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const get = (type: string, list: Intl.DateTimeFormatPart[]) => Number(list.find((p) => p.type === type)?.value);
  const list = parts.formatToParts(new Date(ms));
  return { y: get('year', list), mo: get('month', list), d: get('day', list), h: get('hour', list), mi: get('minute', list), s: get('second', list) };
}

/** ISO 8601 in Amsterdam time with its offset; '' for a missing time. */
export function amsterdamIso(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const f = amsterdamFields(ms);
  // The offset is the difference between the wall clock read as UTC and the real moment.
  const wallAsUtc = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s);
  const offsetMin = Math.round((wallAsUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${f.y}-${pad(f.mo)}-${pad(f.d)}T${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * A Date whose UTC fields are Amsterdam's wall clock: what spreadsheets (which have no time
 * zones) should show. exceljs writes a Date by its UTC fields.
 */
export function amsterdamWallDate(ms: number): Date {
  const f = amsterdamFields(ms);
  return new Date(Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s));
}
