// Streaming parser for Athena's result CSV. Athena quotes every non-NULL value (`"a"`, `""` for
// the empty string, `""` doubled inside a value) and writes NULL as an empty UNQUOTED field, so
// `,,` is NULL and `,"",` is ''. A single-column NULL row is therefore an empty line.
// (PyAthena #118 shows such a file; PyAthena's AthenaCSVReader relies on the same rule.)
//
// Hot path for 1M-row results: one pass over each decoded chunk, `indexOf` to find closing
// quotes, values sliced straight out of the chunk and handed to a per-column converter, so no
// intermediate string-array per record is built.

export type CsvField = string | null;

/** Turns the text of field `column` (null = NULL) into whatever the caller stores. */
export type FieldConverter<T> = (column: number, text: CsvField) => T;

const identity: FieldConverter<CsvField> = (_column, text) => text;

/** Push decoded text in, get complete records out. Records may span any number of chunks. */
export class AthenaCsvParser<T = CsvField> {
  private buffer = '';
  /** Buffer length at which an incomplete record is worth re-scanning (avoids quadratic work on huge fields). */
  private retryAt = 0;
  /** 1-based number of the next record (for error messages). */
  private record = 1;
  /** Fields in the first record (the header): later records are allocated at that exact size
   * (a grown `[]` reserves ~17 slots, tripling the memory of a 6-column million-row result). */
  private width = 0;

  constructor(private readonly convert: FieldConverter<T> = identity as unknown as FieldConverter<T>) {}

  push(text: string): T[][] {
    this.buffer = this.buffer ? this.buffer + text : text;
    if (this.buffer.length < this.retryAt) return [];
    return this.parse(false);
  }

  /** Call once after the last chunk. */
  end(): T[][] {
    const rows = this.parse(true);
    if (this.buffer.length) throw new Error(`Malformed Athena CSV in record ${this.record}: unterminated quoted field`);
    return rows;
  }

  private parse(final: boolean): T[][] {
    let s = this.buffer;
    // A concatenated (cons) string is slow to index char by char; `| 0` makes V8 flatten it once.
    void ((s as unknown as number) | 0);
    const n = s.length;
    const rows: T[][] = [];
    const convert = this.convert;
    const width = this.width;
    let pos = 0;
    outer: while (pos < n) {
      const record: T[] = width ? new Array<T>(width) : [];
      let f = 0;
      let p = pos;
      for (;;) {
        let value: CsvField;
        if (s.charCodeAt(p) === 34 /* " */) {
          const q = s.indexOf('"', p + 1);
          if (q < 0 || (q + 1 === n && !final)) break outer; // need more input
          if (s.charCodeAt(q + 1) !== 34) {
            value = s.slice(p + 1, q); // common case: no doubled quote inside
            p = q + 1;
          } else {
            let acc = s.slice(p + 1, q + 1);
            let start = q + 2;
            for (;;) {
              const r = s.indexOf('"', start);
              if (r < 0 || (r + 1 === n && !final)) break outer;
              if (s.charCodeAt(r + 1) === 34) {
                acc += s.slice(start, r + 1);
                start = r + 2;
                continue;
              }
              value = acc + s.slice(start, r);
              p = r + 1;
              break;
            }
          }
        } else {
          let e = p;
          while (e < n) {
            const c = s.charCodeAt(e);
            if (c === 44 /* , */ || c === 10 /* \n */) break;
            e++;
          }
          if (e === n && !final) break outer;
          let text = s.slice(p, e);
          if (text.endsWith('\r')) text = text.slice(0, -1);
          value = text === '' ? null : text;
          p = e;
        }
        record[f] = convert(f, value!);
        f++;
        const c = s.charCodeAt(p);
        if (c === 44) {
          p++;
          if (p === n && !final) break outer;
          if (p === n) {
            record[f] = convert(f, null);
            f++;
            break;
          }
          continue;
        }
        if (c === 13 /* \r */ && s.charCodeAt(p + 1) === 10) p++;
        else if (c === 13 && p + 1 === n && !final) break outer;
        if (p < n && s.charCodeAt(p) !== 10) {
          throw new Error(`Malformed Athena CSV in record ${this.record}: unexpected character after a quoted field`);
        }
        p++;
        break;
      }
      if (f < record.length) record.length = f; // a short record: report its real width
      if (!this.width) this.width = f;
      rows.push(record);
      this.record++;
      pos = p;
    }
    this.buffer = pos === 0 ? s : s.slice(pos);
    this.retryAt = pos === 0 && !final ? this.buffer.length * 2 : 0;
    s = '';
    return rows;
  }
}

/** Writes one record in Athena's CSV dialect (used by the loopback server and tests). */
export function formatAthenaCsvRecord(fields: readonly CsvField[]): string {
  let out = '';
  for (let i = 0; i < fields.length; i++) {
    if (i) out += ',';
    const v = fields[i];
    if (v !== null) out += '"' + (v.includes('"') ? v.replace(/"/g, '""') : v) + '"';
  }
  return out + '\n';
}
