// Step logs as read-only virtual documents (scheme `dw-emr-step-log`): the URI names the target,
// cluster, step and log kind; the content is fetched (gunzipped from S3) when the editor opens it.
import * as vscode from 'vscode';
import { notificationText } from '../../core/text/notification';
import type { ClustersTreeSource } from '../../core/clusters/clustersTree';
import type { StepLogKind } from '../../core/clusters/emr';

export const STEP_LOG_SCHEME = 'dw-emr-step-log';

export function stepLogUri(t: number, clusterId: string, stepId: string, log: StepLogKind): vscode.Uri {
  // Path segments are encoded by Uri; the query carries the target index.
  return vscode.Uri.from({ scheme: STEP_LOG_SCHEME, path: `/${clusterId}/${stepId}/${log}.log`, query: `t=${t}` });
}

export class StepLogDocuments implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly source: () => Promise<ClustersTreeSource>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const m = /^\/([^/]+)\/([^/]+)\/(stdout|stderr|controller|syslog)\.log$/.exec(uri.path);
    const t = Number(/(?:^|&)t=(\d+)/.exec(uri.query)?.[1] ?? 'NaN');
    if (!m || !Number.isInteger(t)) return `Not a step log address: ${uri.toString()}`;
    const [, clusterId, stepId, kind] = m;
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      const source = await this.source();
      if (t >= source.targets.length) return 'This AWS target is no longer configured.';
      const out = await source.emr(t).readStepLog(clusterId, stepId, kind as StepLogKind, controller.signal);
      this.log.info(`Opened ${out.uri}${out.truncated ? ' (truncated)' : ''}`);
      return out.truncated ? `[Showing the first part only: the log is larger than 64 MB. Full log: ${out.uri}]\n${out.text}` : out.text;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`Step log ${kind} of ${stepId}: ${message}`);
      void vscode.window.showErrorMessage(notificationText(`Data Workbench: could not open the ${kind} log of step ${stepId}: ${message}`));
      return `Could not read the ${kind} log of step ${stepId} on cluster ${clusterId}:\n${message}\n`;
    }
  }
}
