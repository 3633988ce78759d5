// The SQL-catalog sources on real engines: the local DuckDB with the generated sample
// `atomic.events` (the embedded default's Catalog view) and PostgreSQL; names with quotes and
// wildcards travel as escaped literals.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { catalogSourceFor } from '../../../src/core/catalog/sources';
import { EngineCatalogSource, sqlString } from '../../../src/core/catalog/engineCatalog';
import type { CatalogSource, CatalogTable } from '../../../src/core/catalog/types';
import { createLocalEngine } from '../../../src/core/engines/duckdb/localEngine';
import { createPostgresEngine } from '../../../src/core/engines/postgres/engine';
import type { Engine } from '../../../src/core/engines/engine';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { ATOMIC_EVENTS_COLUMNS } from '../../../src/core/events/fields';

async function flat<T>(it: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of it) out.push(...page);
  return out;
}

const ODD_SCHEMA = "o'dd %_schema";

describe('local DuckDB with the sample events', () => {
  let engine: Engine;
  let source: CatalogSource;
  let cacheDir: string;
  before(async () => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'dw-catalog-'));
    engine = createLocalEngine({ sampleData: { events: 500, users: 20, days: 1 }, cacheDir });
    await engine.connect();
    for (const sql of [
      `CREATE SCHEMA "${ODD_SCHEMA}"`,
      `CREATE TABLE "${ODD_SCHEMA}"."t""x" (a INTEGER, "B c" VARCHAR)`,
      `CREATE VIEW atomic.page_views AS SELECT event_id FROM atomic.events`,
      `CREATE SCHEMA o_dd`,
      `CREATE TABLE o_dd.decoy (z INTEGER)`,
    ]) {
      for await (const _ of (await engine.execute(sql)).pages) void _;
    }
    source = await catalogSourceFor({ name: 'Local (DuckDB)', kind: 'local', sampleData: true }, { engine });
  });
  after(async () => {
    await engine.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  test('schemas include atomic, without DuckDB internals', async () => {
    const schemas = await flat(source.listSchemas());
    assert.ok(schemas.includes('atomic'));
    assert.ok(schemas.includes(ODD_SCHEMA));
    assert.ok(!schemas.includes('information_schema') && !schemas.includes('pg_catalog'));
    assert.equal(source.dialect, 'duckdb');
  });

  test('atomic has the events table and the view, with their kinds', async () => {
    const tables = await flat(source.listTables('atomic'));
    assert.deepEqual(
      tables.map((t: CatalogTable) => [t.name, t.kind]),
      [
        ['events', 'table'],
        ['page_views', 'view'],
      ],
    );
  });

  test('atomic.events columns are the canonical list with DuckDB types', async () => {
    const cols = await source.listColumns('atomic', 'events');
    assert.deepEqual(
      cols.map((c) => c.name),
      ATOMIC_EVENTS_COLUMNS.map((f) => f.name),
    );
    assert.equal(cols.find((c) => c.name === 'collector_tstamp')?.type, 'TIMESTAMP');
  });

  test('a schema named with a quote and LIKE wildcards is matched exactly', async () => {
    assert.deepEqual(
      (await flat(source.listTables(ODD_SCHEMA))).map((t) => t.name),
      ['t"x'],
    );
    assert.deepEqual(
      (await source.listColumns(ODD_SCHEMA, 't"x')).map((c) => [c.name, c.type]),
      [
        ['a', 'INTEGER'],
        ['B c', 'VARCHAR'],
      ],
    );
    assert.deepEqual(await source.listColumns(ODD_SCHEMA, "t' OR '1'='1"), []);
  });
});

describe('PostgreSQL', () => {
  let postgres: TestPostgres;
  let engine: Engine;
  let source: EngineCatalogSource;
  before(async () => {
    postgres = await startPostgres();
    const c = new pg.Client({
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      password: postgres.password,
      database: postgres.database,
    });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${ODD_SCHEMA.replace(/'/g, "''")}" CASCADE; CREATE SCHEMA "${ODD_SCHEMA}";
      CREATE TABLE "${ODD_SCHEMA}".orders (id bigint, note varchar(40), amount numeric(10,2));
      COMMENT ON TABLE "${ODD_SCHEMA}".orders IS 'the orders';
      COMMENT ON COLUMN "${ODD_SCHEMA}".orders.note IS 'free text';
      CREATE MATERIALIZED VIEW "${ODD_SCHEMA}".mv AS SELECT id FROM "${ODD_SCHEMA}".orders;`);
    await c.end();
    engine = createPostgresEngine(
      {
        name: 'pg',
        kind: 'postgres',
        host: postgres.host,
        port: postgres.port,
        database: postgres.database,
        user: postgres.user,
        ssl: 'disable',
      },
      { password: postgres.password },
    );
    source = (await catalogSourceFor(
      { name: 'pg', kind: 'postgres', host: postgres.host, port: postgres.port, database: postgres.database, user: postgres.user },
      { engine },
    )) as EngineCatalogSource;
  });
  after(async () => {
    await engine.dispose();
    await postgres.stop();
  });

  test('schemas without pg_ internals; tables with kinds and comments; columns with full types and comments', async () => {
    const schemas = await flat(source.listSchemas());
    assert.ok(schemas.includes(ODD_SCHEMA) && schemas.includes('public'));
    assert.ok(!schemas.some((s) => s.startsWith('pg_')) && !schemas.includes('information_schema'));
    assert.deepEqual(await flat(source.listTables(ODD_SCHEMA)), [
      { schema: ODD_SCHEMA, name: 'mv', kind: 'view' },
      { schema: ODD_SCHEMA, name: 'orders', kind: 'table', comment: 'the orders' },
    ]);
    assert.deepEqual(await source.listColumns(ODD_SCHEMA, 'orders'), [
      { name: 'id', type: 'bigint' },
      { name: 'note', type: 'character varying(40)', comment: 'free text' },
      { name: 'amount', type: 'numeric(10,2)' },
    ]);
  });

  test('a name with a backslash and a quote stays a literal even with standard_conforming_strings off', async () => {
    const name = "x\\' OR true --";
    const c = new pg.Client({
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      password: postgres.password,
      database: postgres.database,
    });
    await c.connect();
    await c.query(
      `DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(name)} CASCADE; CREATE SCHEMA ${pg.escapeIdentifier(name)}; CREATE TABLE ${pg.escapeIdentifier(name)}.only_me (v int)`,
    );
    await c.end();
    for await (const _ of (await engine.execute('SET standard_conforming_strings = off')).pages) void _;
    try {
      assert.deepEqual(
        (await flat(source.listTables(name))).map((t) => t.name),
        ['only_me'],
      );
      assert.deepEqual(
        (await source.listColumns(name, 'only_me')).map((col) => col.name),
        ['v'],
      );
    } finally {
      for await (const _ of (await engine.execute('SET standard_conforming_strings = on')).pages) void _;
    }
  });

  test('sqlString per dialect: quotes doubled (DuckDB), dollar quotes (PostgreSQL), backslashes doubled too (Redshift); NUL refused', () => {
    assert.equal(sqlString("a'b\\c"), "'a''b\\c'");
    assert.equal(sqlString("a'b\\c", 'redshift'), "'a''b\\\\c'");
    assert.equal(sqlString("a'b", 'postgres'), "$n$a'b$n$");
    assert.equal(sqlString('x$n$y$n', 'postgres'), '$nn$x$n$y$n$nn$');
    assert.throws(() => sqlString('a\0'), /NUL/);
  });
});
