// The Run manifests view model: one configured DynamoDB manifest table + S3 enriched archive,
// diffed into processed / pending / orphaned runs, newest first, with the mark actions that keep
// the snapshot in step. The editor maps `entries` to tree items and calls the actions.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { listRunFiles, listRunFolders, runFolderExists, type RunFolderContents } from './runListing';
import { parseArchiveUri, runFolderName, runFolderTime, runKey, type ArchiveLocation } from './runIds';
import { RunManifestTable, type MarkOutcome, type RunManifestItem, type UnmarkOutcome } from './runManifestTable';
import { noIgnoredItems, type IgnoredItems } from './itemProblems';
import { mapPool } from './pool';

export interface RunManifestConfig {
  /** Stable id for the view (settings key). */
  id: string;
  label?: string;
  /** DynamoDB manifest table name. */
  table: string;
  /** `s3://bucket/path/to/enriched/archive/` */
  archive: string;
}

export type RunState = 'processed' | 'pending' | 'orphaned';

export interface RunEntry {
  /** The manifest key (for processed/orphaned: exactly as stored). */
  runId: string;
  folder: string;
  /** From the folder name, ms since epoch; undefined for non-canonical names (listed last). */
  time?: number;
  state: RunState;
  /** Present for processed and orphaned runs; `markedBy`/`markedAt` only for editor marks. */
  mark?: RunManifestItem;
}

export interface RunCounts {
  processed: number;
  pending: number;
  orphaned: number;
}

export interface RunManifestSnapshot {
  entries: RunEntry[];
  counts: RunCounts;
  /** Manifest items for other archives sharing the table (not shown as runs). */
  otherItems: number;
  /** Items that are not run manifest entries (or carry a bad attribute), with why. */
  ignored: IgnoredItems;
  tableMissing: boolean;
  refreshedAt: Date;
  requests: { list: number; scan: number; verify: number };
}

export interface RunFilter {
  /** Inclusive bounds on the run time (ms). Runs without a time are kept only with no bounds. */
  from?: number;
  to?: number;
  states?: readonly RunState[];
}

/** Newest first; runs with non-canonical names after all dated runs, by id descending. */
export function compareRuns(a: RunEntry, b: RunEntry): number {
  if (a.time !== undefined && b.time !== undefined && a.time !== b.time) return b.time - a.time;
  if (a.time !== undefined && b.time === undefined) return -1;
  if (a.time === undefined && b.time !== undefined) return 1;
  return a.runId < b.runId ? 1 : a.runId > b.runId ? -1 : 0;
}

export function countRuns(entries: readonly RunEntry[]): RunCounts {
  const counts: RunCounts = { processed: 0, pending: 0, orphaned: 0 };
  for (const e of entries) counts[e.state]++;
  return counts;
}

export function filterRuns(entries: readonly RunEntry[], filter: RunFilter = {}): RunEntry[] {
  const bounded = filter.from !== undefined || filter.to !== undefined;
  return entries.filter((e) => {
    if (filter.states && !filter.states.includes(e.state)) return false;
    if (!bounded) return true;
    if (e.time === undefined) return false;
    return (filter.from === undefined || e.time >= filter.from) && (filter.to === undefined || e.time <= filter.to);
  });
}

/** Joins a listing and a manifest scan. Exported for tests; `refresh` is the real entry point. */
export function diffRuns(
  archive: ArchiveLocation,
  listed: readonly { runId: string; folder: string; time?: number }[],
  items: readonly RunManifestItem[],
): { entries: RunEntry[]; otherItems: number; unlisted: RunManifestItem[] } {
  const marks = new Map<string, RunManifestItem>();
  let otherItems = 0;
  for (const item of items) {
    if (!item.runId.startsWith(archive.prefix) || item.runId.length === archive.prefix.length) otherItems++;
    else marks.set(runKey(item.runId), item);
  }
  const entries: RunEntry[] = [];
  for (const run of listed) {
    const mark = marks.get(run.runId);
    if (mark) {
      marks.delete(run.runId);
      entries.push({
        runId: mark.runId,
        folder: run.folder,
        ...(run.time !== undefined ? { time: run.time } : {}),
        state: 'processed',
        mark,
      });
    } else {
      entries.push({ runId: run.runId, folder: run.folder, ...(run.time !== undefined ? { time: run.time } : {}), state: 'pending' });
    }
  }
  return { entries, otherItems, unlisted: [...marks.values()] };
}

function orphanEntry(item: RunManifestItem): RunEntry {
  const folder = runFolderName(item.runId);
  const time = runFolderTime(folder);
  return { runId: item.runId, folder, ...(time !== undefined ? { time } : {}), state: 'orphaned', mark: item };
}

export interface RunManifestModelOptions {
  /** Parallel Scan segments (default 4). */
  scanSegments?: number;
  /** Parallel S3 listings (default 16). */
  listConcurrency?: number;
  /** Who marks from this editor (recorded in MarkedBy). */
  user: string;
}

type Listener = (snapshot: RunManifestSnapshot) => void;

export class RunManifestModel {
  readonly archive: ArchiveLocation;
  readonly table: RunManifestTable;
  private current?: RunManifestSnapshot;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly config: RunManifestConfig,
    private readonly clients: { dynamodb: DynamoDBClient; s3: S3Client },
    private readonly options: RunManifestModelOptions,
  ) {
    this.archive = parseArchiveUri(config.archive);
    this.table = new RunManifestTable(clients.dynamodb, config.table);
  }

  get snapshot(): RunManifestSnapshot | undefined {
    return this.current;
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Lists S3 and scans the manifest at the same time, then joins them. A missing table shows
   * every run as pending (and `tableMissing`), so the view can offer to create it. */
  async refresh(outer?: AbortSignal): Promise<RunManifestSnapshot> {
    // The first failure (or the caller's cancel) stops the other listings and scan segments.
    const inner = new AbortController();
    const stop = (): void => inner.abort();
    outer?.addEventListener('abort', stop, { once: true });
    const signal = inner.signal;
    try {
      return await this.refreshWith(signal);
    } catch (e) {
      inner.abort();
      throw e;
    } finally {
      outer?.removeEventListener('abort', stop);
    }
  }

  private async refreshWith(signal: AbortSignal): Promise<RunManifestSnapshot> {
    const scan = this.table.scanAll({ segments: this.options.scanSegments ?? 4, signal }).catch((e: unknown) => {
      if ((e as { name?: string })?.name === 'ResourceNotFoundException') return undefined;
      throw e;
    });
    const [listing, scanned] = await Promise.all([
      listRunFolders(this.clients.s3, this.archive, { signal, concurrency: this.options.listConcurrency }),
      scan,
    ]);
    const { entries, otherItems, unlisted } = diffRuns(this.archive, listing.runs, scanned?.items ?? []);
    // A mark outside the ranges listed (odd folder names) is checked on its own before it is called orphaned.
    const toVerify = unlisted.filter((item) => !listing.covers(runKey(item.runId)));
    const present = await mapPool(toVerify, 8, (item) => runFolderExists(this.clients.s3, this.archive.bucket, item.runId, signal));
    const stillThere = new Set(toVerify.filter((_, i) => present[i]).map((item) => item.runId));
    for (const item of unlisted) {
      if (stillThere.has(item.runId)) entries.push({ ...orphanEntry(item), state: 'processed' });
      else entries.push(orphanEntry(item));
    }
    entries.sort(compareRuns);
    const snapshot: RunManifestSnapshot = {
      entries,
      counts: countRuns(entries),
      otherItems,
      ignored: scanned?.ignored ?? noIgnoredItems(),
      tableMissing: scanned === undefined,
      refreshedAt: new Date(),
      requests: { list: listing.requests, scan: scanned?.requests ?? 0, verify: toVerify.length },
    };
    this.publish(snapshot);
    return snapshot;
  }

  /** Creates the manifest table (on demand, RunId hash key) if it does not exist. */
  async createTable(signal?: AbortSignal): Promise<'created' | 'exists'> {
    const result = await this.table.ensureTable({ signal });
    if (this.current?.tableMissing) this.publish({ ...this.current, tableMissing: false });
    return result;
  }

  /** Marks pending runs processed; each conflict is reported and the stored mark is shown. */
  async mark(runIds: readonly string[], signal?: AbortSignal): Promise<MarkOutcome[]> {
    const outcomes = await this.table.markMany(runIds, this.options.user, { signal });
    this.apply(
      outcomes.map((o) =>
        o.status === 'marked'
          ? { runId: o.runId, mark: o.item }
          : o.status === 'conflict' && o.current
            ? { runId: o.runId, mark: o.current }
            : undefined,
      ),
    );
    return outcomes;
  }

  /** Unmarks runs, each only if its mark is still the one this snapshot shows. */
  async unmark(entries: readonly RunEntry[], signal?: AbortSignal): Promise<UnmarkOutcome[]> {
    const items = entries.map((e) => e.mark ?? { runId: e.runId });
    const outcomes = await this.table.unmarkMany(items, { signal });
    this.apply(
      outcomes.map((o) =>
        o.status === 'unmarked'
          ? { runId: o.runId, mark: undefined }
          : o.status === 'conflict'
            ? { runId: o.runId, mark: o.current }
            : undefined,
      ),
    );
    return outcomes;
  }

  /** A run folder's files (count, sizes) for "reveal". */
  files(runId: string, signal?: AbortSignal): Promise<RunFolderContents> {
    return listRunFiles(this.clients.s3, this.archive.bucket, runId, { signal });
  }

  /** Applies what the server now holds for some runs to the snapshot without a full refresh. */
  private apply(changes: ({ runId: string; mark: RunManifestItem | undefined } | undefined)[]): void {
    if (!this.current) return;
    const byKey = new Map(this.current.entries.map((e) => [runKey(e.runId), e]));
    let changed = false;
    for (const change of changes) {
      if (!change) continue;
      const entry = byKey.get(runKey(change.runId));
      if (!entry) continue;
      changed = true;
      if (change.mark) {
        entry.mark = change.mark;
        entry.runId = change.mark.runId;
        if (entry.state === 'pending') entry.state = 'processed';
      } else {
        delete entry.mark;
        if (entry.state === 'processed') entry.state = 'pending';
        else if (entry.state === 'orphaned') byKey.delete(runKey(change.runId));
      }
    }
    if (!changed) return;
    const entries = [...byKey.values()].sort(compareRuns);
    this.publish({ ...this.current, entries, counts: countRuns(entries) });
  }

  private publish(snapshot: RunManifestSnapshot): void {
    this.current = snapshot;
    for (const listener of this.listeners) listener(snapshot);
  }
}
