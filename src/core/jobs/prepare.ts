// Turns an open playbook (and, for run-transient, a cluster.json) plus vars into what the Job
// Submission panel shows and sends: the rendered steps twice, once with the real values (the
// request) and once with secret vars masked (the preview and dry run), problems with positions,
// and whether each step can run on the local target.
import type { RunJobFlowInput, StepConfig } from '@aws-sdk/client-emr';
import type { ClusterConfig, PlaybookConfig, Step } from '../playbook/model';
import { renderPlaybook, type RenderEnv } from '../playbook/render';
import { lineColumn, parseCluster, parsePlaybook } from '../playbook/validate';
import { maskedVars, maskSecretValues } from '../playbook/vars';
import { scanTemplate } from '../playbook/templateScan';
import { checkSteps, dryRunJson, runJobFlowRequest, RequestBuildError, toStepConfigs } from './requests';
import { planLocalStep, type LocalEnv } from './local';

export type JobTargetSpec =
  { kind: 'local' } | { kind: 'cluster'; clusterId: string } | { kind: 'transient'; clusterText: string; clusterFile: string };

export interface PreparedStep {
  name: string;
  actionOnFailure: string;
  jar: string;
  /** Arguments with secret values masked. */
  args: string[];
  /** Local target only: why it cannot run here. */
  notRunnable?: string;
}

export interface Prepared {
  ok: boolean;
  /** What stops a submission, with `file:line:column` when known. */
  problems: string[];
  /** Masked, for showing. */
  steps: PreparedStep[];
  /** The exact request (masked) for the dry run. */
  dryRun?: string;
  /** Real values: only for sending. */
  request?: { playbook: PlaybookConfig; stepConfigs: StepConfig[]; runJobFlow?: RunJobFlowInput };
}

/** Var names a template text uses, in first-use order. */
export function usedVars(text: string, name?: string): string[] {
  const seen: string[] = [];
  for (const v of scanTemplate(text, name).refs) if (!seen.includes(v.name)) seen.push(v.name);
  return seen;
}

function render(text: string, file: string, vars: ReadonlyMap<string, string>, env: RenderEnv): { text?: string; problem?: string } {
  const r = renderPlaybook(text, vars, env, file);
  if (r.ok) return { text: r.text };
  const at = r.offset !== undefined ? lineColumn(text, r.offset) : undefined;
  return { problem: `${file}${at ? `:${at.line}:${at.column}` : ''}: ${r.error}` };
}

export function prepareSubmission(input: {
  playbookText: string;
  playbookFile: string;
  vars: ReadonlyMap<string, string>;
  secretNames: ReadonlySet<string>;
  target: JobTargetSpec;
  renderEnv: RenderEnv;
  local?: LocalEnv;
}): Prepared {
  const { playbookText, playbookFile, vars, secretNames, target, renderEnv } = input;
  const secretValues = [...vars].filter(([k]) => secretNames.has(k)).map(([, v]) => v);
  const mask = (s: string): string => maskSecretValues(s, secretValues);
  const problems: string[] = [];

  const real = render(playbookText, playbookFile, vars, renderEnv);
  const shown = render(playbookText, playbookFile, maskedVars(vars, secretNames), renderEnv);
  if (!real.text || !shown.text) return { ok: false, problems: [mask(real.problem ?? shown.problem ?? 'could not render')], steps: [] };

  const parsed = parsePlaybook(real.text, { fileName: playbookFile });
  const shownParsed = parsePlaybook(shown.text, { fileName: playbookFile });
  for (const d of parsed.diagnostics.filter((x) => x.severity === 'error')) {
    const at = lineColumn(real.text, d.offset);
    problems.push(mask(`${playbookFile} (rendered):${at.line}:${at.column}: ${d.message}`));
  }
  if (!parsed.config) return { ok: false, problems: problems.length ? problems : [`${playbookFile}: not a playbook`], steps: [] };
  const playbook = parsed.config;
  const shownSteps: Step[] =
    shownParsed.config?.steps ?? playbook.steps.map((s) => ({ ...s, name: mask(s.name), arguments: s.arguments.map(mask) }));
  problems.push(...checkSteps(playbook.steps).map((p) => mask(`${playbookFile}: ${p.message}`)));

  const steps: PreparedStep[] = shownSteps.map((s, i) => ({
    name: s.name,
    actionOnFailure: s.actionOnFailure,
    jar: s.jar,
    args: s.arguments,
    notRunnable:
      target.kind === 'local' && input.local
        ? (() => {
            const plan = planLocalStep(playbook.steps[i], input.local);
            return plan.runnable ? undefined : plan.reason;
          })()
        : undefined,
  }));
  const stepConfigs = toStepConfigs(playbook.steps);
  const shownConfigs = toStepConfigs(shownSteps);

  let runJobFlow: RunJobFlowInput | undefined;
  let dryRun: string | undefined;
  if (target.kind === 'cluster') {
    dryRun = dryRunJson('AddJobFlowSteps', { JobFlowId: target.clusterId, Steps: shownConfigs }, secretValues);
  } else if (target.kind === 'transient') {
    const clusterReal = render(target.clusterText, target.clusterFile, vars, renderEnv);
    const clusterShown = render(target.clusterText, target.clusterFile, maskedVars(vars, secretNames), renderEnv);
    if (!clusterReal.text || !clusterShown.text) {
      problems.push(mask(clusterReal.problem ?? clusterShown.problem ?? 'could not render the cluster config'));
    } else {
      const cluster = parseCluster(clusterReal.text, { fileName: target.clusterFile });
      const shownCluster = parseCluster(clusterShown.text, { fileName: target.clusterFile });
      for (const d of cluster.diagnostics.filter((x) => x.severity === 'error')) {
        const at = lineColumn(clusterReal.text, d.offset);
        problems.push(mask(`${target.clusterFile} (rendered):${at.line}:${at.column}: ${d.message}`));
      }
      if (cluster.config) {
        try {
          runJobFlow = runJobFlowRequest(cluster.config, stepConfigs, { keepAlive: false });
          dryRun = dryRunJson(
            'RunJobFlow',
            runJobFlowRequest((shownCluster.config ?? cluster.config) as ClusterConfig, shownConfigs, { keepAlive: false }),
            secretValues,
          );
        } catch (e) {
          if (!(e instanceof RequestBuildError)) throw e;
          problems.push(`${target.clusterFile}: ${e.message}`);
        }
      } else if (!problems.length) {
        problems.push(`${target.clusterFile}: not a cluster config`);
      }
    }
  }
  return { ok: problems.length === 0, problems, steps, dryRun, request: { playbook, stepConfigs, runJobFlow } };
}
