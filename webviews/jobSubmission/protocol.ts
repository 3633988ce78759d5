// Messages between the Job Submission panel host (src/editor/jobs/submissionPanel.ts) and its
// webview (webviews/jobSubmission/main.ts). Secret var values travel only webview → host, in the
// preview/submit requests; the host never sends one back.
import { IpcNotification, IpcRequest } from '../shared/ipc';
import type { Check } from '../shared/validate';
import { boolean, object, oneOf, optional, string } from '../shared/validate';

const scope = 'jobSubmission';

export const TARGET_KINDS = ['local', 'cluster', 'transient'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export interface VarView {
  name: string;
  /** Value from the .vars file or the last submission; empty for secret vars. */
  value: string;
  secret: boolean;
  /** A value is kept in SecretStorage (the field may stay empty). */
  stored: boolean;
  /** Used only by cluster configs: shown for run-transient only. */
  clusterOnly: boolean;
}

export interface StateParams {
  /** Workspace-relative playbook path. */
  file: string;
  vars: VarView[];
  /** Workspace-relative cluster.json candidates for run-transient. */
  clusterFiles: string[];
  target: TargetKind;
  clusterId: string;
}

export interface StepView {
  name: string;
  actionOnFailure: string;
  jar: string;
  args: string[];
  notRunnable?: string;
}

export interface TargetParams {
  kind: TargetKind;
  clusterId?: string;
  clusterFile?: string;
}

export interface VarValue {
  name: string;
  value: string;
}

export interface PreviewParams {
  target: TargetParams;
  vars: VarValue[];
}
export interface PreviewReply {
  ok: boolean;
  problems: string[];
  steps: StepView[];
  dryRun?: string;
}

export interface SubmitParams extends PreviewParams {
  /** Keep the secret values typed in SecretStorage for next time. */
  keepSecrets: boolean;
}
export interface SubmitReply {
  submitted: boolean;
  text: string;
}

export interface ClusterChoice {
  id: string;
  name: string;
  state: string;
}
export interface ClustersReply {
  clusters: ClusterChoice[];
  error?: string;
}

export const StateNotification = new IpcNotification<StateParams>(scope, 'state');

const targetCheck: Check = object({ kind: oneOf(TARGET_KINDS), clusterId: optional(string(200)), clusterFile: optional(string(4096)) });
const varsCheck: Check = (v) => {
  if (!Array.isArray(v) || v.length > 500) return 'expected a list of at most 500 vars';
  const item = object({ name: string(200), value: string(100_000) });
  for (const x of v) {
    const problem = item(x);
    if (problem) return problem;
  }
  return undefined;
};

export const PreviewRequest = new IpcRequest<PreviewParams, PreviewReply>(
  scope,
  'preview',
  object({ target: targetCheck, vars: varsCheck }),
);
export const SubmitRequest = new IpcRequest<SubmitParams, SubmitReply>(
  scope,
  'submit',
  object({ target: targetCheck, vars: varsCheck, keepSecrets: boolean() }),
);
export const ListClustersRequest = new IpcRequest<void, ClustersReply>(scope, 'listClusters');
