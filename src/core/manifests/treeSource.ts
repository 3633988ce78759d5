// The Manifests view's TreeSource: configured run, event and SQL manifests as roots, run states
// with counts, runs (newest first) and their files, event-manifest items paged, SQL manifest
// batches. No `vscode`: the editor maps these items to nodes, tests drive it in plain Node.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { classifyAwsError, type ExplorerErrorKind } from '../aws/explorerErrors';
import type { Engine } from '../engines/engine';
import type { ChildPage, TreeSource } from '../explorer/treeModel';
import type { ManifestClients } from './clients';

// The editor loads this module lazily as its own bundle: the clients are built from here too.
export { createManifestClients } from './clients';
import { EventManifestTable, type EtlRange, type EventManifestItem } from './eventManifest';
import type { IgnoredItems } from './itemProblems';
import { createLocalSqlManifest, LOCAL_SQL_MANIFEST } from './localSqlManifest';
import { filterRuns, RunManifestModel, type RunEntry, type RunFilter, type RunManifestSnapshot, type RunState } from './runManifestModel';
import type { RunFile, RunFolderContents } from './runListing';
import type { AwsLocation, EventManifestSetting, ManifestSettings, RunManifestSetting, SqlManifestSetting } from './settings';
import { checkStorageConfig, type StorageConfigReport } from './storageConfig';
import { readSqlManifest, type EtlBatch, type SqlManifestState } from './sqlManifest';

export type ManifestItem =
  | { kind: 'runManifest'; setting: RunManifestSetting }
  | { kind: 'tableMissing'; manifestId: string }
  /** Items of the table that are not manifest entries (or carry a bad attribute): how many, why. */
  | {
      kind: 'ignoredItems';
      manifestId: string;
      manifest: 'run' | 'event';
      ignored: IgnoredItems;
      /** The event page it was found on. */ page?: string;
    }
  | { kind: 'runGroup'; manifestId: string; state: RunState; count: number; total: number }
  | { kind: 'run'; manifestId: string; entry: RunEntry }
  | { kind: 'runFiles'; manifestId: string; runId: string; contents: RunFolderContents }
  | { kind: 'runFile'; manifestId: string; runId: string; file: RunFile }
  | { kind: 'eventManifest'; setting: EventManifestSetting }
  | { kind: 'eventCount'; manifestId: string; count: number; filtered: boolean }
  | { kind: 'eventConfig'; manifestId: string; path: string; report: StorageConfigReport }
  | { kind: 'eventItem'; manifestId: string; item: EventManifestItem }
  | { kind: 'sqlManifest'; setting: SqlManifestSetting }
  | { kind: 'sqlGroup'; manifestId: string; group: 'consumed' | 'waiting'; state: SqlManifestState }
  | { kind: 'sqlBatch'; manifestId: string; group: 'consumed' | 'waiting'; batch: EtlBatch }
  | { kind: 'sqlQuery'; manifestId: string };

/** What the view needs from its host (the editor, or a test): clients, engines, files, a user name. */
export interface ManifestEnvironment {
  clients(location: AwsLocation): Promise<ManifestClients>;
  engine(connection: string, signal: AbortSignal): Promise<Engine>;
  /** A workspace file's text (the event manifest's storage config). */
  readWorkspaceFile(relativePath: string): Promise<string>;
  /** Recorded in MarkedBy. */
  user: string;
}

/** Why the view shows a welcome page instead of a tree (undefined: the tree is shown). */
export type ManifestViewState = 'noConfig' | 'empty' | 'invalid' | 'noCredentials' | 'accessDenied' | undefined;

const RUN_PAGE = 200;
const EVENT_PAGE = 100;
const STATES: readonly RunState[] = ['pending', 'processed', 'orphaned'];

/** Thrown for a manifest whose AWS access failed, keeping the classification for the welcome state. */
export class ManifestAccessError extends Error {
  constructor(
    message: string,
    readonly kind: ExplorerErrorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ManifestAccessError';
  }
}

function encodeKey(key: Record<string, AttributeValue> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64') : undefined;
}

function decodeKey(cursor: string | undefined): Record<string, AttributeValue> | undefined {
  return cursor ? (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as Record<string, AttributeValue>) : undefined;
}

export class ManifestTreeSource implements TreeSource<ManifestItem> {
  private readonly runModels = new Map<string, Promise<RunManifestModel>>();
  /** The same models once built, for synchronous reads of their snapshots. */
  private readonly builtRunModels = new Map<string, RunManifestModel>();
  private readonly eventTables = new Map<string, Promise<EventManifestTable>>();
  /** Run manifests whose next expansion fetches again (refresh); others reuse the snapshot. */
  private readonly stale = new Set<string>();
  private readonly runFilters = new Map<string, RunFilter>();
  private readonly eventFilters = new Map<string, EtlRange>();
  /** The last failure of each root, for the welcome states. */
  private readonly failures = new Map<string, ManifestAccessError>();
  private state: ManifestViewState;

  /** `configured`: the setting is present (an empty one is the 'empty' state, not 'noConfig'). */
  constructor(
    private settings: ManifestSettings,
    private readonly env: ManifestEnvironment,
    private configured = true,
  ) {}

  get viewState(): ManifestViewState {
    return this.state;
  }

  /** New settings: every model is rebuilt on next use. */
  setSettings(settings: ManifestSettings, configured = true): void {
    this.settings = settings;
    this.configured = configured;
    this.runModels.clear();
    this.builtRunModels.clear();
    this.eventTables.clear();
    this.failures.clear();
  }

  configuredManifests(): ManifestSettings {
    return this.settings;
  }

  runSetting(id: string): RunManifestSetting | undefined {
    return this.settings.run.find((r) => r.id === id);
  }

  /** The run manifest's model (AWS SDK loaded on first call). */
  runModel(id: string): Promise<RunManifestModel> {
    let model = this.runModels.get(id);
    if (!model) {
      const setting = this.runSetting(id);
      if (!setting) return Promise.reject(new Error(`No run manifest "${id}" in the settings`));
      model = this.env.clients(setting).then((clients) => {
        const built = new RunManifestModel(setting, clients, { user: this.env.user });
        this.builtRunModels.set(id, built);
        return built;
      });
      model.catch(() => this.runModels.delete(id));
      this.runModels.set(id, model);
    }
    return model;
  }

  /** The run manifest's last snapshot, if it was ever loaded. */
  snapshotOf(id: string): RunManifestSnapshot | undefined {
    return this.builtRunModels.get(id)?.snapshot;
  }

  private eventTable(setting: EventManifestSetting): Promise<EventManifestTable> {
    let table = this.eventTables.get(setting.id);
    if (!table) {
      table = this.env.clients(setting).then((clients) => new EventManifestTable(clients.dynamodb, setting.table));
      table.catch(() => this.eventTables.delete(setting.id));
      this.eventTables.set(setting.id, table);
    }
    return table;
  }

  /** The next expansion of this run manifest lists S3 and scans DynamoDB again. */
  markStale(manifestId: string): void {
    this.stale.add(manifestId);
  }

  setRunFilter(manifestId: string, filter: RunFilter | undefined): void {
    if (filter && (filter.from !== undefined || filter.to !== undefined)) this.runFilters.set(manifestId, filter);
    else this.runFilters.delete(manifestId);
  }

  runFilter(manifestId: string): RunFilter | undefined {
    return this.runFilters.get(manifestId);
  }

  setEventFilter(manifestId: string, range: EtlRange | undefined): void {
    if (range && (range.from !== undefined || range.to !== undefined)) this.eventFilters.set(manifestId, range);
    else this.eventFilters.delete(manifestId);
  }

  eventFilter(manifestId: string): EtlRange | undefined {
    return this.eventFilters.get(manifestId);
  }

  key(item: ManifestItem): string {
    switch (item.kind) {
      case 'runManifest':
        return `run:${item.setting.id}`;
      case 'tableMissing':
        return `run:${item.manifestId}:tableMissing`;
      case 'ignoredItems':
        return `${item.manifest}:${item.manifestId}:ignored${item.page ? `@${item.page}` : ''}`;
      case 'runGroup':
        return `run:${item.manifestId}:${item.state}`;
      case 'run':
        return `run:${item.manifestId}:${item.entry.state}:${item.entry.runId}`;
      case 'runFiles':
        return `run:${item.manifestId}:files:${item.runId}`;
      case 'runFile':
        return `run:${item.manifestId}:file:${item.runId}${item.file.name}`;
      case 'eventManifest':
        return `event:${item.setting.id}`;
      case 'eventCount':
        return `event:${item.manifestId}:count`;
      case 'eventConfig':
        return `event:${item.manifestId}:config`;
      case 'eventItem':
        return `event:${item.manifestId}:item:${item.item.eventId}\u0000${item.item.fingerprint}`;
      case 'sqlManifest':
        return `sql:${item.setting.id}`;
      case 'sqlGroup':
        return `sql:${item.manifestId}:${item.group}`;
      case 'sqlBatch':
        return `sql:${item.manifestId}:${item.group}:${item.batch.etlTstamp}`;
      case 'sqlQuery':
        return `sql:${item.manifestId}:query`;
    }
  }

  hasChildren(item: ManifestItem): boolean {
    switch (item.kind) {
      case 'runManifest':
      case 'eventManifest':
      case 'sqlManifest':
      case 'run':
      case 'runFiles':
        return true;
      case 'runGroup':
        return item.count > 0;
      case 'sqlGroup':
        return (item.group === 'consumed' ? item.state.consumed : item.state.waiting).length > 0;
      default:
        return false;
    }
  }

  emptyText(parent: ManifestItem | undefined): string {
    if (!parent) return 'No manifests configured';
    if (parent.kind === 'eventManifest')
      return this.eventFilters.has(parent.setting.id) ? 'No items in this ETL time range' : 'The event manifest is empty';
    if (parent.kind === 'run') return 'No files in this run folder';
    return 'Nothing here';
  }

  async children(parent: ManifestItem | undefined, cursor: string | undefined, signal: AbortSignal): Promise<ChildPage<ManifestItem>> {
    if (!parent) return { items: await this.roots(signal) };
    switch (parent.kind) {
      case 'runManifest':
        return {
          items: await this.guard(parent.setting.id, 'DynamoDB/S3', parent.setting.profile, () =>
            this.runManifestChildren(parent.setting.id, signal),
          ),
        };
      case 'runGroup':
        return this.runsOf(parent, cursor);
      case 'run':
        return {
          items: await this.guard(undefined, 'S3', this.runSetting(parent.manifestId)?.profile, () => this.runChildren(parent, signal)),
        };
      case 'runFiles':
        return {
          items: parent.contents.files.map((file) => ({ kind: 'runFile', manifestId: parent.manifestId, runId: parent.runId, file })),
        };
      case 'eventManifest':
        return this.guard(parent.setting.id, 'DynamoDB', parent.setting.profile, () => this.eventChildren(parent.setting, cursor, signal));
      case 'sqlManifest':
        return { items: await this.sqlChildren(parent.setting, signal) };
      case 'sqlGroup':
        return {
          items: (parent.group === 'consumed' ? parent.state.consumed : parent.state.waiting).map((batch) => ({
            kind: 'sqlBatch',
            manifestId: parent.manifestId,
            group: parent.group,
            batch,
          })),
        };
      default:
        return { items: [] };
    }
  }

  /** The roots. AWS manifests are opened here (their counts are the roots' descriptions) so that
   * missing credentials or denied access everywhere can show a welcome page instead of errors. */
  private async roots(signal: AbortSignal): Promise<ManifestItem[]> {
    const { run, event, sql, errors } = this.settings;
    const roots: ManifestItem[] = [
      ...run.map((setting) => ({ kind: 'runManifest', setting }) as const),
      ...event.map((setting) => ({ kind: 'eventManifest', setting }) as const),
      ...sql.map((setting) => ({ kind: 'sqlManifest', setting }) as const),
    ];
    if (roots.length === 0) {
      this.state = errors.length ? 'invalid' : this.configured ? 'empty' : 'noConfig';
      return [];
    }
    this.failures.clear();
    await Promise.all([
      ...run.map((s) => this.guard(s.id, 'DynamoDB/S3', s.profile, () => this.openRun(s.id, signal)).catch(() => undefined)),
      ...event.map((s) =>
        this.guard(s.id, 'DynamoDB', s.profile, async () => (await this.eventTable(s)).browse({ limit: 1, signal })).catch(() => undefined),
      ),
    ]);
    const kinds = [...this.failures.values()].map((f) => f.kind);
    const allAwsFailed = sql.length === 0 && kinds.length === run.length + event.length;
    this.state = !allAwsFailed
      ? undefined
      : kinds.every((k) => k === 'no-credentials')
        ? 'noCredentials'
        : kinds.every((k) => k === 'no-credentials' || k === 'access-denied')
          ? 'accessDenied'
          : undefined;
    return this.state ? [] : roots;
  }

  /** The last failure of a root, if its last load failed (shown as its description). */
  failure(manifestId: string): ManifestAccessError | undefined {
    return this.failures.get(manifestId);
  }

  private async guard<R>(manifestId: string | undefined, service: string, profile: string | undefined, call: () => Promise<R>): Promise<R> {
    try {
      const result = await call();
      if (manifestId) this.failures.delete(manifestId);
      return result;
    } catch (e) {
      if (e instanceof ManifestAccessError) throw e;
      const info = classifyAwsError(e, service, profile);
      const error = new ManifestAccessError(info.message, info.kind, { cause: e });
      if (manifestId && info.kind !== 'cancelled') this.failures.set(manifestId, error);
      throw error;
    }
  }

  private async openRun(id: string, signal: AbortSignal): Promise<RunManifestModel> {
    const model = await this.runModel(id);
    if (!model.snapshot || this.stale.has(id)) {
      await model.refresh(signal);
      this.stale.delete(id);
    }
    return model;
  }

  private async runManifestChildren(id: string, signal: AbortSignal): Promise<ManifestItem[]> {
    const model = await this.openRun(id, signal);
    const snapshot = model.snapshot!;
    const filter = this.runFilters.get(id);
    const shown = filter ? filterRuns(snapshot.entries, filter) : snapshot.entries;
    const items: ManifestItem[] = snapshot.tableMissing ? [{ kind: 'tableMissing', manifestId: id }] : [];
    if (snapshot.ignored.count) items.push({ kind: 'ignoredItems', manifestId: id, manifest: 'run', ignored: snapshot.ignored });
    for (const state of STATES) {
      items.push({
        kind: 'runGroup',
        manifestId: id,
        state,
        count: shown.filter((e) => e.state === state).length,
        total: snapshot.counts[state],
      });
    }
    return items;
  }

  private async runsOf(group: Extract<ManifestItem, { kind: 'runGroup' }>, cursor: string | undefined): Promise<ChildPage<ManifestItem>> {
    const model = await this.runModel(group.manifestId);
    const entries = filterRuns(model.snapshot?.entries ?? [], { ...this.runFilters.get(group.manifestId), states: [group.state] });
    const start = cursor ? Number(cursor) : 0;
    const page = entries.slice(start, start + RUN_PAGE).map((entry) => ({ kind: 'run', manifestId: group.manifestId, entry }) as const);
    return start + RUN_PAGE < entries.length ? { items: page, next: String(start + RUN_PAGE) } : { items: page };
  }

  private async runChildren(run: Extract<ManifestItem, { kind: 'run' }>, signal: AbortSignal): Promise<ManifestItem[]> {
    if (run.entry.state === 'orphaned') return [];
    const model = await this.runModel(run.manifestId);
    const contents = await model.files(run.entry.runId, signal);
    return contents.fileCount === 0 ? [] : [{ kind: 'runFiles', manifestId: run.manifestId, runId: run.entry.runId, contents }];
  }

  private async eventChildren(
    setting: EventManifestSetting,
    cursor: string | undefined,
    signal: AbortSignal,
  ): Promise<ChildPage<ManifestItem>> {
    const table = await this.eventTable(setting);
    const range = this.eventFilters.get(setting.id) ?? {};
    const head: ManifestItem[] = [];
    if (!cursor) {
      const [count, config] = await Promise.all([
        table.count({ ...range, signal }),
        setting.configFile ? this.storageConfig(setting.configFile) : undefined,
      ]);
      head.push({ kind: 'eventCount', manifestId: setting.id, count, filtered: this.eventFilters.has(setting.id) });
      if (config && setting.configFile)
        head.push({ kind: 'eventConfig', manifestId: setting.id, path: setting.configFile, report: config });
    }
    const page = await table.browse({ ...range, limit: EVENT_PAGE, startKey: decodeKey(cursor), signal });
    // Said with the page they were found on: a scan meets them wherever DynamoDB's hash order puts them.
    if (page.ignored.count)
      head.push({
        kind: 'ignoredItems',
        manifestId: setting.id,
        manifest: 'event',
        ignored: page.ignored,
        ...(cursor ? { page: cursor } : {}),
      });
    const items: ManifestItem[] = [...head, ...page.items.map((item) => ({ kind: 'eventItem', manifestId: setting.id, item }) as const)];
    const next = encodeKey(page.nextKey);
    return next ? { items, next } : { items };
  }

  private async storageConfig(path: string): Promise<StorageConfigReport> {
    let text: string;
    try {
      text = await this.env.readWorkspaceFile(path);
    } catch (e) {
      return { valid: false, problems: [{ path: '', message: `Cannot read ${path}: ${(e as Error).message}` }] };
    }
    return checkStorageConfig(text);
  }

  private async sqlChildren(setting: SqlManifestSetting, signal: AbortSignal): Promise<ManifestItem[]> {
    const engine = await this.env.engine(setting.connection, signal);
    // The embedded default: the local connection's sample manifest is made on first open.
    if (engine.kind === 'local' && sameTable(setting.manifest, LOCAL_SQL_MANIFEST.manifest))
      await createLocalSqlManifest(engine, { config: setting, signal });
    const state = await readSqlManifest(engine, setting, { signal });
    return [
      { kind: 'sqlGroup', manifestId: setting.id, group: 'consumed', state },
      { kind: 'sqlGroup', manifestId: setting.id, group: 'waiting', state },
      { kind: 'sqlQuery', manifestId: setting.id },
    ];
  }
}

function sameTable(a: { schema?: string; name: string }, b: { schema?: string; name: string }): boolean {
  return (a.schema ?? '').toLowerCase() === (b.schema ?? '').toLowerCase() && a.name.toLowerCase() === b.name.toLowerCase();
}
