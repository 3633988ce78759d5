// Test helper: runs SQL on a throwaway in-memory DuckDB and returns rows with every value as text.
import { DuckDBInstance } from '@duckdb/node-api';

export async function queryText(sql: string): Promise<(string | null)[][]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowsJS().map((row) => row.map((v) => (v === null ? null : String(v))));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export async function columnTypes(sql: string): Promise<string[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.columnTypes().map((t) => t.toString());
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
