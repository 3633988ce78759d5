// Go's time.Time.Format: the reference-time layout ("2006-01-02 15:04:05") applied to an instant in a
// time zone, chunk by chunk as Go's nextStdChunk reads the layout (Go 1.19 set of elements).
import { tzdataAbbreviation } from './tzdata';

/** Wall-clock fields of an instant in a zone, plus the zone's offset (seconds east of UTC) and name. */
export interface ZonedTime {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  offsetSeconds: number;
  zoneName: string;
}

const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The host's local time, as Go's time.Local sees it: fields from the JS local-time getters. */
export function localTime(epochMs: number, nanosecond = (((epochMs % 1000) + 1000) % 1000) * 1e6): ZonedTime {
  const d = new Date(epochMs);
  const offsetSeconds = -d.getTimezoneOffset() * 60;
  return {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    weekday: d.getDay(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
    nanosecond,
    offsetSeconds,
    zoneName: zoneAbbreviation(d, offsetSeconds),
  };
}

/** The zone abbreviation Go prints for MST: from the tz database file Go reads ("CET", "CEST", "JST",
 * "+04"). Where there is none (Windows), the English short name JS knows, else Go's numeric "+0100". */
function zoneAbbreviation(d: Date, offsetSeconds: number): string {
  const fromTzdata = tzdataAbbreviation(Math.floor(d.getTime() / 1000), offsetSeconds);
  if (fromTzdata !== undefined) return fromTzdata;
  if (offsetSeconds === 0 && (process.env.TZ === undefined || /^(:?UTC|Etc\/UTC|UTC0|:?)$/.test(process.env.TZ))) return 'UTC';
  const part =
    new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
  if (/^[A-Z]{2,5}$/.test(part)) return part;
  return '';
}

type Std =
  | 'longMonth'
  | 'month'
  | 'numMonth'
  | 'zeroMonth'
  | 'longWeekDay'
  | 'weekDay'
  | 'day'
  | 'underDay'
  | 'zeroDay'
  | 'hour'
  | 'hour12'
  | 'zeroHour12'
  | 'minute'
  | 'zeroMinute'
  | 'second'
  | 'zeroSecond'
  | 'longYear'
  | 'year'
  | 'PM'
  | 'pm'
  | 'tz'
  | 'iso8601TZ'
  | 'iso8601SecondsTZ'
  | 'iso8601ShortTZ'
  | 'iso8601ColonTZ'
  | 'iso8601ColonSecondsTZ'
  | 'numTZ'
  | 'numSecondsTz'
  | 'numShortTZ'
  | 'numColonTZ'
  | 'numColonSecondsTZ'
  | 'frac0'
  | 'frac9';

interface Chunk {
  prefix: string;
  std?: Std;
  fracDigits?: number;
  fracSep?: string;
  suffix: string;
}

const isDigit = (s: string, i: number): boolean => i < s.length && s[i] >= '0' && s[i] <= '9';

/** Go's nextStdChunk: the text before the first layout element, the element, and the rest. */
function nextStdChunk(layout: string): Chunk {
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i];
    const at = (s: string): boolean => layout.startsWith(s, i);
    const hit = (std: Std, len: number): Chunk => ({ prefix: layout.slice(0, i), std, suffix: layout.slice(i + len) });
    switch (c) {
      case 'J':
        if (at('Jan')) return at('January') ? hit('longMonth', 7) : hit('month', 3);
        break;
      case 'M':
        if (at('Mon')) return at('Monday') ? hit('longWeekDay', 6) : hit('weekDay', 3);
        if (at('MST')) return hit('tz', 3);
        break;
      case '0':
        if (i + 1 < layout.length && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
          return hit((['zeroMonth', 'zeroDay', 'zeroHour12', 'zeroMinute', 'zeroSecond', 'year'] as Std[])[Number(layout[i + 1]) - 1], 2);
        }
        break;
      case '1':
        return at('15') ? hit('hour', 2) : hit('numMonth', 1);
      case '2':
        return at('2006') ? hit('longYear', 4) : hit('day', 1);
      case '_':
        if (layout[i + 1] === '2') {
          // "_2006" is a literal underscore followed by the year.
          if (layout.startsWith('2006', i + 1)) return { prefix: layout.slice(0, i + 1), std: 'longYear', suffix: layout.slice(i + 5) };
          return hit('underDay', 2);
        }
        break;
      case '3':
        return hit('hour12', 1);
      case '4':
        return hit('minute', 1);
      case '5':
        return hit('second', 1);
      case 'P':
        if (layout[i + 1] === 'M') return hit('PM', 2);
        break;
      case 'p':
        if (layout[i + 1] === 'm') return hit('pm', 2);
        break;
      case '-':
        if (at('-070000')) return hit('numSecondsTz', 7);
        if (at('-07:00:00')) return hit('numColonSecondsTZ', 9);
        if (at('-0700')) return hit('numTZ', 5);
        if (at('-07:00')) return hit('numColonTZ', 6);
        if (at('-07')) return hit('numShortTZ', 3);
        break;
      case 'Z':
        if (at('Z070000')) return hit('iso8601SecondsTZ', 7);
        if (at('Z07:00:00')) return hit('iso8601ColonSecondsTZ', 9);
        if (at('Z0700')) return hit('iso8601TZ', 5);
        if (at('Z07:00')) return hit('iso8601ColonTZ', 6);
        if (at('Z07')) return hit('iso8601ShortTZ', 3);
        break;
      case '.':
      case ',':
        if (i + 1 < layout.length && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
          const ch = layout[i + 1];
          let j = i + 1;
          while (j < layout.length && layout[j] === ch) j++;
          if (!isDigit(layout, j)) {
            return {
              prefix: layout.slice(0, i),
              std: ch === '0' ? 'frac0' : 'frac9',
              fracDigits: j - (i + 1),
              fracSep: c,
              suffix: layout.slice(j),
            };
          }
        }
        break;
    }
  }
  return { prefix: layout, suffix: '' };
}

const two = (n: number): string => (n < 10 ? '0' : '') + n;

function appendInt(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
}

export function formatGoTime(t: ZonedTime, layout: string): string {
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const chunk = nextStdChunk(rest);
    out += chunk.prefix;
    if (!chunk.std) break;
    rest = chunk.suffix;
    const hr12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
    switch (chunk.std) {
      case 'year':
        out += two(((t.year % 100) + 100) % 100);
        break;
      case 'longYear':
        out += appendInt(t.year, 4);
        break;
      case 'month':
        out += LONG_MONTHS[t.month - 1].slice(0, 3);
        break;
      case 'longMonth':
        out += LONG_MONTHS[t.month - 1];
        break;
      case 'numMonth':
        out += t.month;
        break;
      case 'zeroMonth':
        out += two(t.month);
        break;
      case 'weekDay':
        out += LONG_DAYS[t.weekday].slice(0, 3);
        break;
      case 'longWeekDay':
        out += LONG_DAYS[t.weekday];
        break;
      case 'day':
        out += t.day;
        break;
      case 'underDay':
        out += (t.day < 10 ? ' ' : '') + t.day;
        break;
      case 'zeroDay':
        out += two(t.day);
        break;
      case 'hour':
        out += two(t.hour);
        break;
      case 'hour12':
        out += hr12;
        break;
      case 'zeroHour12':
        out += two(hr12);
        break;
      case 'minute':
        out += t.minute;
        break;
      case 'zeroMinute':
        out += two(t.minute);
        break;
      case 'second':
        out += t.second;
        break;
      case 'zeroSecond':
        out += two(t.second);
        break;
      case 'PM':
        out += t.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += t.hour >= 12 ? 'pm' : 'am';
        break;
      case 'frac0':
      case 'frac9': {
        const digits = String(t.nanosecond).padStart(9, '0').slice(0, chunk.fracDigits);
        if (chunk.std === 'frac0') out += chunk.fracSep + digits;
        else {
          const trimmed = digits.replace(/0+$/, '');
          if (trimmed !== '') out += chunk.fracSep + trimmed;
        }
        break;
      }
      case 'tz':
        if (t.zoneName !== '') {
          out += t.zoneName;
          break;
        }
        out += numericZone(t.offsetSeconds, false, true, false);
        break;
      default: {
        const iso = chunk.std.startsWith('iso');
        if (iso && t.offsetSeconds === 0) {
          out += 'Z';
          break;
        }
        const colon = chunk.std.includes('Colon');
        const short = chunk.std.endsWith('ShortTZ');
        const seconds = /SecondsT[Zz]$/.test(chunk.std);
        out += numericZone(t.offsetSeconds, colon, !short, seconds);
      }
    }
  }
  return out;
}

function numericZone(offset: number, colon: boolean, minutes: boolean, seconds: boolean): string {
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let s = '+';
  if (zone < 0) {
    s = '-';
    zone = -zone;
    abs = -abs;
  }
  s += two(Math.trunc(zone / 60));
  if (minutes) s += (colon ? ':' : '') + two(zone % 60);
  if (seconds) s += (colon ? ':' : '') + two(abs % 60);
  return s;
}
