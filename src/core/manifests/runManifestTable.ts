// The DynamoDB run manifest table (Snowplow SDK layout: hash key `RunId` only). Reads scan in
// parallel segments; writes are conditional so two editors or an editor and a running job never
// double-mark a run or silently remove a mark someone else made: a conflict is reported instead.
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { sleep } from '../aws/backoff';
import { attributeNames, attributeType, noIgnoredItems, noteIgnored, preview, type IgnoredItems } from './itemProblems';
import { mapPool } from './pool';

const RUN_ID_ATTRIBUTE = 'RunId';
/** Extra attributes of marks made from the editor; the SDKs read only `RunId` and ignore them. */
const MARKED_AT_ATTRIBUTE = 'MarkedAt';
const MARKED_BY_ATTRIBUTE = 'MarkedBy';
/** A fresh id per editor mark: the "expected value" an unmark is conditioned on, and how a
 * retried write recognises its own earlier success. */
const MARK_ID_ATTRIBUTE = 'MarkId';

export interface RunManifestItem {
  /** Exactly as stored (the SDKs store the archive-relative folder with a trailing slash). */
  runId: string;
  /** ISO time of an editor mark; absent for SDK/job marks. */
  markedAt?: string;
  markedBy?: string;
  markId?: string;
}

export type MarkOutcome =
  | { runId: string; status: 'marked'; item: RunManifestItem }
  /** Someone (a user or a job) marked it first; `current` is what is stored now. */
  | { runId: string; status: 'conflict'; current?: RunManifestItem; message: string }
  | { runId: string; status: 'error'; message: string; error: unknown };

export type UnmarkOutcome =
  | { runId: string; status: 'unmarked' }
  /** The mark changed since it was read (re-marked by someone else), or is already gone. */
  | { runId: string; status: 'conflict'; current?: RunManifestItem; message: string }
  | { runId: string; status: 'error'; message: string; error: unknown };

export interface ScanResult {
  items: RunManifestItem[];
  /** Items skipped (not a run manifest entry) or shown without a bad attribute, with why. */
  ignored: IgnoredItems;
  /** Scan requests issued (all segments, all pages). */
  requests: number;
}

export interface ScanOptions {
  /** Parallel Scan segments (default 4). */
  segments?: number;
  /** Items per page (default: DynamoDB's 1 MB page). */
  pageLimit?: number;
  signal?: AbortSignal;
}

type Dynamo = typeof import('@aws-sdk/client-dynamodb');
let dynamoModule: Promise<Dynamo> | undefined;
const loadDynamo = (): Promise<Dynamo> => (dynamoModule ??= import('@aws-sdk/client-dynamodb'));

/** The run manifest item, or why the record is not one (`problem`); bad editor attribution
 * attributes are dropped with a `note` while the mark itself is kept. */
function itemFrom(record: Record<string, AttributeValue>): { item?: RunManifestItem; problem?: string; note?: string } {
  const key = record[RUN_ID_ATTRIBUTE];
  if (key === undefined)
    return {
      problem: `an item without a "${RUN_ID_ATTRIBUTE}" attribute (it has ${attributeNames(record)}) is not a run manifest entry; ignored`,
    };
  if (key.S === undefined)
    return {
      problem: `an item whose "${RUN_ID_ATTRIBUTE}" is ${attributeType(key)}, ${preview(Object.values(key)[0])}, not a string as the SDKs write it; ignored`,
    };
  const item: RunManifestItem = { runId: key.S };
  const wrong: string[] = [];
  for (const [attribute, field] of [
    [MARKED_AT_ATTRIBUTE, 'markedAt'],
    [MARKED_BY_ATTRIBUTE, 'markedBy'],
    [MARK_ID_ATTRIBUTE, 'markId'],
  ] as const) {
    const value = record[attribute];
    if (value === undefined) continue;
    if (value.S !== undefined) item[field] = value.S;
    else wrong.push(`"${attribute}" is ${attributeType(value)}`);
  }
  return wrong.length
    ? { item, note: `run ${preview(key.S)}: ${wrong.join(', ')}, not a string; shown without that attribution` }
    : { item };
}

function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? '';
}

function describeHolder(item: RunManifestItem | undefined): string {
  if (!item) return 'someone';
  if (item.markedBy) return `${item.markedBy}${item.markedAt ? ` at ${item.markedAt}` : ''}`;
  return 'a job or SDK (no editor attribution)';
}

export class RunManifestTable {
  constructor(
    readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {}

  /** 'missing' when the table does not exist, else its TableStatus (ACTIVE, CREATING, …). */
  async status(signal?: AbortSignal): Promise<string> {
    const { DescribeTableCommand } = await loadDynamo();
    try {
      const out = await this.client.send(new DescribeTableCommand({ TableName: this.tableName }), { abortSignal: signal });
      return out.Table?.TableStatus ?? 'ACTIVE';
    } catch (e) {
      if (errorName(e) === 'ResourceNotFoundException') return 'missing';
      throw e;
    }
  }

  /** Creates the table as the SDKs lay it out (hash key RunId, string), billed on demand, and
   * waits until it is ACTIVE. A table that already exists (even one created concurrently) is kept. */
  async ensureTable(options: { signal?: AbortSignal; pollMs?: number; timeoutMs?: number } = {}): Promise<'created' | 'exists'> {
    const { CreateTableCommand } = await loadDynamo();
    let result: 'created' | 'exists' = 'created';
    try {
      await this.client.send(
        new CreateTableCommand({
          TableName: this.tableName,
          AttributeDefinitions: [{ AttributeName: RUN_ID_ATTRIBUTE, AttributeType: 'S' }],
          KeySchema: [{ AttributeName: RUN_ID_ATTRIBUTE, KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
        { abortSignal: options.signal },
      );
    } catch (e) {
      if (errorName(e) !== 'ResourceInUseException') throw e;
      result = 'exists';
    }
    const deadline = Date.now() + (options.timeoutMs ?? 120_000);
    for (;;) {
      const status = await this.status(options.signal);
      if (status === 'ACTIVE') return result;
      if (Date.now() > deadline) throw new Error(`Table ${this.tableName} is still ${status} after ${options.timeoutMs ?? 120_000} ms`);
      await sleep(options.pollMs ?? 250, options.signal);
    }
  }

  /** Every item, read with `segments` parallel Scan workers, each following its own pages. */
  async scanAll(options: ScanOptions = {}): Promise<ScanResult> {
    const { ScanCommand } = await loadDynamo();
    const segments = Math.max(1, Math.min(options.segments ?? 4, 1_000_000));
    let requests = 0;
    const ignored = noIgnoredItems();
    const perSegment = await Promise.all(
      Array.from({ length: segments }, async (_, segment) => {
        const items: RunManifestItem[] = [];
        let startKey: Record<string, AttributeValue> | undefined;
        do {
          const out = await this.client.send(
            new ScanCommand({
              TableName: this.tableName,
              ...(segments > 1 ? { Segment: segment, TotalSegments: segments } : {}),
              ...(options.pageLimit ? { Limit: options.pageLimit } : {}),
              ExclusiveStartKey: startKey,
            }),
            { abortSignal: options.signal },
          );
          requests++;
          for (const record of out.Items ?? []) {
            const { item, problem, note } = itemFrom(record);
            if (problem ?? note) noteIgnored(ignored, (problem ?? note)!);
            if (item) items.push(item);
          }
          startKey = out.LastEvaluatedKey;
        } while (startKey);
        return items;
      }),
    );
    return { items: perSegment.flat(), requests, ignored };
  }

  /** The stored item (strongly consistent), or undefined when the run is not marked. */
  async get(runId: string, signal?: AbortSignal): Promise<RunManifestItem | undefined> {
    const { GetItemCommand } = await loadDynamo();
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { [RUN_ID_ATTRIBUTE]: { S: runId } }, ConsistentRead: true }),
      { abortSignal: signal },
    );
    return out.Item ? itemFrom(out.Item).item : undefined;
  }

  /** Marks a run processed only if nobody has: `attribute_not_exists(RunId)`. */
  async mark(runId: string, markedBy: string, options: { signal?: AbortSignal; now?: Date } = {}): Promise<MarkOutcome> {
    const { PutItemCommand } = await loadDynamo();
    const item: RunManifestItem = { runId, markedAt: (options.now ?? new Date()).toISOString(), markedBy, markId: randomUUID() };
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: {
            [RUN_ID_ATTRIBUTE]: { S: runId },
            [MARKED_AT_ATTRIBUTE]: { S: item.markedAt! },
            [MARKED_BY_ATTRIBUTE]: { S: markedBy },
            [MARK_ID_ATTRIBUTE]: { S: item.markId! },
          },
          ConditionExpression: 'attribute_not_exists(#run)',
          ExpressionAttributeNames: { '#run': RUN_ID_ATTRIBUTE },
        }),
        { abortSignal: options.signal },
      );
      return { runId, status: 'marked', item };
    } catch (e) {
      if (errorName(e) !== 'ConditionalCheckFailedException')
        return { runId, status: 'error', message: (e as Error).message ?? String(e), error: e };
      // A retried request (dropped connection after the write) fails its own condition: the
      // stored MarkId then is ours and the mark did succeed.
      let current: RunManifestItem | undefined;
      try {
        current = await this.get(runId, options.signal);
      } catch (readError) {
        return {
          runId,
          status: 'error',
          message: `${runId} may or may not be marked: the write met a mark, and reading which one failed (${(readError as Error).message ?? String(readError)})`,
          error: readError,
        };
      }
      if (current?.markId === item.markId) return { runId, status: 'marked', item };
      return { runId, status: 'conflict', current, message: `${runId} was already marked processed by ${describeHolder(current)}` };
    }
  }

  /** Removes the mark only if it is still the one `expected` shows (same MarkId, or still an
   * unattributed SDK mark), so a re-mark made meanwhile is never deleted. */
  async unmark(expected: RunManifestItem, options: { signal?: AbortSignal } = {}): Promise<UnmarkOutcome> {
    const { DeleteItemCommand } = await loadDynamo();
    const runId = expected.runId;
    const condition: {
      ConditionExpression: string;
      ExpressionAttributeNames: Record<string, string>;
      ExpressionAttributeValues?: Record<string, AttributeValue>;
    } =
      expected.markId !== undefined
        ? {
            ConditionExpression: '#mark = :mark',
            ExpressionAttributeNames: { '#mark': MARK_ID_ATTRIBUTE },
            ExpressionAttributeValues: { ':mark': { S: expected.markId } },
          }
        : {
            ConditionExpression: 'attribute_exists(#run) AND attribute_not_exists(#mark)',
            ExpressionAttributeNames: { '#run': RUN_ID_ATTRIBUTE, '#mark': MARK_ID_ATTRIBUTE },
          };
    try {
      await this.client.send(
        new DeleteItemCommand({ TableName: this.tableName, Key: { [RUN_ID_ATTRIBUTE]: { S: runId } }, ...condition }),
        { abortSignal: options.signal },
      );
      return { runId, status: 'unmarked' };
    } catch (e) {
      if (errorName(e) !== 'ConditionalCheckFailedException')
        return { runId, status: 'error', message: (e as Error).message ?? String(e), error: e };
      let current: RunManifestItem | undefined;
      try {
        current = await this.get(runId, options.signal);
      } catch (readError) {
        return {
          runId,
          status: 'error',
          message: `${runId} may or may not be unmarked: the delete's condition failed, and reading the mark failed (${(readError as Error).message ?? String(readError)})`,
          error: readError,
        };
      }
      // The SDK retried (an earlier attempt's answer was lost) and the mark is gone: that attempt
      // most likely deleted it; either way the run is unmarked, as asked.
      if (!current && ((e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1) > 1) return { runId, status: 'unmarked' };
      const message = current
        ? `${runId} was marked again by ${describeHolder(current)} since it was read; the new mark was kept`
        : `${runId} is no longer marked (someone unmarked it first)`;
      return { runId, status: 'conflict', current, message };
    }
  }

  /** Marks each run on its own conditional write (DynamoDB batch writes take no conditions). */
  markMany(
    runIds: readonly string[],
    markedBy: string,
    options: { signal?: AbortSignal; concurrency?: number } = {},
  ): Promise<MarkOutcome[]> {
    return mapPool(runIds, options.concurrency ?? 16, (runId) => this.mark(runId, markedBy, options));
  }

  unmarkMany(items: readonly RunManifestItem[], options: { signal?: AbortSignal; concurrency?: number } = {}): Promise<UnmarkOutcome[]> {
    return mapPool(items, options.concurrency ?? 16, (item) => this.unmark(item, options));
  }
}
