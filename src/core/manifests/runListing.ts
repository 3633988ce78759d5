// Lists the run folders of an enriched archive in S3. A plain Delimiter '/' listing pages 1,000
// folders per request, one after another. Here the first page tells where the runs start; the
// rest is listed as one `run=YYYY-MM` prefix per month in parallel, plus everything sorting after
// the last month, so a 10,000-run archive costs about three round trips instead of ten.
import type { S3Client, _Object } from '@aws-sdk/client-s3';
import { mapPool } from './pool';
import { runFolderName, runFolderTime, type ArchiveLocation } from './runIds';

export interface RunFolder {
  /** Archive-relative prefix with trailing slash, as the SDKs store it. */
  runId: string;
  /** `run=…` */
  folder: string;
  /** Time from a canonical folder name (ms); undefined for other names. */
  time?: number;
}

export interface RunListing {
  runs: RunFolder[];
  /** ListObjectsV2 requests issued. */
  requests: number;
  /** Whether a key (a run id) lies in the key ranges this listing read. Keys outside (odd
   * names between month prefixes) must be checked on their own before calling a run gone. */
  covers(runId: string): boolean;
}

export interface ListRunsOptions {
  signal?: AbortSignal;
  /** Parallel month listings (default 16). */
  concurrency?: number;
  /** Clock for the last month to list (default Date.now()); months up to one past it are read. */
  now?: number;
}

type S3 = typeof import('@aws-sdk/client-s3');
let s3Module: Promise<S3> | undefined;
const loadS3 = (): Promise<S3> => (s3Module ??= import('@aws-sdk/client-s3'));

const MONTH_RE = /^(\d{4})-(\d{2})/;

function monthIndex(yyyyMm: string): number | undefined {
  const m = MONTH_RE.exec(yyyyMm);
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? Number(m[1]) * 12 + month - 1 : undefined;
}

function monthText(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

interface ListRequest {
  prefix: string;
  startAfter?: string;
}

export async function listRunFolders(s3: S3Client, archive: ArchiveLocation, options: ListRunsOptions = {}): Promise<RunListing> {
  const { ListObjectsV2Command } = await loadS3();
  const runsPrefix = `${archive.prefix}run=`;
  const found = new Map<string, RunFolder>();
  let requests = 0;
  const add = (prefix: string): void => {
    if (found.has(prefix)) return;
    const folder = runFolderName(prefix);
    const time = runFolderTime(folder);
    found.set(prefix, time === undefined ? { runId: prefix, folder } : { runId: prefix, folder, time });
  };
  /** Lists one range to its end, page after page; returns the last common prefix seen. */
  const listRange = async (request: ListRequest, firstPageOnly = false): Promise<{ last?: string; truncated: boolean; token?: string }> => {
    let token: string | undefined;
    let last: string | undefined;
    do {
      const out = await s3.send(
        new ListObjectsV2Command({
          Bucket: archive.bucket,
          Prefix: request.prefix,
          Delimiter: '/',
          ...(token ? { ContinuationToken: token } : request.startAfter ? { StartAfter: request.startAfter } : {}),
        }),
        { abortSignal: options.signal },
      );
      requests++;
      for (const p of out.CommonPrefixes ?? []) {
        if (p.Prefix) {
          add(p.Prefix);
          if (last === undefined || p.Prefix > last) last = p.Prefix;
        }
      }
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
      if (firstPageOnly) return { last, truncated: token !== undefined, token };
    } while (token);
    return { last, truncated: false };
  };

  const first = await listRange({ prefix: runsPrefix }, true);
  const done = (covers: (runId: string) => boolean): RunListing => ({ runs: [...found.values()], requests, covers });
  const inRunsRange = (runId: string): boolean => runId.startsWith(runsPrefix);
  if (!first.truncated) return done(inRunsRange);

  const firstMonth = monthIndex(runFolderName(first.last ?? '').slice('run='.length));
  if (firstMonth === undefined) {
    // The first page ended on a folder that is not `run=YYYY-MM…`: go on page by page.
    await listRange({ prefix: runsPrefix, startAfter: first.last });
    return done(inRunsRange);
  }
  const nowMonth = monthIndex(new Date(options.now ?? Date.now()).toISOString().slice(0, 7))!;
  const lastMonth = Math.max(firstMonth, nowMonth) + 1;
  const tailStart = `${runsPrefix}${monthText(lastMonth)}\uffff`;
  const ranges: ListRequest[] = [{ prefix: `${runsPrefix}${monthText(firstMonth)}`, startAfter: first.last }];
  for (let m = firstMonth + 1; m <= lastMonth; m++) ranges.push({ prefix: `${runsPrefix}${monthText(m)}` });
  // Anything sorting after the last month prefix (future-dated or odd names).
  ranges.push({ prefix: runsPrefix, startAfter: tailStart });
  await mapPool(ranges, options.concurrency ?? 16, (range) => listRange(range));

  const firstLast = first.last!;
  return done((runId) => {
    if (!inRunsRange(runId)) return false;
    if (runId <= firstLast || runId > tailStart) return true;
    const month = monthIndex(runId.slice(runsPrefix.length));
    return month !== undefined && month >= firstMonth && month <= lastMonth;
  });
}

/** Whether anything is stored under `runId` (one request, one key). */
export async function runFolderExists(s3: S3Client, bucket: string, runId: string, signal?: AbortSignal): Promise<boolean> {
  const { ListObjectsV2Command } = await loadS3();
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: runId.endsWith('/') ? runId : `${runId}/`, MaxKeys: 1 }), {
    abortSignal: signal,
  });
  return (out.KeyCount ?? out.Contents?.length ?? 0) > 0;
}

export interface RunFile {
  key: string;
  /** Key relative to the run folder. */
  name: string;
  size: number;
  lastModified?: Date;
  storageClass?: string;
}

export interface RunFolderContents {
  runId: string;
  files: RunFile[];
  fileCount: number;
  totalBytes: number;
  /** Files in GLACIER/DEEP_ARCHIVE, which the SDKs skip when listing runs. */
  archivedCount: number;
}

/** Every object under a run folder (all pages), for "reveal files". */
export async function listRunFiles(
  s3: S3Client,
  bucket: string,
  runId: string,
  options: { signal?: AbortSignal; maxFiles?: number } = {},
): Promise<RunFolderContents> {
  const { ListObjectsV2Command } = await loadS3();
  const prefix = runId.endsWith('/') ? runId : `${runId}/`;
  const files: RunFile[] = [];
  let token: string | undefined;
  let fileCount = 0,
    totalBytes = 0,
    archivedCount = 0;
  const maxFiles = options.maxFiles ?? 10_000;
  do {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), {
      abortSignal: options.signal,
    });
    for (const o of (out.Contents ?? []) as _Object[]) {
      if (!o.Key) continue;
      fileCount++;
      totalBytes += o.Size ?? 0;
      if (o.StorageClass === 'GLACIER' || o.StorageClass === 'DEEP_ARCHIVE') archivedCount++;
      if (files.length < maxFiles)
        files.push({
          key: o.Key,
          name: o.Key.slice(prefix.length),
          size: o.Size ?? 0,
          lastModified: o.LastModified,
          storageClass: o.StorageClass,
        });
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return { runId: prefix, files, fileCount, totalBytes, archivedCount };
}
