// Streaming parser for Athena's result CSV. Athena quotes every non-NULL value (`"a"`, `""` for
// the empty string, `""` doubled inside a value) and writes NULL as an empty UNQUOTED field, so
// `,,` is NULL and `,"",` is ''. A single-column NULL row is therefore an empty line.
// (PyAthena #118 shows such a file; PyAthena's AthenaCSVReader relies on the same rule.)

export type CsvField = string | null;

/** Push decoded text in, get complete records out. Records may span any number of chunks. */
export class AthenaCsvParser {
  private buffer = '';
  /** Buffer length at which an incomplete record is worth re-scanning (avoids quadratic work on huge fields). */
  private retryAt = 0;
  /** 1-based line number of the next record (for error messages). */
  private line = 1;

  push(text: string): CsvField[][] {
    this.buffer = this.buffer ? this.buffer + text : text;
    if (this.buffer.length < this.retryAt) return [];
    return this.parse(false);
  }

  /** Call once after the last chunk. */
  end(): CsvField[][] {
    const rows = this.parse(true);
    if (this.buffer.length) throw new Error(`Malformed Athena CSV near line ${this.line}: unterminated quoted field`);
    return rows;
  }

  private parse(final: boolean): CsvField[][] {
    const s = this.buffer;
    const n = s.length;
    const rows: CsvField[][] = [];
    let pos = 0;
    outer: while (pos < n) {
      const record: CsvField[] = [];
      let p = pos;
      let newlines = 0;
      for (;;) {
        let value: CsvField;
        if (s.charCodeAt(p) === 34 /* " */) {
          let start = p + 1;
          let acc = '';
          for (;;) {
            const q = s.indexOf('"', start);
            if (q < 0 || (q + 1 === n && !final)) break outer; // need more input
            if (s.charCodeAt(q + 1) === 34) {
              acc += s.slice(start, q + 1);
              start = q + 2;
              continue;
            }
            acc += s.slice(start, q);
            p = q + 1;
            break;
          }
          for (let i = acc.indexOf('\n'); i >= 0; i = acc.indexOf('\n', i + 1)) newlines++;
          value = acc;
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
        record.push(value);
        const c = s.charCodeAt(p);
        if (c === 44) {
          p++;
          if (p === n && !final) break outer;
          if (p === n) {
            record.push(null);
            break;
          }
          continue;
        }
        if (c === 13 /* \r */ && s.charCodeAt(p + 1) === 10) p++;
        else if (c === 13 && p + 1 === n && !final) break outer;
        if (p < n && s.charCodeAt(p) !== 10) {
          throw new Error(`Malformed Athena CSV at line ${this.line}: unexpected character after a quoted field`);
        }
        p++;
        break;
      }
      rows.push(record);
      this.line += 1 + newlines;
      pos = p;
    }
    this.buffer = pos === 0 ? s : s.slice(pos);
    this.retryAt = pos === 0 && !final ? this.buffer.length * 2 : 0;
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
