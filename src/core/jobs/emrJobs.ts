// Submitting to EMR without ever adding the same work twice: AddJobFlowSteps and RunJobFlow go
// out with the SDK's own retries off (a retried request after a dropped answer would add the steps
// again); throttling is retried here (nothing was applied), and any answerless failure is
// reconciled first (ListSteps / ListClusters against a baseline taken just before the call).
// Also the runner's waits: steps until all end (`run`), a transient cluster until it terminates.
import type { EMRClient, StepConfig, RunJobFlowInput, StepSummary, ClusterState, StepState } from '@aws-sdk/client-emr';
import { backoffDelays, sleep as realSleep, type BackoffOptions } from '../aws/backoff';
import { clientConfigFor, type AwsTarget } from '../clusters/awsTarget';
import { batchSteps, MAX_ACTIVE_STEPS } from './requests';

type EmrModule = typeof import('@aws-sdk/client-emr');

const TERMINAL_STEP_STATES: readonly StepState[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'INTERRUPTED'];
const ACTIVE_STEP_STATES: StepState[] = ['PENDING', 'RUNNING', 'CANCEL_PENDING'];
const FAILED_STEP_STATES: readonly StepState[] = ['FAILED', 'CANCELLED', 'INTERRUPTED'];
const DONE_CLUSTER_STATES: readonly ClusterState[] = ['TERMINATED', 'TERMINATED_WITH_ERRORS'];

export interface StepStatus {
  id: string;
  name: string;
  state: StepState;
  started?: Date;
  ended?: Date;
  failure?: { reason?: string; message?: string; logFile?: string };
}

export interface JobOptions {
  /** Poll delays (the runner polls every 15 s/45 s; we start fast and back off). */
  poll?: BackoffOptions;
  /** Throttling retries of a mutating call before giving up. */
  throttleRetries?: number;
  /** Test seam. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  log?: (line: string) => void;
}

/** How a failed call ended: `rejected` (EMR answered no: nothing happened), `throttled`
 * (nothing happened, retry later) or `unknown` (no answer: it may have happened). */
export function failureKind(error: unknown): 'rejected' | 'throttled' | 'unknown' {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  const status = e?.$metadata?.httpStatusCode;
  if (e?.$retryable?.throttling || /Throttl|TooManyRequests|RequestLimitExceeded/.test(e?.name ?? '')) return 'throttled';
  if (status !== undefined && status >= 400 && status < 500) return 'rejected';
  return 'unknown';
}

export class StepsSubmitError extends Error {
  constructor(
    message: string,
    readonly addedStepIds: string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StepsSubmitError';
  }
}

export class EmrJobs {
  private mod?: Promise<{ module: EmrModule; reads: EMRClient; writes: EMRClient }>;

  constructor(
    readonly target: AwsTarget,
    private readonly options: JobOptions = {},
  ) {}

  private emr(): Promise<{ module: EmrModule; reads: EMRClient; writes: EMRClient }> {
    this.mod ??= import('@aws-sdk/client-emr').then((module) => ({
      module,
      reads: new module.EMRClient(clientConfigFor(this.target, 'emr')),
      // One attempt: a retry after a lost answer is decided here, after reconciling.
      writes: new module.EMRClient(clientConfigFor({ ...this.target, maxAttempts: 1 }, 'emr')),
    }));
    return this.mod;
  }

  private sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return (this.options.sleep ?? realSleep)(ms, signal);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  /** Newest-first step ids, reading pages until `stop` says enough. */
  private async listStepsUntil(clusterId: string, stop: (s: StepSummary) => boolean, states?: StepState[]): Promise<StepSummary[]> {
    const { module, reads } = await this.emr();
    const out: StepSummary[] = [];
    let marker: string | undefined;
    do {
      const page = await reads.send(new module.ListStepsCommand({ ClusterId: clusterId, Marker: marker, StepStates: states }));
      for (const s of page.Steps ?? []) {
        if (stop(s)) return out;
        out.push(s);
      }
      marker = page.Marker || undefined;
    } while (marker);
    return out;
  }

  /** Free active-step slots on the cluster (256 − PENDING/RUNNING/CANCEL_PENDING). */
  async stepRoom(clusterId: string): Promise<number> {
    const active = await this.listStepsUntil(clusterId, () => false, ACTIVE_STEP_STATES);
    return Math.max(0, MAX_ACTIVE_STEPS - active.length);
  }

  /**
   * Adds the steps in order, in batches within EMR's active-step limit, and returns their ids.
   * `onBatch` sees the ids of each batch as soon as it is known (the ledger records them).
   * A failure leaves a StepsSubmitError carrying the ids that were added.
   */
  async addSteps(
    clusterId: string,
    steps: StepConfig[],
    onBatch?: (ids: string[]) => Promise<void> | void,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const { module, writes } = await this.emr();
    const added: string[] = [];
    let rest = steps;
    while (rest.length) {
      let room = await this.stepRoom(clusterId);
      const delays = backoffDelays(this.options.poll);
      while (room === 0) {
        this.log(`EMR: ${clusterId} has ${MAX_ACTIVE_STEPS} active steps; waiting for room`);
        await this.sleep(delays.next().value, signal);
        room = await this.stepRoom(clusterId);
      }
      const [batch] = batchSteps(rest, room);
      // The newest step before the call: anything newer that matches is ours.
      const newest = await this.newestStepId(clusterId);
      let ids: string[] | undefined;
      let throttles = 0;
      for (;;) {
        try {
          const out = await writes.send(new module.AddJobFlowStepsCommand({ JobFlowId: clusterId, Steps: batch }), { abortSignal: signal });
          ids = out.StepIds ?? [];
          break;
        } catch (e) {
          const kind = failureKind(e);
          if (kind === 'rejected') throw new StepsSubmitError(messageOf(e), added, { cause: e });
          if (kind === 'throttled' && throttles++ < (this.options.throttleRetries ?? 5)) {
            this.log(`EMR: AddJobFlowSteps throttled; retrying (${throttles})`);
            await this.sleep(backoffAt(throttles, this.options.poll), signal);
            continue;
          }
          if (kind === 'throttled') throw new StepsSubmitError(messageOf(e), added, { cause: e });
          // No answer: did EMR add them? Look before trying again.
          const found = await this.reconcileSteps(clusterId, batch, newest).catch(() => undefined);
          if (found === undefined)
            throw new StepsSubmitError(
              `${messageOf(e)} (and the cluster's steps could not be listed to check whether they were added; not retried)`,
              added,
              { cause: e },
            );
          if (found.length) {
            this.log(`EMR: AddJobFlowSteps lost its answer but the ${found.length} steps are on ${clusterId}; not sent again`);
            ids = found;
            break;
          }
          if (throttles++ >= (this.options.throttleRetries ?? 5)) throw new StepsSubmitError(messageOf(e), added, { cause: e });
          this.log(`EMR: AddJobFlowSteps failed without an answer and added nothing; retrying`);
          await this.sleep(backoffAt(throttles, this.options.poll), signal);
        }
      }
      added.push(...ids);
      await onBatch?.(ids);
      rest = rest.slice(batch.length);
    }
    return added;
  }

  private async newestStepId(clusterId: string): Promise<string | undefined> {
    const { module, reads } = await this.emr();
    const page = await reads.send(new module.ListStepsCommand({ ClusterId: clusterId }));
    return page.Steps?.[0]?.Id;
  }

  /** The ids of `batch` if EMR added it after `newestBefore` (in order), [] if it did not. */
  async reconcileSteps(clusterId: string, batch: StepConfig[], newestBefore: string | undefined): Promise<string[]> {
    const newer = (await this.listStepsUntil(clusterId, (s) => s.Id === newestBefore)).reverse();
    for (let i = newer.length - batch.length; i >= 0; i--) {
      if (batch.every((c, k) => sameStep(newer[i + k], c))) return newer.slice(i, i + batch.length).map((s) => s.Id ?? '');
    }
    return [];
  }

  /**
   * The ids of the longest prefix of `steps` that EMR added after `newestBefore`, found batch by
   * batch: each AddJobFlowSteps lands whole and contiguous, but other submitters' steps may sit
   * between two batches, so a run of matches may resume after foreign steps. Used when resuming
   * a submission cut off between batches: only what did not land is sent again.
   */
  async reconcileLanded(clusterId: string, steps: StepConfig[], newestBefore: string | undefined): Promise<string[]> {
    const newer = (await this.listStepsUntil(clusterId, (s) => s.Id === newestBefore)).reverse();
    const ids: string[] = [];
    for (let p = 0; p < newer.length && ids.length < steps.length; p++) {
      if (!sameStep(newer[p], steps[ids.length])) continue;
      // A batch that landed: take the whole run of consecutive matches.
      while (p < newer.length && ids.length < steps.length && sameStep(newer[p], steps[ids.length])) ids.push(newer[p++].Id ?? '');
      p--;
    }
    return ids;
  }

  /** The steps' current status (ListSteps by id, 10 per call). */
  async stepStatuses(clusterId: string, ids: readonly string[]): Promise<StepStatus[]> {
    const { module, reads } = await this.emr();
    const byId = new Map<string, StepStatus>();
    for (let i = 0; i < ids.length; i += 10) {
      const chunk = ids.slice(i, i + 10);
      let marker: string | undefined;
      do {
        const out = await reads.send(new module.ListStepsCommand({ ClusterId: clusterId, StepIds: chunk, Marker: marker }));
        for (const s of out.Steps ?? []) byId.set(s.Id ?? '', toStatus(s));
        marker = out.Marker || undefined;
      } while (marker);
    }
    return ids.map((id) => byId.get(id) ?? { id, name: '', state: 'PENDING' as StepState });
  }

  /** Polls until every step has ended (INTERRUPTED counts as an error, unlike the runner, which
   * would poll forever). Resolves with the final statuses; `signal` stops waiting (not the steps). */
  async waitForSteps(
    clusterId: string,
    ids: readonly string[],
    onUpdate?: (steps: StepStatus[]) => void,
    signal?: AbortSignal,
  ): Promise<StepsOutcome> {
    const delays = backoffDelays(this.options.poll);
    let last = '';
    for (;;) {
      const steps = await this.stepStatuses(clusterId, ids);
      const key = steps.map((s) => s.state).join();
      if (key !== last) onUpdate?.(steps);
      if (steps.every((s) => TERMINAL_STEP_STATES.includes(s.state))) return stepsOutcome(steps);
      await this.sleep(key !== last ? (this.options.poll?.initialMs ?? 100) : delays.next().value, signal);
      last = key;
    }
  }

  async cancelSteps(clusterId: string, ids: readonly string[]): Promise<{ id: string; cancelled: boolean; reason?: string }[]> {
    const { module, reads } = await this.emr();
    const out = await reads.send(
      new module.CancelStepsCommand({ ClusterId: clusterId, StepIds: [...ids].slice(0, 256), StepCancellationOption: 'SEND_INTERRUPT' }),
    );
    return (out.CancelStepsInfoList ?? []).map((i) => ({ id: i.StepId ?? '', cancelled: i.Status === 'SUBMITTED', reason: i.Reason }));
  }

  async clusterState(clusterId: string): Promise<{ state: ClusterState; reason?: string; code?: string }> {
    const { module, reads } = await this.emr();
    const { Cluster: c } = await reads.send(new module.DescribeClusterCommand({ ClusterId: clusterId }));
    return {
      state: c?.Status?.State ?? 'STARTING',
      reason: c?.Status?.StateChangeReason?.Message,
      code: c?.Status?.StateChangeReason?.Code,
    };
  }

  /**
   * RunJobFlow once. `submissionTag` (a unique value) goes on the cluster as the tag
   * `dw:submission`, so a request whose answer was lost is recognised among new clusters.
   */
  async runJobFlow(request: RunJobFlowInput, submissionTag: string, signal?: AbortSignal): Promise<string> {
    const { module, reads, writes } = await this.emr();
    const input: RunJobFlowInput = { ...request, Tags: [...(request.Tags ?? []), { Key: SUBMISSION_TAG, Value: submissionTag }] };
    const before = new Set(
      (await reads.send(new module.ListClustersCommand({ ClusterStates: ['STARTING', 'BOOTSTRAPPING'] }))).Clusters?.map((c) => c.Id),
    );
    let attempts = 0;
    for (;;) {
      try {
        const out = await writes.send(new module.RunJobFlowCommand(input), { abortSignal: signal });
        if (!out.JobFlowId) throw new Error('EMR returned no cluster id');
        return out.JobFlowId;
      } catch (e) {
        const kind = failureKind(e);
        if (kind === 'rejected' || attempts++ >= (this.options.throttleRetries ?? 5)) throw e;
        if (kind === 'unknown') {
          const candidates =
            (
              await reads.send(
                new module.ListClustersCommand({ ClusterStates: ['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING', 'TERMINATING'] }),
              )
            ).Clusters ?? [];
          for (const c of candidates) {
            if (before.has(c.Id) || c.Name !== request.Name) continue;
            const { Cluster } = await reads.send(new module.DescribeClusterCommand({ ClusterId: c.Id }));
            if (Cluster?.Tags?.some((t) => t.Key === SUBMISSION_TAG && t.Value === submissionTag)) {
              this.log(`EMR: RunJobFlow lost its answer but cluster ${c.Id} was created; not sent again`);
              return c.Id!;
            }
          }
        }
        await this.sleep(backoffAt(attempts, this.options.poll), signal);
      }
    }
  }

  /** The newest page of a cluster's steps (50), oldest first: includes steps submitted elsewhere. */
  async recentSteps(clusterId: string): Promise<StepStatus[]> {
    const { module, reads } = await this.emr();
    const page = await reads.send(new module.ListStepsCommand({ ClusterId: clusterId }));
    return (page.Steps ?? []).reverse().map(toStatus);
  }

  /** Every step of a cluster, oldest first (all pages; the runner reads only the newest 50). */
  async allSteps(clusterId: string): Promise<StepStatus[]> {
    return (await this.listStepsUntil(clusterId, () => false)).reverse().map(toStatus);
  }

  /**
   * The runner's run-transient wait: until the cluster is TERMINATED or TERMINATED_WITH_ERRORS,
   * reporting its steps as they move. Cancelling (`signal`) terminates the cluster and still
   * waits for it to end, so no cluster is left running.
   */
  async waitForTransient(clusterId: string, onUpdate?: (u: TransientUpdate) => void, signal?: AbortSignal): Promise<TransientOutcome> {
    const delays = backoffDelays(this.options.poll);
    let cancelled = false;
    let last = '';
    for (;;) {
      if (signal?.aborted && !cancelled) {
        cancelled = true;
        this.log(`EMR: cancelled by the user; terminating ${clusterId}`);
        await this.terminate(clusterId);
      }
      const cluster = await this.clusterState(clusterId);
      const steps = await this.allSteps(clusterId);
      const key = cluster.state + steps.map((s) => s.state).join();
      if (key !== last) onUpdate?.({ clusterState: cluster.state, steps });
      if (DONE_CLUSTER_STATES.includes(cluster.state)) {
        return {
          ...stepsOutcome(steps),
          clusterId,
          clusterState: cluster.state,
          reason: cluster.reason,
          code: cluster.code,
          cancelledByUser: cancelled,
        };
      }
      const ms = key !== last ? (this.options.poll?.initialMs ?? 100) : delays.next().value;
      last = key;
      // After a cancel the wait itself is no longer cancellable: the cluster must be seen ending.
      await this.sleep(ms, cancelled ? undefined : signal).catch(() => undefined);
    }
  }

  async terminate(clusterId: string): Promise<void> {
    const { module, reads } = await this.emr();
    await reads.send(new module.TerminateJobFlowsCommand({ JobFlowIds: [clusterId] }));
  }

  dispose(): void {
    void this.mod?.then(({ reads, writes }) => {
      reads.destroy();
      writes.destroy();
    });
  }
}

const SUBMISSION_TAG = 'dw:submission';

export interface StepsOutcome {
  steps: StepStatus[];
  failed: number;
  /** The runner's verdict: undefined on success, else "<n>/<total> steps failed to complete successfully". */
  error?: string;
}

export interface TransientUpdate {
  clusterState: ClusterState;
  steps: StepStatus[];
}

export interface TransientOutcome extends StepsOutcome {
  clusterId: string;
  clusterState: ClusterState;
  reason?: string;
  code?: string;
  cancelledByUser: boolean;
}

function stepsOutcome(steps: StepStatus[]): StepsOutcome {
  const failed = steps.filter((s) => FAILED_STEP_STATES.includes(s.state)).length;
  return { steps, failed, error: failed ? `${failed}/${steps.length} steps failed to complete successfully` : undefined };
}

/** A listed step is this config when name, jar and arguments are the same. */
function sameStep(s: StepSummary, c: StepConfig): boolean {
  return (
    s.Name === c.Name &&
    s.Config?.Jar === c.HadoopJarStep?.Jar &&
    JSON.stringify(s.Config?.Args ?? []) === JSON.stringify(c.HadoopJarStep?.Args ?? [])
  );
}

function toStatus(s: StepSummary): StepStatus {
  const f = s.Status?.FailureDetails;
  return {
    id: s.Id ?? '',
    name: s.Name ?? '',
    state: s.Status?.State ?? 'PENDING',
    started: s.Status?.Timeline?.StartDateTime,
    ended: s.Status?.Timeline?.EndDateTime,
    failure: f && (f.Reason || f.Message || f.LogFile) ? { reason: f.Reason, message: f.Message, logFile: f.LogFile } : undefined,
  };
}

function backoffAt(attempt: number, options?: BackoffOptions): number {
  const g = backoffDelays(options);
  let ms = 0;
  for (let i = 0; i < attempt; i++) ms = g.next().value;
  return ms;
}

function messageOf(e: unknown): string {
  const err = e as { name?: string; message?: string };
  return `EMR: ${err?.message || err?.name || String(e)}`;
}
