// Fast UTC timestamp text in the enriched-event layout (`YYYY-MM-DD HH:MM:SS.mmm`). Generating
// and converting millions of values makes `Date#toISOString` plus string surgery too slow, so the
// date part is cached per day and the time part is built from integer arithmetic.

const MS_PER_DAY = 86_400_000;
const dayCache = new Map<number, string>();

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function pad3(n: number): string {
  return n < 10 ? '00' + n : n < 100 ? '0' + n : String(n);
}

/** `YYYY-MM-DD` for a day number since the Unix epoch (UTC); years beyond 9999 or before 0 are
 * written as `Date` would (rare, not worth a special format). */
export function formatEpochDay(day: number): string {
  let text = dayCache.get(day);
  if (text === undefined) {
    text = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (dayCache.size > 20_000) dayCache.clear();
    dayCache.set(day, text);
  }
  return text;
}

/** `HH:MM:SS` for a number of seconds into a day. */
export function formatSecondOfDay(second: number): string {
  const h = Math.floor(second / 3600);
  const m = Math.floor((second % 3600) / 60);
  return pad2(h) + ':' + pad2(m) + ':' + pad2(second % 60);
}

/** Enriched-event timestamp with milliseconds: `2024-06-03 14:05:09.123`. */
export function formatTimestampMs(epochMs: number): string {
  const day = Math.floor(epochMs / MS_PER_DAY);
  const msOfDay = epochMs - day * MS_PER_DAY;
  const second = Math.floor(msOfDay / 1000);
  return formatEpochDay(day) + ' ' + formatSecondOfDay(second) + '.' + pad3(msOfDay - second * 1000);
}

/** `YYYY-MM-DD HH:MM:SS(.fff)?`; the optional fraction may have 1 to 9 digits. */
export const ENRICHED_TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?$/;

/** True when `text` is a well-formed enriched-event timestamp naming a real calendar instant. */
export function isValidEnrichedTimestamp(text: string): boolean {
  const m = ENRICHED_TIMESTAMP_PATTERN.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}
