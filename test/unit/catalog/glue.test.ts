// The Glue Data Catalog model with the real @aws-sdk/client-glue against the loopback Glue:
// databases → tables → columns (partition keys marked) → partitions paged, name filtering,
// details and projection, errors; and "Copy DDL" round-tripped through a Hive parser.
import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { HiveSQL } from 'dt-sql-parser';
import { GlueCatalog, GlueCatalogSource, tableDetailsDocument } from '../../../src/core/catalog/glue';
import { HiveTypeError, athenaCreateTableDdl, hiveString, normalizeHiveType } from '../../../src/core/catalog/athenaDdl';
import { catalogSourceFor } from '../../../src/core/catalog/sources';
import { ExplorerRequestError } from '../../../src/core/aws/explorerErrors';
import { startAwsEstate, type AwsEstate } from '../../support/aws/estate';
import { EVENTS_PARTITIONS, seedEstate } from '../../support/aws/sandboxSeed';
import { ATOMIC_EVENTS_COLUMNS } from '../../../src/core/events/fields';

let estate: AwsEstate;
const catalogs: GlueCatalog[] = [];

function glue(overrides: Partial<AwsEstate['target']> = {}): GlueCatalog {
  const g = new GlueCatalog({ ...estate.target, ...overrides });
  catalogs.push(g);
  return g;
}

const HOSTILE = {
  db: 'lake`db',
  table: "we'ird`name\nx",
  column: "col `a` 'b'",
  comment: "it's a \\ back\\slash, a\nnewline and */ --",
  location: "s3://bucket/it's/ünïcode/",
  delim: '\t',
  ctrl: '\u0001',
};

before(async () => {
  estate = await startAwsEstate();
  await seedEstate(estate);
  estate.glue.addDatabase({ Name: HOSTILE.db });
  estate.glue.addTable({
    Name: HOSTILE.table,
    DatabaseName: HOSTILE.db,
    Description: HOSTILE.comment,
    TableType: 'EXTERNAL_TABLE',
    PartitionKeys: [
      { Name: 'dt', Type: 'string', Comment: 'day' },
      { Name: 'hour`x', Type: 'int' },
    ],
    Parameters: { classification: 'csv', 'projection.enabled': 'false', "odd'key": "odd\\value'", transient_lastDdlTime: '1700000000' },
    StorageDescriptor: {
      Columns: [
        { Name: HOSTILE.column, Type: 'string', Comment: HOSTILE.comment },
        { Name: 'amount', Type: 'DECIMAL( 18 , 2 )' },
        { Name: 'nested', Type: 'struct<a:int,`b c`:array<map<string,struct<`x``y`:double>>>>' },
      ],
      Location: HOSTILE.location,
      InputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      SerdeInfo: {
        SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
        Parameters: { 'field.delim': HOSTILE.delim, 'collection.delim': HOSTILE.ctrl },
      },
      BucketColumns: ['amount'],
      NumberOfBuckets: 4,
      SortColumns: [{ Column: 'amount', SortOrder: 0 }],
    },
  });
});

after(async () => {
  for (const g of catalogs) g.dispose();
  await estate.stop();
});

beforeEach(() => estate.server.clearFaults());

describe('browsing', () => {
  test('databases, then the sample events table with its columns and partition key marked', async () => {
    const g = glue();
    const dbs = (await g.listDatabases()).items.map((d) => d.name);
    assert.deepEqual(dbs, ['atomic', 'derived', HOSTILE.db]);
    const tables = await g.listTables('atomic');
    assert.deepEqual(
      tables.items.map((t) => [t.name, t.kind, t.format]),
      [['events', 'external', 'csv']],
    );
    const before = estate.server.callsTo('GetTable').length;
    const cols = await g.listColumns('atomic', 'events');
    assert.equal(estate.server.callsTo('GetTable').length, before, 'columns come from the listing, no extra call');
    assert.deepEqual(
      cols.map((c) => c.name),
      [...ATOMIC_EVENTS_COLUMNS.map((f) => f.name), 'run'],
    );
    assert.deepEqual(
      cols.filter((c) => c.partitionKey).map((c) => c.name),
      ['run'],
    );
    assert.equal(cols.find((c) => c.name === 'tr_total')?.type, 'decimal(18,2)');
  });

  test('partitions page by NextToken, on demand', async () => {
    const g = glue();
    const first = await g.listPartitions('atomic', 'events');
    assert.equal(first.items.length, 100);
    assert.ok(first.next);
    assert.deepEqual(first.items[0], {
      values: ['2024-01-01-00-00-00'],
      name: 'run=2024-01-01-00-00-00',
      location: 's3://dw-data-lake/enriched/good/run=2024-01-01-00-00-00/',
      created: first.items[0].created,
    });
    const second = await g.listPartitions('atomic', 'events', first.next);
    assert.equal(second.items.length, EVENTS_PARTITIONS - 100);
    assert.equal(second.next, undefined);
    assert.equal(new Set([...first.items, ...second.items].map((p) => p.name)).size, EVENTS_PARTITIONS);
  });

  test('tables page by NextToken and filter by name (regex metacharacters in the filter are literal)', async () => {
    estate.glue.addDatabase({ Name: 'many' });
    for (let i = 0; i < 130; i++)
      estate.glue.addTable({
        Name: `t${String(i).padStart(3, '0')}${i === 7 ? '.v2' : ''}`,
        DatabaseName: 'many',
        PartitionKeys: [],
        StorageDescriptor: { Columns: [] },
      });
    const g = glue();
    const p1 = await g.listTables('many');
    const p2 = await g.listTables('many', p1.next);
    assert.deepEqual([p1.items.length, p2.items.length, p2.next], [100, 30, undefined]);
    assert.deepEqual(
      (await g.listTables('many', undefined, undefined, '.V2')).items.map((t) => t.name),
      ['t007.v2'],
    );
    assert.deepEqual(
      (await g.listTables('many', undefined, undefined, 'T12')).items.map((t) => t.name),
      ['t120', 't121', 't122', 't123', 't124', 't125', 't126', 't127', 't128', 't129'],
    );
  });

  test('table details: location, format, SerDe, parameters and partition projection, in a Markdown-safe document', async () => {
    const t = await glue().getTable('derived', 'sessions');
    assert.equal(t.location, 's3://dw-data-lake/derived/sessions/');
    assert.equal(t.format, 'parquet');
    assert.equal(t.serde?.library, 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe');
    assert.deepEqual(t.projection, {
      enabled: true,
      columns: { dt: { type: 'date', range: '2024-01-01,NOW', format: 'yyyy-MM-dd' } },
      storageLocationTemplate: 's3://dw-data-lake/derived/sessions/dt=${dt}/',
    });
    const doc = tableDetailsDocument(await glue().getTable(HOSTILE.db, HOSTILE.table));
    assert.match(doc, /## Columns/);
    assert.ok(!doc.includes('| col `a`'), 'backticks in names are escaped');
    assert.ok(doc.includes("col \\`a\\` 'b'"));
  });

  test('the Athena CatalogSource is Glue: databases as schemas', async () => {
    const source = await catalogSourceFor({ name: 'a', kind: 'athena', region: 'us-east-1' }, { aws: estate.target });
    assert.ok(source instanceof GlueCatalogSource);
    const schemas: string[] = [];
    for await (const page of source.listSchemas()) schemas.push(...page);
    assert.deepEqual(schemas.slice(0, 2), ['atomic', 'derived']);
    const tables = [];
    for await (const page of source.listTables('derived')) tables.push(...page);
    assert.deepEqual(tables, [
      { schema: 'derived', name: 'sessions', kind: 'external', comment: 'Sessions (Parquet, partition projection on dt)' },
    ]);
    assert.deepEqual((await source.listColumns('derived', 'sessions')).at(-1), {
      name: 'dt',
      type: 'string',
      comment: undefined,
      partitionKey: true,
    });
  });
});

describe('errors', () => {
  test('an unknown database is not-found; throttling and 5xx are retried; access denied maps to its state', async () => {
    await assert.rejects(glue().listTables('nope'), (e: ExplorerRequestError) => e.kind === 'not-found');
    estate.server.inject('throttle', 2, 'GetDatabases');
    estate.server.inject('internal', 1, 'GetDatabases');
    assert.equal((await glue().listDatabases()).items.length, estate.glue.databases.size);
    estate.server.deniedAccessKeys.add('AKIDNOGLUE');
    await assert.rejects(
      glue({ credentials: { accessKeyId: 'AKIDNOGLUE', secretAccessKey: 'x' } }).listDatabases(),
      (e: ExplorerRequestError) => e.kind === 'access-denied' && /glue:GetDatabases/.test(e.message),
    );
  });
});

/** Hive's own reading of a string literal (BaseSemanticAnalyzer.unescapeSQLString), written
 * independently of the writer under test. */
function hiveUnescape(literal: string): string {
  assert.ok(literal.startsWith("'") && literal.endsWith("'"), literal);
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i];
      continue;
    }
    const n = body[++i];
    if (n === 'u') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else out += ({ n: '\n', r: '\r', t: '\t', '0': '\0', b: '\b', Z: '\u001a' } as Record<string, string>)[n] ?? n;
  }
  return out;
}

function backtickName(token: string): string {
  return token.slice(1, -1).replace(/``/g, '`');
}

describe('Copy DDL', () => {
  test('hostile names, comments, SerDe properties and location round-trip through a Hive parser', async () => {
    const t = await glue().getTable(HOSTILE.db, HOSTILE.table);
    const ddl = athenaCreateTableDdl(t);
    const parser = new HiveSQL();
    assert.deepEqual(parser.validate(ddl), [], ddl);
    const tokens = parser.getAllTokens(ddl).map((x) => x.text ?? '');
    const strings = tokens.filter((x) => x.startsWith("'")).map(hiveUnescape);
    const names = tokens.filter((x) => x.startsWith('`') && x.endsWith('`')).map(backtickName);
    assert.deepEqual(names.slice(0, 5), [HOSTILE.db, HOSTILE.table, HOSTILE.column, 'amount', 'nested']);
    assert.ok(names.includes('dt') && names.includes('hour`x'));
    assert.deepEqual(strings, [
      HOSTILE.comment, // column comment
      HOSTILE.comment, // table comment
      'day',
      'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
      'field.delim',
      HOSTILE.delim,
      'collection.delim',
      HOSTILE.ctrl,
      'org.apache.hadoop.mapred.TextInputFormat',
      'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
      HOSTILE.location,
      'classification',
      'csv',
      'projection.enabled',
      'false',
      "odd'key",
      "odd\\value'",
    ]);
    assert.match(ddl, /`amount` decimal\(18,2\)/);
    assert.match(ddl, /CLUSTERED BY \(`amount`\) SORTED BY \(`amount` DESC\) INTO 4 BUCKETS/);
    assert.match(ddl, /struct<a:int,`b c`:array<map<string,struct<`x``y`:double>>>>/);
    assert.ok(!ddl.includes('transient_lastDdlTime'), 'Glue bookkeeping is left out');
  });

  test('the sample events DDL parses and recreates every column and the partition key', async () => {
    const ddl = athenaCreateTableDdl(await glue().getTable('atomic', 'events'));
    assert.deepEqual(new HiveSQL().validate(ddl), []);
    const names = new HiveSQL()
      .getAllTokens(ddl)
      .map((x) => x.text ?? '')
      .filter((x) => x.startsWith('`'))
      .map(backtickName);
    assert.deepEqual(names, ['atomic', 'events', ...ATOMIC_EVENTS_COLUMNS.map((f) => f.name), 'run']);
    assert.match(ddl, /'field.delim'='\\t'/);
  });

  test('a type that smuggles in other clauses is refused with its position, not copied', () => {
    assert.throws(
      () => normalizeHiveType("string) LOCATION 's3://evil/' --"),
      (e: HiveTypeError) => e.position === 6 && /character 7/.test(e.message),
    );
    assert.throws(() => normalizeHiveType('array<string'), HiveTypeError);
    assert.throws(() => normalizeHiveType('decimal(10,x)'), HiveTypeError);
    assert.equal(normalizeHiveType(normalizeHiveType('MAP< STRING , ARRAY<INT> >')), 'map<string,array<int>>');
  });

  test('string literals: quotes and backslashes escaped, control characters as \\u escapes', () => {
    assert.equal(hiveString("a'b\\c\n\u0001"), "'a\\'b\\\\c\\n\\u0001'");
    assert.equal(hiveUnescape(hiveString("a'b\\c\n\u0001\t\r")), "a'b\\c\n\u0001\t\r");
  });

  test('a view has no CREATE EXTERNAL TABLE', async () => {
    estate.glue.addTable({
      Name: 'v',
      DatabaseName: 'derived',
      TableType: 'VIRTUAL_VIEW',
      PartitionKeys: [],
      StorageDescriptor: { Columns: [{ Name: 'x', Type: 'int' }] },
      ViewOriginalText: '/* Presto View: e30= */',
    });
    const view = await glue().getTable('derived', 'v');
    assert.equal(view.kind, 'view');
    assert.throws(() => athenaCreateTableDdl(view), /is a view/);
  });
});
