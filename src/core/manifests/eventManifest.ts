// The event (cross-batch duplicate) manifest in DynamoDB, as snowplow-events-manifest writes it:
// hash key `eventId`, range key `fingerprint`, `etlTime` (epoch seconds) and `ttl`. Browsing by
// event id uses Query; anything else is a Scan, filtered server-side, paged for "load more".
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { attributeNames, attributeType, noIgnoredItems, noteIgnored, preview, type IgnoredItems } from './itemProblems';

export interface EventManifestItem {
  eventId: string;
  fingerprint: string;
  /** `etl_tstamp` in epoch seconds. */
  etlTime?: number;
  ttl?: number;
}

export interface EtlRange {
  /** Inclusive bounds, epoch seconds. */
  from?: number;
  to?: number;
}

export interface BrowseOptions extends EtlRange {
  /** Exact event id (Query on the hash key). */
  eventId?: string;
  /** Exact fingerprint (range-key condition with an event id, else a Scan filter). */
  fingerprint?: string;
  /** Items wanted on this page (default 100). */
  limit?: number;
  /** From the previous page's `nextKey`. */
  startKey?: Record<string, AttributeValue>;
  signal?: AbortSignal;
}

export interface EventPage {
  items: EventManifestItem[];
  /** Items of this page skipped (not event manifest entries) or shown without a bad attribute. */
  ignored: IgnoredItems;
  /** Absent on the last page. */
  nextKey?: Record<string, AttributeValue>;
}

type Dynamo = typeof import('@aws-sdk/client-dynamodb');
let dynamoModule: Promise<Dynamo> | undefined;
const loadDynamo = (): Promise<Dynamo> => (dynamoModule ??= import('@aws-sdk/client-dynamodb'));

/** The event manifest item, or why the record is not one; a bad `etlTime`/`ttl` is dropped with a note. */
function itemFrom(record: Record<string, AttributeValue>): { item?: EventManifestItem; problem?: string; note?: string } {
  for (const key of ['eventId', 'fingerprint'] as const) {
    const value = record[key];
    if (value === undefined)
      return { problem: `an item without "${key}" (it has ${attributeNames(record)}) is not an event manifest entry; ignored` };
    if (value.S === undefined)
      return {
        problem: `an item whose "${key}" is ${attributeType(value)}, ${preview(Object.values(value)[0])}, not a string as snowplow-events-manifest writes it; ignored`,
      };
  }
  const item: EventManifestItem = { eventId: record.eventId.S!, fingerprint: record.fingerprint.S! };
  const wrong: string[] = [];
  for (const field of ['etlTime', 'ttl'] as const) {
    const value = record[field];
    if (value === undefined) continue;
    const n = value.N !== undefined ? Number(value.N) : NaN;
    if (Number.isFinite(n)) item[field] = n;
    else wrong.push(`"${field}" is ${attributeType(value)}${value.N !== undefined ? ` ${preview(value.N)}` : ''}`);
  }
  return wrong.length
    ? { item, note: `event ${preview(item.eventId)}: ${wrong.join(', ')}, not epoch seconds; shown without it` }
    : { item };
}

/** The filter/condition expression parts for an ETL range (values are bound, never interpolated). */
function etlFilter(range: EtlRange): { expression?: string; names: Record<string, string>; values: Record<string, AttributeValue> } {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  const parts: string[] = [];
  if (range.from !== undefined || range.to !== undefined) names['#etl'] = 'etlTime';
  if (range.from !== undefined) {
    parts.push('#etl >= :from');
    values[':from'] = { N: String(Math.floor(range.from)) };
  }
  if (range.to !== undefined) {
    parts.push('#etl <= :to');
    values[':to'] = { N: String(Math.floor(range.to)) };
  }
  return { expression: parts.length ? parts.join(' AND ') : undefined, names, values };
}

export class EventManifestTable {
  constructor(
    readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {}

  /** One page of items matching the options; follows DynamoDB pages until `limit` items or the end. */
  async browse(options: BrowseOptions = {}): Promise<EventPage> {
    const { QueryCommand, ScanCommand } = await loadDynamo();
    const limit = Math.max(1, options.limit ?? 100);
    const filter = etlFilter(options);
    const names = { ...filter.names };
    const values = { ...filter.values };
    const filters = filter.expression ? [filter.expression] : [];
    let key: string | undefined;
    if (options.eventId !== undefined) {
      names['#id'] = 'eventId';
      values[':id'] = { S: options.eventId };
      key = '#id = :id';
      if (options.fingerprint !== undefined) {
        names['#fp'] = 'fingerprint';
        values[':fp'] = { S: options.fingerprint };
        key += ' AND #fp = :fp';
      }
    } else if (options.fingerprint !== undefined) {
      names['#fp'] = 'fingerprint';
      values[':fp'] = { S: options.fingerprint };
      filters.push('#fp = :fp');
    }
    const items: EventManifestItem[] = [];
    const ignored = noIgnoredItems();
    let startKey = options.startKey;
    do {
      const common = {
        TableName: this.tableName,
        Limit: limit - items.length,
        ExclusiveStartKey: startKey,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      };
      const out = key
        ? await this.client.send(new QueryCommand({ ...common, KeyConditionExpression: key }), { abortSignal: options.signal })
        : await this.client.send(new ScanCommand(common), { abortSignal: options.signal });
      for (const record of out.Items ?? []) {
        const { item, problem, note } = itemFrom(record);
        if (problem ?? note) noteIgnored(ignored, (problem ?? note)!);
        if (item) items.push(item);
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey && items.length < limit);
    return startKey ? { items, ignored, nextKey: startKey } : { items, ignored };
  }

  /** Items in the table (or in an ETL range), counted server-side with parallel Scan segments. */
  async count(range: EtlRange & { segments?: number; signal?: AbortSignal } = {}): Promise<number> {
    const { ScanCommand } = await loadDynamo();
    const filter = etlFilter(range);
    const segments = Math.max(1, range.segments ?? 4);
    const counts = await Promise.all(
      Array.from({ length: segments }, async (_, segment) => {
        let total = 0;
        let startKey: Record<string, AttributeValue> | undefined;
        do {
          const out = await this.client.send(
            new ScanCommand({
              TableName: this.tableName,
              Select: 'COUNT',
              ExclusiveStartKey: startKey,
              ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
              ...(filter.expression
                ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names, ExpressionAttributeValues: filter.values }
                : {}),
            }),
            { abortSignal: range.signal },
          );
          total += out.Count ?? 0;
          startKey = out.LastEvaluatedKey;
        } while (startKey);
        return total;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }
}
