// What each engine itself returns for a statement, computed in the test process without the
// extension: DuckDB through @duckdb/node-api, PostgreSQL through `pg` and psql. Values are the
// engine's own text (DuckDB's VARCHAR cast, PostgreSQL's text output), which is what the grid shows
// for the column types the scenario uses (integers, text, decimals, dates, NULL).
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestPostgres } from '../../support/postgres';

export type TextRow = (string | null)[];
export interface TextResult {
  columns: string[];
  rows: TextRow[];
}

type DuckDb = {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ columnNames(): string[]; getRows(): unknown[][] }>;
  closeSync(): void;
};

/** A fresh in-memory DuckDB (the local engine's and the loopback Athena's database engine). */
export async function openDuckDb(): Promise<DuckDb & { dispose(): void }> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  return Object.assign(connection as unknown as DuckDb, {
    dispose: () => {
      connection.closeSync();
      instance.closeSync();
    },
  });
}

/** DuckDB's rows for `sql`, each value as DuckDB casts it to VARCHAR. */
export async function duckDbText(db: DuckDb, sql: string): Promise<TextResult> {
  const reader = await db.runAndReadAll(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (${sql})`);
  return { columns: reader.columnNames(), rows: reader.getRows().map((r) => r.map((v) => (v === null ? null : String(v)))) };
}

/** DuckDB's own CSV of `sql`: `COPY (…) TO file (HEADER)`. */
export async function duckDbCsv(db: DuckDb, sql: string, file: string): Promise<void> {
  await db.run(`COPY (${sql}) TO '${file.replace(/'/g, "''")}' (FORMAT csv, HEADER)`);
}

/** PostgreSQL's rows for `sql` over the wire, each value as the server's text. */
export async function postgresText(server: TestPostgres, sql: string): Promise<TextResult> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    password: server.password,
    database: server.database,
    types: { getTypeParser: () => (v: string) => v },
  });
  await client.connect();
  try {
    const r = await client.query<TextRow>({ text: sql, rowMode: 'array' });
    return { columns: r.fields.map((f) => f.name), rows: r.rows.map((row) => row.map((v) => (v === null ? null : String(v)))) };
  } finally {
    await client.end();
  }
}

/** PostgreSQL's own CSV of `sql`, as `psql -c "COPY (…) TO STDOUT (FORMAT csv, HEADER)"` (what
 * psql's `\copy … TO file` writes) into `file`. */
export function postgresCsv(server: TestPostgres, sql: string, file: string): void {
  const fd = openSync(file, 'w');
  try {
    const r = spawnSync(
      path.join(server.binDir, 'psql'),
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        server.host,
        '-p',
        String(server.port),
        '-U',
        server.user,
        '-d',
        server.database,
        '-c',
        `COPY (${sql}) TO STDOUT (FORMAT csv, HEADER)`,
      ],
      { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, PGPASSWORD: server.password }, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`psql COPY failed (${r.status}): ${r.stderr}`);
  } finally {
    closeSync(fd);
  }
}

/** RFC 4180 CSV (CRLF or LF line ends). An unquoted empty field is NULL; `""` is the empty
 * string, so the two stay apart as both DuckDB and PostgreSQL write them. */
export function parseCsv(text: string): TextRow[] {
  const rows: TextRow[] = [];
  let row: TextRow = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let value: string | null;
    if (text[i] === '"') {
      let out = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quoted field at offset ${i}`);
        out += text.slice(i, q);
        if (text[q + 1] === '"') {
          out += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = out;
    } else {
      let j = i;
      while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
      value = j === i ? null : text.slice(i, j);
      i = j;
    }
    row.push(value);
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = text[i];
    if (c === ',') {
      i++;
      if (i >= n) {
        row.push(null);
        rows.push(row);
      }
    } else if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      rows.push(row);
      row = [];
    } else {
      throw new Error(`unexpected ${JSON.stringify(c)} after a field at offset ${i}`);
    }
  }
  return rows;
}

/** What the grid shows for a value: NULL as `NULL`. */
export function gridText(value: string | null): string {
  return value === null ? 'NULL' : value;
}
