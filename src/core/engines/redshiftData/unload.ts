// Runs a SELECT as `UNLOAD … TO s3://…` through the Redshift Data API and streams the unloaded
// CSV back from S3 as grid pages. Column names and types come from a `LIMIT 0` probe of the same
// query (run alongside the UNLOAD), so the rows look exactly like the GetStatementResult path's:
// same ColumnInfo, same values (see `unloadConverter`). Part files are read in manifest order,
// one streamed GetObject at a time. The AWS SDK is imported lazily.
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { RedshiftConnection } from '../../connections/types';
import {
  CancelledError,
  EngineError,
  type CellValue,
  type ColumnInfo,
  type ExecutionInfo,
  type QueryExecution,
  type RowBlock,
} from '../engine';
import { parseS3Uri, type AwsClientOptions } from '../../aws/clientConfig';
import { redshiftDataClient } from '../../aws/clients/redshiftData';
import { s3Client } from '../../aws/clients/s3';
import { backoffDelays, sleep, type BackoffOptions } from '../../aws/backoff';
import { toEngineError } from '../../aws/errors';
import { AthenaCsvBlockReader, type CsvRowBlock } from '../csv/csvBlocks';
import { buildUnload, type UnloadPlan } from './unloadSql';
import { redshiftColumns } from './types';
import { validateDataApiConnection } from './connection';

export interface UnloadOptions {
  credentials?: AwsClientOptions['credentials'];
  maxAttempts?: number;
  poll?: BackoffOptions;
  signal?: AbortSignal;
  pageSize?: number;
  /** Tests: fixed run folder / NULL marker. */
  prefix?: string;
  nullMarker?: string;
  /** Called once the UNLOAD statement is submitted (its Data API id) and when it finished. */
  onProgress?: (event: { phase: 'submitted' | 'unloaded' | 'reading'; statementId?: string; message: string }) => void;
}

export interface UnloadExecution extends QueryExecution {
  readonly info: ExecutionInfo & { unload: { prefix: string; manifestUri: string; statementId: string; files: number; rows?: number } };
}

const SERVICE = 'Redshift Data API';
const PAGE = 1000;

/** Checks the connection can UNLOAD; throws a clear EngineError naming what is missing. */
export function validateUnloadConnection(config: RedshiftConnection): { location: string; iamRole: string } {
  if (config.kind !== 'redshift' || config.mode !== 'data-api')
    throw new EngineError('UNLOAD to S3 is available for Redshift Data API connections only', { category: 'connection' });
  validateDataApiConnection(config);
  if (!config.unloadS3Location)
    throw new EngineError(`Connection "${config.name}": set unloadS3Location (s3://bucket/prefix/) to UNLOAD results to S3`, {
      category: 'connection',
    });
  if (!config.unloadIamRole)
    throw new EngineError(`Connection "${config.name}": set unloadIamRole (the IAM role ARN Redshift uses to write to S3)`, {
      category: 'connection',
    });
  return { location: config.unloadS3Location, iamRole: config.unloadIamRole };
}

/** Same text → value rules as the Data API's typed fields (`fieldValue` in ./types): integers and
 * floats as numbers (integers beyond 2^53 and NaN/Infinity stay text so nothing is rounded),
 * booleans as booleans, binary as `\x…` hex, everything else (decimals, dates, timestamps) as the
 * text Redshift prints. `null` here is the NULL marker; an empty field is ''. */
export function unloadConverter(column: ColumnInfo): (text: string | null) => CellValue {
  switch (column.family) {
    case 'integer':
      return (t) => {
        if (t === null || t === '') return t;
        const n = Number(t);
        return Number.isSafeInteger(n) ? n : t;
      };
    case 'float':
      return (t) => {
        if (t === null || t === '') return t;
        const n = Number(t);
        return Number.isFinite(n) ? n : t;
      };
    case 'boolean':
      return (t) => (t === null || t === '' ? t : t === 't' || t === 'true' || t === '1');
    case 'binary':
      return (t) => (t === null || t.startsWith('\\x') ? t : `\\x${t.toLowerCase()}`);
    default:
      return (t) => t;
  }
}

interface Manifest {
  entries: { url: string; meta?: { content_length?: number; record_count?: number } }[];
  meta?: { record_count?: number };
}

export async function executeUnload(config: RedshiftConnection, sql: string, options: UnloadOptions = {}): Promise<UnloadExecution> {
  const { location, iamRole } = validateUnloadConnection(config);
  const plan = buildUnload(sql, { location, iamRole, prefix: options.prefix, nullMarker: options.nullMarker });
  const { signal } = options;
  if (signal?.aborted) throw new CancelledError();
  const base = { region: config.region, profile: config.profile, credentials: options.credentials, maxAttempts: options.maxAttempts };
  const dataApi = redshiftDataClient({ ...base, endpoint: config.endpoint }, SERVICE);
  const s3Api = s3Client({ ...base, endpoint: config.s3Endpoint, forcePathStyle: Boolean(config.s3Endpoint) });
  const [api, s3api, client, s3] = await Promise.all([dataApi.api(), s3Api.api(), dataApi.client(), s3Api.client()]);
  const close = (): void => {
    dataApi.destroy();
    s3Api.destroy();
  };
  const target = config.workgroupName
    ? { WorkgroupName: config.workgroupName, Database: config.database, SecretArn: config.secretArn }
    : { ClusterIdentifier: config.clusterIdentifier, Database: config.database, DbUser: config.dbUser, SecretArn: config.secretArn };
  const submit = async (text: string, name: string): Promise<string> => {
    try {
      const out = await client.send(
        new api.ExecuteStatementCommand({ ...target, Sql: text, ClientToken: randomUUID(), StatementName: name }),
      );
      return out.Id!;
    } catch (e) {
      throw toEngineError(e, SERVICE, config.profile);
    }
  };
  const ids: string[] = [];
  const cancelAll = async (): Promise<void> => {
    await Promise.all(ids.map((Id) => client.send(new api.CancelStatementCommand({ Id })).catch(() => undefined)));
  };
  const wait = async (id: string, what: string): Promise<void> => {
    const delays = backoffDelays(options.poll);
    for (;;) {
      let status: string | undefined;
      let error: string | undefined;
      try {
        if (signal?.aborted) throw new CancelledError();
        const out = await client.send(new api.DescribeStatementCommand({ Id: id }), { abortSignal: signal });
        status = out.Status;
        error = out.Error;
      } catch (e) {
        if (signal?.aborted || e instanceof CancelledError) throw new CancelledError();
        throw toEngineError(e, SERVICE, config.profile);
      }
      if (status === 'FINISHED') return;
      if (status === 'FAILED')
        throw new EngineError(`${what} failed: ${(error ?? 'statement failed').replace(/\s*\n\s*Position: \d+\s*$/, '')}`, {
          category: 'query',
          code: 'FAILED',
        });
      if (status === 'ABORTED') throw new CancelledError(`${what} was cancelled on the server`);
      await sleep(delays.next().value, signal);
    }
  };

  try {
    // The probe gives the same ColumnMetadata a normal run would; both run at once.
    // ExecuteStatement is not abortable on purpose: we need the ids to cancel on the server.
    const probeSql = `SELECT * FROM (\n${plan.query}\n) AS data_workbench_columns LIMIT 0`;
    const probeId = await submit(probeSql, 'data-workbench-unload-columns');
    ids.push(probeId);
    if (signal?.aborted) throw new CancelledError();
    const unloadId = await submit(plan.sql, 'data-workbench-unload');
    ids.push(unloadId);
    options.onProgress?.({ phase: 'submitted', statementId: unloadId, message: `UNLOAD running, writing to ${plan.prefix}` });
    const columnsPromise = (async () => {
      await wait(probeId, 'Reading the column types');
      try {
        const out = await client.send(new api.GetStatementResultCommand({ Id: probeId }), { abortSignal: signal });
        return redshiftColumns(out.ColumnMetadata ?? []);
      } catch (e) {
        if (signal?.aborted) throw new CancelledError();
        throw toEngineError(e, SERVICE, config.profile);
      }
    })();
    columnsPromise.catch(() => undefined);
    await wait(unloadId, 'UNLOAD');
    const columns = await columnsPromise;
    options.onProgress?.({ phase: 'unloaded', statementId: unloadId, message: 'UNLOAD finished; reading the manifest' });
    const manifest = await readManifest(s3, s3api, plan, signal);
    const rows =
      manifest.meta?.record_count ??
      manifest.entries.reduce<number | undefined>(
        (n, e) => (n === undefined || e.meta?.record_count === undefined ? undefined : n + e.meta.record_count),
        0,
      );
    const info: UnloadExecution['info'] = {
      queryId: unloadId,
      notes: [
        `unloaded to ${plan.prefix} (${manifest.entries.length} file${manifest.entries.length === 1 ? '' : 's'}${rows !== undefined ? `, ${rows} rows` : ''}); rows read from S3`,
      ],
      unload: { prefix: plan.prefix, manifestUri: plan.manifestUri, statementId: unloadId, files: manifest.entries.length, rows },
    };
    options.onProgress?.({ phase: 'reading', statementId: unloadId, message: `reading ${manifest.entries.length} file(s) from S3` });
    return { columns, info, pages: readParts(s3, s3api, manifest, columns, plan, Math.max(1, options.pageSize ?? PAGE), signal, close) };
  } catch (e) {
    if (signal?.aborted || e instanceof CancelledError) {
      await cancelAll();
      close();
      throw e instanceof CancelledError ? e : new CancelledError();
    }
    // A failed UNLOAD leaves the probe running for nothing; a failed probe the UNLOAD.
    await cancelAll();
    close();
    throw e;
  }
}

type S3Api = typeof import('@aws-sdk/client-s3');

async function getObject(
  s3: S3Client,
  s3api: S3Api,
  uri: string,
  signal?: AbortSignal,
): Promise<AsyncIterable<Uint8Array> & { destroy?: () => void }> {
  const { bucket, key } = parseS3Uri(uri);
  try {
    const out = await s3.send(new s3api.GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return out.Body as AsyncIterable<Uint8Array> & { destroy?: () => void };
  } catch (e) {
    if (signal?.aborted) throw new CancelledError();
    const err = toEngineError(e, `S3 (${uri})`);
    throw err;
  }
}

async function readManifest(s3: S3Client, s3api: S3Api, plan: UnloadPlan, signal?: AbortSignal): Promise<Manifest> {
  const body = await getObject(s3, s3api, plan.manifestUri, signal);
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  let parsed: Manifest;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest;
  } catch (e) {
    throw new EngineError(`The UNLOAD manifest ${plan.manifestUri} is not valid JSON: ${(e as Error).message}`, { category: 'internal' });
  }
  if (!Array.isArray(parsed?.entries) || parsed.entries.some((x) => typeof x?.url !== 'string')) {
    throw new EngineError(`The UNLOAD manifest ${plan.manifestUri} has no "entries" list of urls`, { category: 'internal' });
  }
  return parsed;
}

async function* readParts(
  s3: S3Client,
  s3api: S3Api,
  manifest: Manifest,
  columns: ColumnInfo[],
  plan: UnloadPlan,
  pageSize: number,
  signal: AbortSignal | undefined,
  close: () => void,
): AsyncGenerator<RowBlock> {
  const converters = columns.map(unloadConverter);
  const width = columns.length;
  try {
    for (const entry of manifest.entries) {
      if (signal?.aborted) throw new CancelledError();
      // Rows stay as the file's bytes until shown (csvBlocks.ts). An empty field (unquoted) is ''
      // here: NULL is the run's marker, nothing else.
      const reader = new AthenaCsvBlockReader(
        (column, text) => {
          const raw = text === null ? '' : text;
          const convert = converters[column];
          if (raw === plan.nullMarker) return null;
          return convert ? convert(raw) : raw;
        },
        [],
        { pageSize },
      );
      const checked = (blocks: CsvRowBlock[]): CsvRowBlock[] => {
        for (const block of blocks) {
          if (block.minWidth === width && block.maxWidth === width) continue;
          for (let i = 0; i < block.length; i++) {
            const w = block.width(i);
            if (w !== width)
              throw new EngineError(`UNLOAD file ${entry.url} has a row of ${w} columns, expected ${width}`, { category: 'internal' });
          }
        }
        return blocks;
      };
      const body = await getObject(s3, s3api, entry.url, signal);
      try {
        for await (const chunk of body) {
          if (signal?.aborted) throw new CancelledError();
          yield* checked(reader.push(chunk));
        }
        yield* checked(reader.end());
      } finally {
        body.destroy?.();
      }
    }
  } catch (e) {
    if (signal?.aborted) throw new CancelledError();
    throw e instanceof EngineError ? e : toEngineError(e, 'S3 (UNLOAD files)');
  } finally {
    close();
  }
}
