// What the job commands and panels share: the submission ledger (workspaceState), the Step
// Monitor model, EMR clients per account/region, local runs and their logs, secret var storage,
// and the completion/failure notifications. Core does the work; this wires it to VS Code.
import * as vscode from 'vscode';
import { notificationText } from '../../core/text/notification';
import type { AwsTarget } from '../../core/clusters/awsTarget';
import type { EmrJobs, StepStatus } from '../../core/jobs/emrJobs';
import type { SubmissionLedger, SubmissionRecord } from '../../core/jobs/ledger';
import type { StepMonitorModel, MonitorRow, StepSource } from '../../core/jobs/monitor';
import type { LocalRun } from '../../core/jobs/local';
import { setting } from '../config';
import type { ShowOptions } from '../webview/host';

/** The core of job submission (its own bundle with the EMR and S3 SDKs), loaded on first use. */
export type JobsApi = typeof import('../../core/jobs/editorApi');
let api: Promise<JobsApi> | undefined;
export const jobsApi = (): Promise<JobsApi> => (api ??= import('../../core/jobs/editorApi'));

const LEDGER_KEY = 'dataWorkbench.jobs.ledger';
// The same SecretStorage key the playbook editor (src/editor/playbook/vars.ts) uses for a secret var.
const SECRET_PREFIX = 'dataWorkbench.playbookVar.';
/** Var names treated as secret even when not listed in `dataWorkbench.playbooks.secretVars`. */
const SECRET_NAME = /(secret|password|passwd|token|credential|private|apikey|api_key)/i;

/** The playbook editor's settings (`dataWorkbench.playbooks.*`, declared with the playbook
 * language support), read-only here. */
function playbookSetting<T>(key: 'secretVars' | 'vars', fallback: T): T {
  return vscode.workspace.getConfiguration('dataWorkbench.playbooks').get<T>(key) ?? fallback;
}

export class JobsService implements vscode.Disposable {
  readonly ledger: SubmissionLedger;
  readonly monitor: StepMonitorModel;
  private readonly clients = new Map<string, EmrJobs>();
  private readonly clusterClients = new Map<string, EmrJobs>();
  readonly localRuns = new Map<string, { run: LocalRun; index: number }>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Set by the monitor panel: shows it, in front and focused unless `place` says otherwise (WebviewHost.show). */
  showMonitor: (place?: ShowOptions) => void = () => undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    readonly api: JobsApi,
  ) {
    this.ledger = new api.SubmissionLedger({
      read: () => context.workspaceState.get<SubmissionRecord[]>(LEDGER_KEY),
      write: async (records) => {
        await context.workspaceState.update(LEDGER_KEY, records);
      },
    });
    void this.ledger.markCutOff().then((n) => {
      if (n) log.warn(`Jobs: ${n} submission(s) were cut off by a reload; the next submit of the same steps reconciles with EMR first`);
    });
    const source: StepSource = {
      recentSteps: (clusterId) => this.forCluster(clusterId).recentSteps(clusterId),
      stepStatuses: (clusterId, ids) => this.forCluster(clusterId).stepStatuses(clusterId, ids),
    };
    this.monitor = new api.StepMonitorModel(() => source, {
      initialMs: 1000,
      maxMs: 30_000,
      onError: (e) => log.warn(`Step Monitor: ${e instanceof Error ? e.message : String(e)}`),
    });
    // Start hidden: the panel turns polling on while it is visible.
    this.monitor.setVisible(false);
    this.monitor.onDidEnd((row) => void this.notifyEnd(row));
  }

  /** The AWS account/region EMR calls go to: settings first, else the playbook's region and the
   * SDK's default chain (which `npm start` points at the sandbox). */
  awsTarget(region?: string): AwsTarget {
    const profile = setting('jobs.awsProfile') || undefined;
    return { region: setting('jobs.region') || region || undefined, profile };
  }

  jobs(target: AwsTarget): EmrJobs {
    const key = `${target.profile ?? ''}@${target.region ?? ''}`;
    let j = this.clients.get(key);
    if (!j) {
      j = new this.api.EmrJobs(target, { poll: { initialMs: 1000, maxMs: 15_000 }, log: (line) => this.log.info(line) });
      this.clients.set(key, j);
    }
    return j;
  }

  /** Watches a cluster in the monitor through the client it was submitted with. */
  watch(clusterId: string, jobs: EmrJobs, stepIds: readonly string[]): void {
    this.clusterClients.set(clusterId, jobs);
    this.monitor.watchCluster(clusterId, stepIds);
  }

  forCluster(clusterId: string): EmrJobs {
    return this.clusterClients.get(clusterId) ?? this.jobs(this.awsTarget());
  }

  isSecretVar(name: string): boolean {
    return SECRET_NAME.test(name) || playbookSetting<string[]>('secretVars', []).includes(name);
  }

  storedSecret(name: string): Thenable<string | undefined> {
    return this.context.secrets.get(SECRET_PREFIX + name);
  }

  storeSecret(name: string, value: string): Thenable<void> {
    return this.context.secrets.store(SECRET_PREFIX + name, value);
  }

  /** Non-secret vars from `dataWorkbench.playbooks.vars` for a workspace-relative file (`*` first). */
  settingVars(file: string): Record<string, string> {
    const all = playbookSetting<Record<string, Record<string, string>>>('vars', {});
    const pick = (k: string): Record<string, string> =>
      typeof all[k] === 'object' && all[k] !== null
        ? Object.fromEntries(Object.entries(all[k]).filter(([, v]) => typeof v === 'string'))
        : {};
    return { ...pick('*'), ...pick(file) };
  }

  /** Last non-secret var values and target per playbook (workspaceState, never secrets). */
  lastInputs(file: string): { vars: Record<string, string>; target?: string; clusterId?: string } {
    return this.context.workspaceState.get(`dataWorkbench.jobs.inputs.${file}`) ?? { vars: {} };
  }

  saveInputs(file: string, inputs: { vars: Record<string, string>; target?: string; clusterId?: string }): Thenable<void> {
    return this.context.workspaceState.update(`dataWorkbench.jobs.inputs.${file}`, inputs);
  }

  /** "Submitted … recently. Submit again?" (modal). */
  async confirmDuplicate(previous: SubmissionRecord): Promise<boolean> {
    const minutes = Math.max(1, Math.round((Date.now() - previous.submittedAt) / 60_000));
    const where =
      previous.target.kind === 'cluster'
        ? `cluster ${previous.target.clusterId}`
        : previous.target.kind === 'transient'
          ? `a transient cluster "${previous.target.clusterName}"`
          : 'this machine';
    const again = 'Submit again';
    const answer = await vscode.window.showWarningMessage(
      notificationText(
        `These ${previous.stepNames.length} steps were submitted to ${where} ${minutes} min ago (${previous.state}; step ids ${previous.stepIds.slice(0, 3).join(', ')}${previous.stepIds.length > 3 ? ', …' : ''}).`,
      ),
      { modal: true, detail: 'Submitting again runs them a second time.' },
      again,
    );
    return answer === again;
  }

  private async notifyEnd(row: MonitorRow): Promise<void> {
    const where = row.target === 'local' ? 'locally' : `on ${row.target}`;
    const open = 'Open Step Monitor';
    if (row.state === 'COMPLETED') {
      this.log.info(`Step "${row.name}" (${row.id}) completed ${where}`);
      const a = await vscode.window.showInformationMessage(notificationText(`Step "${row.name}" completed ${where}.`), open);
      if (a === open) this.showMonitor();
    } else {
      this.log.warn(`Step "${row.name}" (${row.id}) ${row.state} ${where}${row.failureReason ? `: ${row.failureReason}` : ''}`);
      const a = await vscode.window.showErrorMessage(
        notificationText(`Step "${row.name}" ${row.state.toLowerCase()} ${where}${row.failureReason ? `: ${row.failureReason}` : ''}`),
        open,
      );
      if (a === open) this.showMonitor();
    }
  }

  /** Pushes a local step's status into the monitor. */
  localStatus(status: {
    id: string;
    name: string;
    state: StepStatus['state'];
    started?: number;
    ended?: number;
    failure?: { reason: string };
  }): void {
    this.monitor.updateLocal(status);
  }

  dispose(): void {
    void this.monitor.dispose();
    for (const { run } of this.localRuns.values()) run.cancel();
    for (const j of this.clients.values()) j.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
