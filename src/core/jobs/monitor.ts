// The Step Monitor's model: the steps of watched clusters (those submitted here and any submitted
// from elsewhere) and of local runs, with live state, durations and failure reasons. EMR clusters
// are polled with back-off (core/clusters/poller.ts) and the poll pauses while the panel is hidden.
// Reports each step's first move into an end state so the editor can notify.
import type { StepState } from '@aws-sdk/client-emr';
import { Poller, compareStates, type PollerOptions } from '../clusters/poller';
import type { StepStatus } from './emrJobs';

export type MonitorState = StepState;

export interface MonitorRow {
  /** `<target>/<step id>`: unique across clusters and local runs. */
  key: string;
  /** A cluster id, or `local`. */
  target: string;
  id: string;
  name: string;
  state: MonitorState;
  started?: number;
  ended?: number;
  durationMs?: number;
  failureReason?: string;
  logFile?: string;
  /** Submitted from this workspace (else seen on a watched cluster). */
  submittedHere: boolean;
}

/** What the monitor reads from EMR (EmrJobs implements it). */
export interface StepSource {
  recentSteps(clusterId: string): Promise<StepStatus[]>;
  stepStatuses(clusterId: string, ids: readonly string[]): Promise<StepStatus[]>;
}

const CHANGING: readonly string[] = ['PENDING', 'CANCEL_PENDING', 'RUNNING'];
const ENDED: readonly string[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'INTERRUPTED'];

export interface MonitorOptions extends PollerOptions {
  now?: () => number;
}

export class StepMonitorModel {
  private readonly rows = new Map<string, MonitorRow>();
  private readonly clusters = new Map<string, Set<string>>();
  private readonly poller: Poller;
  private readonly listeners = new Set<() => void>();
  private readonly endListeners = new Set<(row: MonitorRow) => void>();
  private visible = true;
  private readonly now: () => number;

  constructor(
    private readonly source: () => StepSource | undefined,
    options: MonitorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.poller = new Poller((signal) => this.refresh(signal), options);
  }

  get pollerState(): string {
    return this.poller.state;
  }

  /** Rows newest first (by start, then submission order). */
  list(): MonitorRow[] {
    return [...this.rows.values()].reverse().sort((a, b) => (b.started ?? Infinity) - (a.started ?? Infinity));
  }

  get(key: string): MonitorRow | undefined {
    return this.rows.get(key);
  }

  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A step submitted here reached COMPLETED, FAILED, CANCELLED or INTERRUPTED. */
  onDidEnd(listener: (row: MonitorRow) => void): () => void {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Starts watching a cluster; `stepIds` are the ones submitted here. */
  watchCluster(clusterId: string, stepIds: readonly string[] = []): void {
    const mine = this.clusters.get(clusterId) ?? new Set<string>();
    for (const id of stepIds) mine.add(id);
    this.clusters.set(clusterId, mine);
    for (const id of stepIds) {
      const key = `${clusterId}/${id}`;
      if (!this.rows.has(key)) this.rows.set(key, { key, target: clusterId, id, name: '', state: 'PENDING', submittedHere: true });
      else this.rows.get(key)!.submittedHere = true;
    }
    this.changed();
    if (this.visible || stepIds.length) this.kick();
  }

  watchedClusters(): string[] {
    return [...this.clusters.keys()];
  }

  /** A local step's status (pushed by the local run as it moves). */
  updateLocal(status: {
    id: string;
    name: string;
    state: MonitorState;
    started?: number;
    ended?: number;
    failure?: { reason: string };
  }): void {
    const key = `local/${status.id}`;
    const before = this.rows.get(key);
    const row: MonitorRow = {
      key,
      target: 'local',
      id: status.id,
      name: status.name,
      state: status.state,
      started: status.started,
      ended: status.ended,
      durationMs: status.started !== undefined ? (status.ended ?? this.now()) - status.started : undefined,
      failureReason: status.failure?.reason,
      submittedHere: true,
    };
    this.rows.set(key, row);
    if (before?.state !== row.state && ENDED.includes(row.state)) for (const l of this.endListeners) l(row);
    this.changed();
  }

  /** The panel was hidden or shown: polling pauses while nobody looks, except that steps
   * submitted here and still active keep being polled (backed off) so their end is notified. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) this.kick();
    else if (!this.hasActiveMine()) this.poller.pause();
  }

  private hasActiveMine(): boolean {
    return [...this.rows.values()].some((r) => r.submittedHere && r.target !== 'local' && CHANGING.includes(r.state));
  }

  /** Polls now (after a submission, a cancel, or "Refresh"). */
  kick(): void {
    if (!this.clusters.size) return;
    if (this.poller.state === 'paused') this.poller.resume();
    else this.poller.start();
  }

  async dispose(): Promise<void> {
    this.listeners.clear();
    await this.poller.stop();
  }

  /** One refresh of every watched cluster (also used directly by tests). */
  async refresh(signal?: AbortSignal): Promise<'changed' | 'unchanged' | 'settled'> {
    const source = this.source();
    if (!source) return 'settled';
    const before = new Map([...this.rows].filter(([, r]) => r.target !== 'local').map(([k, r]) => [k, r.state as string]));
    for (const [clusterId, mine] of this.clusters) {
      if (signal?.aborted) return 'unchanged';
      const recent = await source.recentSteps(clusterId);
      const seen = new Set(recent.map((s) => s.id));
      const missing = [...mine].filter((id) => !seen.has(id));
      const older = missing.length ? await source.stepStatuses(clusterId, missing) : [];
      for (const s of [...older, ...recent]) this.apply(clusterId, s, mine.has(s.id));
    }
    const after = new Map([...this.rows].filter(([, r]) => r.target !== 'local').map(([k, r]) => [k, r.state as string]));
    this.changed();
    // Hidden and nothing of ours left to wait for: stop until shown again.
    if (!this.visible && !this.hasActiveMine()) return 'settled';
    return compareStates(before, after, CHANGING);
  }

  private apply(clusterId: string, s: StepStatus, mine: boolean): void {
    const key = `${clusterId}/${s.id}`;
    const before = this.rows.get(key);
    const started = s.started?.getTime();
    const ended = s.ended?.getTime();
    const row: MonitorRow = {
      key,
      target: clusterId,
      id: s.id,
      name: s.name,
      state: s.state,
      started,
      ended,
      durationMs: started !== undefined ? (ended ?? this.now()) - started : undefined,
      failureReason: s.failure ? [s.failure.reason, s.failure.message].filter(Boolean).join(': ') : undefined,
      logFile: s.failure?.logFile,
      submittedHere: mine,
    };
    this.rows.set(key, row);
    if (mine && before && before.state !== row.state && ENDED.includes(row.state)) for (const l of this.endListeners) l(row);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
