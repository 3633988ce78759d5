// Parses the Manifests view's date-range filter input: `FROM..TO`, either side optional, each a
// UTC date `YYYY-MM-DD` or time `YYYY-MM-DD HH:mm[:ss]`; a lone date means that whole day.
// Errors name the column where the bad part starts (the input box shows them as you type).

export interface DateRange {
  /** Inclusive bounds, ms since epoch (UTC). */
  from?: number;
  to?: number;
}

export type DateRangeResult = { ok: true; range: DateRange | undefined } | { ok: false; message: string };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function parseBound(text: string, end: boolean): number | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hasTime = m[4] !== undefined;
  const [h, mi, s] = hasTime ? [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)] : [0, 0, 0];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return undefined;
  // The end of a range given as a date (or a minute) includes all of it.
  if (!end) return t;
  if (!hasTime) return t + 86_400_000 - 1;
  return m[6] === undefined ? t + 59_999 : t + 999;
}

/** '' clears the filter (ok, range undefined). */
export function parseDateRange(input: string): DateRangeResult {
  const text = input.trim();
  if (!text) return { ok: true, range: undefined };
  const offset = input.indexOf(text);
  const sep = text.indexOf('..');
  const parts = sep < 0 ? [text, text] : [text.slice(0, sep), text.slice(sep + 2)];
  if (sep >= 0 && parts[1].includes('..'))
    return { ok: false, message: `Column ${offset + sep + 3 + parts[1].indexOf('..')}: only one ".." allowed` };
  const range: DateRange = {};
  for (const [i, raw] of parts.entries()) {
    const value = raw.trim();
    if (!value) continue;
    const col = offset + (i === 0 ? 0 : sep + 2) + raw.indexOf(value) + 1;
    const t = parseBound(value, i === 1);
    if (t === undefined)
      return { ok: false, message: `Column ${col}: "${value}" is not a UTC date YYYY-MM-DD or time YYYY-MM-DD HH:mm[:ss]` };
    if (i === 0) range.from = t;
    else range.to = t;
  }
  if (range.from === undefined && range.to === undefined) return { ok: false, message: 'Give a start, an end or both: FROM..TO' };
  if (range.from !== undefined && range.to !== undefined && range.from > range.to)
    return { ok: false, message: 'The start is after the end' };
  return { ok: true, range };
}
