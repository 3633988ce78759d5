// The submission ledger: what this workspace has submitted (step ids per cluster, transient
// cluster ids), so a second submit of the same rendered steps to the same cluster within a window
// is asked about first, and an interrupted submission is reconciled before any retry.
import { createHash } from 'node:crypto';
import type { StepConfig } from '@aws-sdk/client-emr';

export type SubmissionTarget = { kind: 'cluster'; clusterId: string } | { kind: 'transient'; clusterName: string } | { kind: 'local' };

export interface SubmissionRecord {
  id: string;
  /** sha256 of the target and the rendered step configs (real values; only the hash is kept). */
  fingerprint: string;
  /** sha256 of the target, the template texts and the non-secret vars: the same playbook run the
   * same way, even when its rendering differs (e.g. `nowWithFormat` in a path). */
  inputFingerprint?: string;
  target: SubmissionTarget;
  /** The playbook file it came from (workspace-relative). */
  source: string;
  stepNames: string[];
  /** Set once known: the cluster the steps run on (the new one for run-transient). */
  clusterId?: string;
  /** Step ids in submission order, as EMR (or the local target) numbered them. */
  stepIds: string[];
  /** The cluster's newest step before the first request: steps after it may be ours. */
  baselineStepId?: string;
  submittedAt: number;
  /** `interrupted`: a request failed without an answer; reconcile before retrying. */
  state: 'submitting' | 'submitted' | 'interrupted' | 'failed';
  error?: string;
}

/** Where the ledger lives (the editor's workspaceState; a Map in tests). */
export interface LedgerStore {
  read(): SubmissionRecord[] | undefined;
  write(records: SubmissionRecord[]): Promise<void> | void;
}

/** Records kept per workspace (oldest are dropped). */
const LEDGER_LIMIT = 200;
/** Default window for "submitted the same steps to the same cluster recently". */
export const DEFAULT_DUPLICATE_WINDOW_MS = 60 * 60 * 1000;

export function submissionFingerprint(target: SubmissionTarget, steps: readonly StepConfig[]): string {
  const where =
    target.kind === 'cluster' ? `cluster:${target.clusterId}` : target.kind === 'transient' ? `transient:${target.clusterName}` : 'local';
  const canonical = steps.map((s) => [s.Name ?? '', s.ActionOnFailure ?? '', s.HadoopJarStep?.Jar ?? '', s.HadoopJarStep?.Args ?? []]);
  return createHash('sha256')
    .update(JSON.stringify([where, canonical]))
    .digest('hex');
}

/** The inputs of a submission: target, template texts (playbook, cluster config) and vars. Secret
 * values are left out (only their names count), so no hash of a secret is ever stored. */
export function inputFingerprint(
  target: SubmissionTarget,
  texts: readonly string[],
  vars: ReadonlyMap<string, string>,
  secretNames: ReadonlySet<string>,
): string {
  const where =
    target.kind === 'cluster' ? `cluster:${target.clusterId}` : target.kind === 'transient' ? `transient:${target.clusterName}` : 'local';
  const shown = [...vars].filter(([k]) => !secretNames.has(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(JSON.stringify([where, texts, shown, [...secretNames].sort()]))
    .digest('hex');
}

export class SubmissionLedger {
  private records: SubmissionRecord[];
  private counter = 0;

  constructor(
    private readonly store: LedgerStore,
    private readonly now: () => number = Date.now,
  ) {
    const stored = store.read();
    this.records = Array.isArray(stored) ? stored.filter(isRecord) : [];
  }

  all(): readonly SubmissionRecord[] {
    return this.records;
  }

  /** At start-up no request can be in flight: a record still `submitting` was cut off (the
   * editor closed mid-request), so it is `interrupted` and reconciled before any retry. */
  async markCutOff(): Promise<number> {
    const cut = this.records.filter((r) => r.state === 'submitting');
    for (const r of cut) r.state = 'interrupted';
    if (cut.length) await this.store.write(this.records);
    return cut.length;
  }

  get(id: string): SubmissionRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** A submission of the same rendered steps (or the same inputs) within `windowMs` that did not
   * fail: the user is asked first. */
  findDuplicate(fingerprint: string, windowMs = DEFAULT_DUPLICATE_WINDOW_MS, inputFingerprint?: string): SubmissionRecord | undefined {
    const since = this.now() - windowMs;
    return [...this.records]
      .reverse()
      .find(
        (r) =>
          (r.fingerprint === fingerprint || (inputFingerprint !== undefined && r.inputFingerprint === inputFingerprint)) &&
          r.submittedAt >= since &&
          r.state !== 'failed',
      );
  }

  /** Submissions left `submitting`/`interrupted` (e.g. the editor closed mid-request). */
  unresolved(): SubmissionRecord[] {
    return this.records.filter((r) => r.state === 'submitting' || r.state === 'interrupted');
  }

  async begin(init: Omit<SubmissionRecord, 'id' | 'submittedAt' | 'state' | 'stepIds'>): Promise<SubmissionRecord> {
    const record: SubmissionRecord = {
      ...init,
      id: `sub-${this.now().toString(36)}-${(this.counter++).toString(36)}`,
      submittedAt: this.now(),
      state: 'submitting',
      stepIds: [],
    };
    this.records.push(record);
    if (this.records.length > LEDGER_LIMIT) this.records.splice(0, this.records.length - LEDGER_LIMIT);
    await this.store.write(this.records);
    return record;
  }

  async update(id: string, change: Partial<Omit<SubmissionRecord, 'id'>>): Promise<SubmissionRecord | undefined> {
    const record = this.get(id);
    if (!record) return undefined;
    Object.assign(record, change);
    await this.store.write(this.records);
    return record;
  }
}

function isRecord(v: unknown): v is SubmissionRecord {
  const r = v as SubmissionRecord;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    typeof r.fingerprint === 'string' &&
    Array.isArray(r.stepIds) &&
    typeof r.submittedAt === 'number'
  );
}

/** A LedgerStore in memory (tests, and the editor before a workspace is open). */
export function memoryStore(initial?: SubmissionRecord[]): LedgerStore & { records?: SubmissionRecord[] } {
  const store = {
    records: initial,
    read: () => store.records,
    write: (records: SubmissionRecord[]) => {
      store.records = JSON.parse(JSON.stringify(records)) as SubmissionRecord[];
    },
  };
  return store;
}
