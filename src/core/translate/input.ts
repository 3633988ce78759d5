// SQL files as bytes → text for the translator: a UTF-8 byte order mark is dropped, and invalid UTF-8 is
// reported with its byte offset and line/column instead of being replaced silently.

export type DecodedSql = { ok: true; text: string } | { ok: false; byteOffset: number; line: number; column: number; reason: string };

/** Byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } // no overlongs, no surrogates
    else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } // ≤ U+10FFFF
    else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

export function decodeSql(bytes: Uint8Array): DecodedSql {
  const bad = firstInvalidUtf8(bytes);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  if (bad >= 0) {
    const before = decoder.decode(bytes.subarray(0, bad));
    const lines = before.split('\n');
    const shown = Array.from(bytes.subarray(bad, bad + 4), (x) => x.toString(16).padStart(2, '0')).join(' ');
    return {
      ok: false,
      byteOffset: bad,
      line: lines.length,
      column: lines[lines.length - 1]!.length + 1,
      reason: `invalid UTF-8 at byte offset ${bad} (bytes ${shown}); save the file as UTF-8`,
    };
  }
  // TextDecoder drops a leading BOM (ignoreBOM: false).
  return { ok: true, text: decoder.decode(bytes) };
}
