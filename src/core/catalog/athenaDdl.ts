// "Copy DDL": the Athena (Hive DDL) `CREATE EXTERNAL TABLE` that re-creates a Glue table. Every
// name and string from the catalog is treated as hostile: identifiers go in backticks (a backtick
// doubled), strings in single quotes with Hive's backslash escapes, and column types are parsed
// and re-emitted so a type text cannot smuggle in other clauses.
import type { GlueTableDetails } from './glue';

/** `name` as a Hive/Athena DDL identifier: always backticked, a backtick doubled. */
export function hiveIdentifier(name: string): string {
  if (name.includes('\0')) throw new Error('An identifier cannot contain a NUL character');
  return '`' + name.replace(/`/g, '``') + '`';
}

/** `text` as a Hive string literal. Hive reads `\'`, `\\`, `\n`, `\r`, `\t` and `\uXXXX`; two
 * adjacent quotes would be two literals glued together, so `''` is never used. */
export function hiveString(text: string): string {
  let out = "'";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + "'";
}

export class HiveTypeError extends Error {
  constructor(
    readonly typeText: string,
    readonly position: number,
    reason: string,
  ) {
    super(`Column type "${typeText}" is not a valid Hive type at character ${position + 1}: ${reason}`);
    this.name = 'HiveTypeError';
  }
}

/** Parses a Hive column type (primitive[(n[,m])], array<T>, map<K,V>, struct<name:T,…>,
 * uniontype<T,…>) and writes it back canonically; struct field names are backticked when not
 * plain words. Throws HiveTypeError with the position of anything else. */
export function normalizeHiveType(text: string): string {
  let i = 0;
  const fail = (reason: string): never => {
    throw new HiveTypeError(text, i, reason);
  };
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const word = (): string => {
    ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const expect = (ch: string): void => {
    ws();
    if (text[i] !== ch) fail(`expected "${ch}"`);
    i++;
  };
  const peek = (): string => {
    ws();
    return text[i] ?? '';
  };
  const fieldName = (): string => {
    ws();
    if (text[i] === '`') {
      let name = '';
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated `name`');
        if (text[i] === '`') {
          if (text[i + 1] === '`') {
            name += '`';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += text[i++];
      }
      return name;
    }
    return word();
  };
  const type = (): string => {
    const name = word().toLowerCase();
    if (name === 'array') {
      expect('<');
      const inner = type();
      expect('>');
      return `array<${inner}>`;
    }
    if (name === 'map') {
      expect('<');
      const k = type();
      expect(',');
      const v = type();
      expect('>');
      return `map<${k},${v}>`;
    }
    if (name === 'struct') {
      expect('<');
      const fields: string[] = [];
      if (peek() !== '>') {
        do {
          const f = fieldName();
          expect(':');
          fields.push(`${/^[A-Za-z_][A-Za-z0-9_]*$/.test(f) ? f : hiveIdentifier(f)}:${type()}`);
        } while (peek() === ',' && (i++, true));
      }
      expect('>');
      return `struct<${fields.join(',')}>`;
    }
    if (name === 'uniontype') {
      expect('<');
      const members = [type()];
      while (peek() === ',' && (i++, true)) members.push(type());
      expect('>');
      return `uniontype<${members.join(',')}>`;
    }
    if (peek() === '(') {
      i++;
      const args: string[] = [];
      do {
        ws();
        const m = /^\d+/.exec(text.slice(i));
        if (!m) fail('expected a number');
        i += m![0].length;
        args.push(m![0]);
      } while (peek() === ',' && (i++, true));
      expect(')');
      return `${name}(${args.join(',')})`;
    }
    return name;
  };
  const out = type();
  ws();
  if (i < text.length) fail('unexpected text after the type');
  return out;
}

function properties(props: Record<string, string>): string {
  return Object.entries(props)
    .map(([k, v]) => `  ${hiveString(k)}=${hiveString(v)}`)
    .join(',\n');
}

/** The CREATE EXTERNAL TABLE statement for a Glue table (views get CREATE VIEW from their text
 * only when Glue holds the original SQL; Athena views are stored encoded and are not re-created). */
export function athenaCreateTableDdl(t: GlueTableDetails): string {
  if (t.tableType === 'VIRTUAL_VIEW') {
    throw new Error(`${t.database}.${t.name} is a view; Athena stores views encoded, so there is no CREATE EXTERNAL TABLE for it`);
  }
  const column = (c: { name: string; type: string; comment?: string }): string =>
    `  ${hiveIdentifier(c.name)} ${normalizeHiveType(c.type)}${c.comment ? ` COMMENT ${hiveString(c.comment)}` : ''}`;
  const lines: string[] = [];
  lines.push(`CREATE EXTERNAL TABLE ${hiveIdentifier(t.database)}.${hiveIdentifier(t.name)} (`);
  lines.push(t.columns.map(column).join(',\n'));
  lines.push(')');
  if (t.description) lines.push(`COMMENT ${hiveString(t.description)}`);
  if (t.partitionKeys.length) lines.push(`PARTITIONED BY (\n${t.partitionKeys.map(column).join(',\n')}\n)`);
  if (t.bucketColumns.length && t.numberOfBuckets > 0) {
    const sorted = t.sortColumns.length
      ? ` SORTED BY (${t.sortColumns.map((s) => `${hiveIdentifier(s.column)} ${s.ascending ? 'ASC' : 'DESC'}`).join(', ')})`
      : '';
    lines.push(`CLUSTERED BY (${t.bucketColumns.map(hiveIdentifier).join(', ')})${sorted} INTO ${Math.floor(t.numberOfBuckets)} BUCKETS`);
  }
  if (t.serde?.library) {
    lines.push(`ROW FORMAT SERDE ${hiveString(t.serde.library)}`);
    if (Object.keys(t.serde.parameters).length) lines.push(`WITH SERDEPROPERTIES (\n${properties(t.serde.parameters)}\n)`);
  }
  if (t.inputFormat && t.outputFormat)
    lines.push(`STORED AS INPUTFORMAT ${hiveString(t.inputFormat)}\nOUTPUTFORMAT ${hiveString(t.outputFormat)}`);
  if (t.location) lines.push(`LOCATION ${hiveString(t.location)}`);
  // Glue bookkeeping that Athena rejects or recomputes is left out.
  const tblProps = Object.fromEntries(Object.entries(t.parameters).filter(([k]) => !GLUE_INTERNAL_PARAMETERS.has(k) && k !== 'EXTERNAL'));
  if (Object.keys(tblProps).length) lines.push(`TBLPROPERTIES (\n${properties(tblProps)}\n)`);
  return lines.join('\n') + ';\n';
}

const GLUE_INTERNAL_PARAMETERS = new Set([
  'transient_lastDdlTime',
  'last_modified_by',
  'last_modified_time',
  'UPDATED_BY_CRAWLER',
  'CrawlerSchemaDeserializerVersion',
  'CrawlerSchemaSerializerVersion',
  'averageRecordSize',
  'objectCount',
  'recordCount',
  'sizeKey',
]);
