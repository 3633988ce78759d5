// The in-memory catalog the SQL language tests run against: atomic.events (the real 128 columns
// with their Redshift types), a derived schema and a commented table.
import { MemoryCatalogSource, type MemoryTable } from '../../../src/core/catalog/memorySource';
import { ATOMIC_EVENTS_COLUMNS } from '../../../src/core/events/fields';
import { CatalogIndex } from '../../../src/core/sql/language/catalogIndex';

export const TABLES: MemoryTable[] = [
  {
    schema: 'atomic',
    name: 'events',
    kind: 'table',
    comment: 'Enriched Snowplow events',
    columns: ATOMIC_EVENTS_COLUMNS.map((f) => ({ name: f.name, type: f.redshiftType! })),
  },
  {
    schema: 'derived',
    name: 'users',
    kind: 'table',
    comment: 'One row per user',
    columns: [
      { name: 'user_id', type: 'varchar(255)', comment: 'Login id' },
      { name: 'first_seen', type: 'timestamp' },
      { name: 'country', type: 'char(2)' },
    ],
  },
  {
    schema: 'derived',
    name: 'countries',
    kind: 'view',
    columns: [
      { name: 'code', type: 'char(2)' },
      { name: 'name', type: 'varchar(64)' },
    ],
  },
  {
    schema: 'public',
    name: 'orders',
    kind: 'table',
    columns: [
      { name: 'order_id', type: 'bigint' },
      { name: 'user_id', type: 'varchar(255)' },
      { name: 'total', type: 'numeric(18,2)', comment: 'In base currency' },
    ],
  },
];

export async function testCatalog(): Promise<CatalogIndex> {
  const index = new CatalogIndex(new MemoryCatalogSource('redshift', TABLES), 'test connection');
  await index.refresh();
  return index;
}
