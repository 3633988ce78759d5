// The local zone's abbreviation at an instant ("CET", "CEST", "JST", "+04"), read as Go's time.Local
// reads it (zoneinfo_unix.go, Go 1.19): the TZif file named by $TZ, or /etc/localtime when TZ is unset.
import { readFileSync } from 'node:fs';

interface ZoneType {
  offset: number;
  isDst: boolean;
  abbreviation: string;
}
interface TzFile {
  /** Transition times (seconds since the epoch) and the type in force from each. */
  times: number[];
  typeIndex: number[];
  types: ZoneType[];
  /** After the last transition: the POSIX TZ footer's names and offsets (seconds east of UTC). */
  footer?: { std: string; stdOffset: number; dst?: string; dstOffset?: number };
}

const SOURCES = ['/usr/share/zoneinfo/', '/usr/share/lib/zoneinfo/', '/usr/lib/locale/TZ/'];

let loaded: { tz: string | undefined; file: TzFile | undefined } | undefined;

/** The TZif file Go would load for $TZ; undefined when Go falls back to UTC or there is none (Windows). */
function localFile(): TzFile | undefined {
  const env = process.env.TZ;
  if (loaded && loaded.tz === env) return loaded.file;
  let candidates: string[] = [];
  if (env === undefined) candidates = ['/etc/localtime'];
  else {
    const tz = env.startsWith(':') ? env.slice(1) : env;
    if (tz.startsWith('/')) candidates = [tz];
    else if (tz !== '' && tz !== 'UTC' && !tz.includes('..')) candidates = SOURCES.map((dir) => dir + tz);
  }
  let file: TzFile | undefined;
  for (const path of candidates) {
    try {
      file = parseTzif(readFileSync(path));
      if (file) break;
    } catch {
      // not there: the next source, as Go tries them
    }
  }
  loaded = { tz: env, file };
  return file;
}

/** Go's abbreviation of the local zone at `epochSeconds`, or undefined when no tz database file applies. */
export function tzdataAbbreviation(epochSeconds: number, offsetSeconds: number): string | undefined {
  const f = localFile();
  if (!f || f.types.length === 0) return undefined;
  const { times } = f;
  if (times.length === 0 || epochSeconds < times[0]) {
    // Go's lookupFirstZone: the first standard-time type.
    return (f.types.find((t) => !t.isDst) ?? f.types[0]).abbreviation;
  }
  if (epochSeconds >= times[times.length - 1] && f.footer) {
    const { footer } = f;
    return footer.dst !== undefined && offsetSeconds === footer.dstOffset && offsetSeconds !== footer.stdOffset ? footer.dst : footer.std;
  }
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times[mid] <= epochSeconds) lo = mid;
    else hi = mid - 1;
  }
  return f.types[f.typeIndex[lo]]?.abbreviation;
}

/** RFC 8536 TZif, version 1 data or (when present) the 64-bit version 2+ data and its footer. */
function parseTzif(buf: Buffer): TzFile | undefined {
  if (buf.length < 44 || buf.toString('latin1', 0, 4) !== 'TZif') return undefined;
  const version = buf[4];
  const counts = (at: number): number[] => [0, 1, 2, 3, 4, 5].map((k) => buf.readUInt32BE(at + 20 + 4 * k));
  let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(0);
  let at = 44;
  let timeSize = 4;
  if (version >= 0x32 /* '2' */) {
    at += timecnt * 4 + timecnt + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
    if (buf.toString('latin1', at, at + 4) !== 'TZif') return undefined;
    [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(at);
    at += 44;
    timeSize = 8;
  }
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++) times.push(timeSize === 8 ? Number(buf.readBigInt64BE(at + 8 * i)) : buf.readInt32BE(at + 4 * i));
  at += timecnt * timeSize;
  const typeIndex = [...buf.subarray(at, at + timecnt)];
  at += timecnt;
  const typesAt = at;
  at += typecnt * 6;
  const chars = buf.toString('latin1', at, at + charcnt);
  at += charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  const types: ZoneType[] = [];
  for (let i = 0; i < typecnt; i++) {
    const p = typesAt + 6 * i;
    const index = buf[p + 5];
    const end = chars.indexOf('\0', index);
    types.push({ offset: buf.readInt32BE(p), isDst: buf[p + 4] !== 0, abbreviation: chars.slice(index, end < 0 ? undefined : end) });
  }
  let footer: TzFile['footer'];
  if (timeSize === 8 && buf[at] === 0x0a) {
    const end = buf.indexOf(0x0a, at + 1);
    footer = parseFooter(buf.toString('latin1', at + 1, end < 0 ? buf.length : end));
  }
  return { times, typeIndex, types, footer };
}

/** The names and offsets of a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3", "<+04>-4", "JST-9"). */
function parseFooter(s: string): TzFile['footer'] {
  const m = /^(<[^>]*>|[A-Za-z]+)([+-]?[\d:]+)(?:(<[^>]*>|[A-Za-z]+)([+-]?[\d:]+)?)?(?:,|$)/.exec(s);
  if (!m) return undefined;
  const name = (x: string): string => (x.startsWith('<') ? x.slice(1, -1) : x);
  // POSIX offsets are west of UTC: "CET-1" is an hour east.
  const offset = (x: string): number => {
    const sign = x.startsWith('-') ? 1 : -1;
    const [h = 0, mi = 0, se = 0] = x.replace(/^[+-]/, '').split(':').map(Number);
    return sign * (h * 3600 + mi * 60 + se);
  };
  const stdOffset = offset(m[2]);
  return {
    std: name(m[1]),
    stdOffset,
    dst: m[3] ? name(m[3]) : undefined,
    dstOffset: m[3] ? (m[4] ? offset(m[4]) : stdOffset + 3600) : undefined,
  };
}
