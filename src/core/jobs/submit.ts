// One submission, start to end, with the ledger: the duplicate check (asks first), the record
// before the request, step/cluster ids as soon as they are known, and for a submission that was
// interrupted, a reconcile (ListSteps) before anything is sent again.
import type { RunJobFlowInput, StepConfig } from '@aws-sdk/client-emr';
import {
  DEFAULT_DUPLICATE_WINDOW_MS,
  submissionFingerprint,
  type SubmissionLedger,
  type SubmissionRecord,
  type SubmissionTarget,
} from './ledger';
import { failureKind, StepsSubmitError, type EmrJobs, type TransientOutcome, type TransientUpdate } from './emrJobs';

export interface SubmitCommon {
  ledger: SubmissionLedger;
  /** Workspace-relative playbook path (shown in the ledger and the monitor). */
  source: string;
  stepConfigs: StepConfig[];
  /** Asked when the same steps went to the same target within the window; false stops. */
  confirmDuplicate(previous: SubmissionRecord): Promise<boolean>;
  duplicateWindowMs?: number;
  /** ledger.inputFingerprint of this submission, so a re-render of the same inputs also asks. */
  inputFingerprint?: string;
}

export class SubmissionDeclined extends Error {
  constructor() {
    super('Not submitted: the same steps were submitted recently and resubmitting was declined');
  }
}

async function begin(common: SubmitCommon, target: SubmissionTarget, clusterId?: string): Promise<SubmissionRecord> {
  const fingerprint = submissionFingerprint(target, common.stepConfigs);
  const previous = common.ledger.findDuplicate(
    fingerprint,
    common.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS,
    common.inputFingerprint,
  );
  if (previous && !(await common.confirmDuplicate(previous))) throw new SubmissionDeclined();
  return common.ledger.begin({
    fingerprint,
    inputFingerprint: common.inputFingerprint,
    target,
    source: common.source,
    stepNames: common.stepConfigs.map((s) => s.Name ?? ''),
    clusterId,
  });
}

/** AddJobFlowSteps to a running cluster. Resolves with the record holding every step id. */
export async function submitToCluster(
  jobs: EmrJobs,
  clusterId: string,
  common: SubmitCommon,
  signal?: AbortSignal,
): Promise<SubmissionRecord> {
  // The same steps were interrupted on their way to this cluster: reconcile and finish that one.
  const interrupted = [...common.ledger.unresolved()]
    .reverse()
    .find((r) => r.state === 'interrupted' && r.fingerprint === submissionFingerprint({ kind: 'cluster', clusterId }, common.stepConfigs));
  if (interrupted) return resumeSubmission(jobs, interrupted, common, signal);
  const record = await begin(common, { kind: 'cluster', clusterId }, clusterId);
  let baselineStepId: string | undefined;
  try {
    baselineStepId = (await jobs.recentSteps(clusterId)).at(-1)?.id;
  } catch (e) {
    // Nothing was sent yet.
    await common.ledger.update(record.id, { state: 'failed', error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
  if (baselineStepId) await common.ledger.update(record.id, { baselineStepId });
  return addRemaining(jobs, record, common, signal);
}

async function addRemaining(
  jobs: EmrJobs,
  record: SubmissionRecord,
  common: SubmitCommon,
  signal?: AbortSignal,
): Promise<SubmissionRecord> {
  const clusterId = record.clusterId!;
  const remaining = common.stepConfigs.slice(record.stepIds.length);
  try {
    await jobs.addSteps(
      clusterId,
      remaining,
      async (ids) => {
        await common.ledger.update(record.id, { stepIds: [...record.stepIds, ...ids] });
      },
      signal,
    );
    return (await common.ledger.update(record.id, { state: 'submitted', error: undefined }))!;
  } catch (e) {
    const unknown = e instanceof StepsSubmitError ? failureKind(e.cause) === 'unknown' : failureKind(e) === 'unknown';
    await common.ledger.update(record.id, { state: unknown ? 'interrupted' : 'failed', error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

/**
 * Retries an interrupted submission: first looks on the cluster for the steps not yet recorded
 * (added after the last recorded one, same names/jars/args, in order, batch by batch: a cut-off
 * between batches leaves the earlier ones landed) and records them; only the rest are sent.
 */
export async function resumeSubmission(
  jobs: EmrJobs,
  record: SubmissionRecord,
  common: Omit<SubmitCommon, 'confirmDuplicate'>,
  signal?: AbortSignal,
): Promise<SubmissionRecord> {
  if (record.state !== 'interrupted' && record.state !== 'submitting')
    throw new Error(`Submission ${record.id} is ${record.state}; only an interrupted one is resumed`);
  if (!record.clusterId || record.target.kind !== 'cluster') throw new Error(`Submission ${record.id} has no cluster to reconcile with`);
  const remaining = common.stepConfigs.slice(record.stepIds.length);
  const last = record.stepIds.at(-1) ?? record.baselineStepId;
  const found = remaining.length ? await jobs.reconcileLanded(record.clusterId, remaining, last) : [];
  if (found.length) await common.ledger.update(record.id, { stepIds: [...record.stepIds, ...found] });
  return addRemaining(jobs, common.ledger.get(record.id)!, { ...common, confirmDuplicate: async () => true }, signal);
}

/**
 * run-transient: RunJobFlow (KeepAlive=false, steps embedded), then waits for termination as the
 * runner does; `signal` (the user's cancel) terminates the cluster and waits for it to end.
 */
export async function submitTransient(
  jobs: EmrJobs,
  request: RunJobFlowInput,
  common: SubmitCommon,
  onUpdate?: (u: TransientUpdate & { clusterId: string }) => void,
  signal?: AbortSignal,
): Promise<{ record: SubmissionRecord; outcome: TransientOutcome }> {
  const record = await begin(common, { kind: 'transient', clusterName: request.Name ?? '' });
  let clusterId: string;
  try {
    clusterId = await jobs.runJobFlow(request, record.id, signal);
  } catch (e) {
    await common.ledger.update(record.id, {
      state: failureKind(e) === 'unknown' ? 'interrupted' : 'failed',
      error: e instanceof Error ? e.message : String(e),
    });
    throw e;
  }
  const steps = await jobs.allSteps(clusterId).catch(() => []);
  await common.ledger.update(record.id, { clusterId, stepIds: steps.map((s) => s.id), state: 'submitted' });
  const outcome = await jobs.waitForTransient(clusterId, (u) => onUpdate?.({ ...u, clusterId }), signal);
  return { record: common.ledger.get(record.id)!, outcome };
}
