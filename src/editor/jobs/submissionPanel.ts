// The Job Submission panel's host: feeds the webview the playbook's vars and cluster.json
// choices, answers previews (rendered steps, masked, and the dry-run request), and submits to
// the local target, a running cluster, or a transient one (with progress and cancel).
import path from 'node:path';
import * as vscode from 'vscode';
import { WebviewHost } from '../webview/host';
import { WebviewTypes } from '../commands';
import { setting } from '../config';
import type { JobsService } from './service';
import {
  ListClustersRequest,
  PreviewRequest,
  StateNotification,
  SubmitRequest,
  type PreviewParams,
  type PreviewReply,
  type StateParams,
  type SubmitParams,
  type SubmitReply,
  type TargetKind,
} from '../../../webviews/jobSubmission/protocol';
import { notificationText } from '../../core/text/notification';

/** The panel's state for one playbook. */
interface Session {
  uri: vscode.Uri;
  file: string;
  state: StateParams;
}

export class SubmissionPanel implements vscode.Disposable {
  private readonly host: WebviewHost;
  private session?: Session;

  constructor(
    extensionUri: vscode.Uri,
    private readonly service: JobsService,
  ) {
    this.host = new WebviewHost(extensionUri, {
      viewType: WebviewTypes.jobSubmission,
      bundle: 'jobSubmission',
      retainContextWhenHidden: true,
      log: service.log,
      onReady: () => {
        if (this.session) this.host.notify(StateNotification, this.session.state);
      },
    });
    this.host.onRequest(PreviewRequest, (p) => this.preview(p));
    this.host.onRequest(SubmitRequest, (p) => this.submit(p));
    this.host.onRequest(ListClustersRequest, () => this.listClusters());
  }

  /** Opens the panel for a playbook (the active editor's when `uri` is absent). */
  async open(uri: vscode.Uri, prefill: Record<string, string> = {}, clusterId?: string): Promise<void> {
    const file = vscode.workspace.asRelativePath(uri, false);
    const doc = await vscode.workspace.openTextDocument(uri);
    const { usedVars } = this.service.api;
    const { parseVarsFile, varsFileFor } = await import('../../core/playbook/vars');
    let fileVars = new Map<string, string>();
    try {
      fileVars = parseVarsFile(
        Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(varsFileFor(uri.fsPath)))).toString('utf8'),
      ).vars;
    } catch {
      // No .vars file next to the playbook.
    }
    const last = this.service.lastInputs(file);
    const names = usedVars(doc.getText(), path.basename(uri.fsPath));
    const playbookVars = new Set(names);
    const clusterUris = await vscode.workspace.findFiles('**/*cluster*.json', '**/node_modules/**', 100);
    const clusterFiles = clusterUris.map((u) => vscode.workspace.asRelativePath(u, false)).sort();
    // run-transient renders the cluster config with the same vars: offer those too.
    for (const u of clusterUris) {
      try {
        const text = Buffer.from(await vscode.workspace.fs.readFile(u)).toString('utf8');
        for (const n of usedVars(text, path.basename(u.fsPath))) if (!names.includes(n)) names.push(n);
        const extra = parseVarsFile(
          Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(varsFileFor(u.fsPath)))).toString('utf8'),
        ).vars;
        for (const [k, v] of extra) if (!fileVars.has(k)) fileVars.set(k, v);
      } catch {
        // Unreadable or no .vars file: its vars are still offered, empty.
      }
    }
    const settingVars = this.service.settingVars(file);
    const vars = await Promise.all(
      names.map(async (name) => {
        const secret = this.service.isSecretVar(name);
        const stored = secret ? (await this.service.storedSecret(name)) !== undefined : false;
        return {
          name,
          secret,
          stored,
          clusterOnly: !playbookVars.has(name),
          value: secret ? '' : (prefill[name] ?? last.vars[name] ?? settingVars[name] ?? fileVars.get(name) ?? ''),
        };
      }),
    );
    // Transient needs the cluster config's vars too: they are added once a file is chosen (preview tells what is missing).
    const target = clusterId ? 'cluster' : ((last.target as TargetKind | undefined) ?? 'local');
    this.session = { uri, file, state: { file, vars, clusterFiles, target, clusterId: clusterId ?? last.clusterId ?? '' } };
    this.host.show(`Submit: ${path.basename(uri.fsPath)}`, { focus: true });
    this.host.notify(StateNotification, this.session.state);
  }

  private current(): Session {
    if (!this.session) throw new Error('No playbook is open in the Job Submission panel');
    return this.session;
  }

  /** The vars to render with: typed values, secret ones from SecretStorage when left empty. */
  private async varsFor(values: PreviewParams['vars']): Promise<{ vars: Map<string, string>; secrets: Set<string> }> {
    const vars = new Map<string, string>();
    const secrets = new Set<string>();
    for (const { name, value } of values) {
      if (this.service.isSecretVar(name)) {
        secrets.add(name);
        vars.set(name, value || ((await this.service.storedSecret(name)) ?? ''));
      } else {
        vars.set(name, value);
      }
    }
    return { vars, secrets };
  }

  private async prepare(p: PreviewParams) {
    const s = this.current();
    const doc = await vscode.workspace.openTextDocument(s.uri);
    const { vars, secrets } = await this.varsFor(p.vars);
    const { prepareSubmission, nodeRenderEnv } = this.service.api;
    const cwd = path.dirname(s.uri.fsPath);
    let target: Parameters<typeof prepareSubmission>[0]['target'];
    if (p.target.kind === 'cluster') {
      const id = (p.target.clusterId ?? '').trim();
      target = { kind: 'cluster', clusterId: id };
    } else if (p.target.kind === 'transient') {
      // Only a file the panel offered: the webview cannot name an arbitrary path.
      if (!p.target.clusterFile || !s.state.clusterFiles.includes(p.target.clusterFile))
        throw new Error('Choose a cluster config from the list');
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!folder) throw new Error('Open a workspace folder to use a cluster config');
      const clusterUri = vscode.Uri.joinPath(folder, p.target.clusterFile);
      const clusterText = (await vscode.workspace.openTextDocument(clusterUri)).getText();
      target = { kind: 'transient', clusterText, clusterFile: p.target.clusterFile };
    } else {
      target = { kind: 'local' };
    }
    const prepared = prepareSubmission({
      playbookText: doc.getText(),
      playbookFile: s.file,
      vars,
      secretNames: secrets,
      target,
      renderEnv: nodeRenderEnv(cwd),
      local: { cwd },
    });
    if (p.target.kind === 'cluster' && !/^j-[A-Z0-9]{1,30}$/.test(target.kind === 'cluster' ? target.clusterId : '')) {
      prepared.ok = false;
      prepared.problems.push('Enter a cluster id like j-1ABCDEFGHIJKL, or pick one from the running clusters');
    }
    const texts = [doc.getText(), ...(target.kind === 'transient' ? [target.clusterText] : [])];
    return { prepared, vars, secrets, cwd, texts };
  }

  private async preview(p: PreviewParams): Promise<PreviewReply> {
    const { prepared } = await this.prepare(p);
    return { ok: prepared.ok, problems: prepared.problems, steps: prepared.steps, dryRun: prepared.dryRun };
  }

  private async listClusters() {
    const explorer = new this.service.api.EmrExplorer(this.service.awsTarget());
    try {
      const page = await explorer.listClusters(['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING']);
      return { clusters: page.items.map((c) => ({ id: c.id, name: c.name, state: c.state })) };
    } catch (e) {
      return { clusters: [], error: e instanceof Error ? e.message : String(e) };
    } finally {
      explorer.dispose();
    }
  }

  private async submit(p: SubmitParams): Promise<SubmitReply> {
    const s = this.current();
    const { prepared, vars, secrets, cwd, texts } = await this.prepare(p);
    if (!prepared.ok || !prepared.request) throw new Error(prepared.problems.join('\n') || 'The playbook cannot be submitted');
    if (p.keepSecrets)
      for (const name of secrets) if (p.vars.find((v) => v.name === name)?.value) await this.service.storeSecret(name, vars.get(name)!);
    await this.service.saveInputs(s.file, {
      vars: Object.fromEntries([...vars].filter(([k]) => !secrets.has(k))),
      target: p.target.kind,
      clusterId: p.target.clusterId,
    });
    const { SubmissionDeclined, inputFingerprint } = this.service.api;
    const inputs = (t: import('../../core/jobs/ledger').SubmissionTarget): string => inputFingerprint(t, texts, vars, secrets);
    try {
      if (p.target.kind === 'local') return await this.runLocal(s, prepared.request.playbook.steps, prepared.request.stepConfigs, cwd);
      if (p.target.kind === 'cluster') {
        const clusterId = p.target.clusterId!.trim();
        return await this.toCluster(
          s,
          clusterId,
          prepared.request.stepConfigs,
          prepared.request.playbook.region,
          inputs({ kind: 'cluster', clusterId }),
        );
      }
      const request = prepared.request.runJobFlow!;
      return await this.transient(
        s,
        request,
        prepared.request.stepConfigs,
        prepared.request.playbook.region,
        inputs({ kind: 'transient', clusterName: request.Name ?? '' }),
      );
    } catch (e) {
      if (e instanceof SubmissionDeclined) return { submitted: false, text: e.message };
      throw e;
    }
  }

  /** The Step Monitor opens right of this panel, never over it: the submission's result stays in view. */
  private showMonitor(): void {
    this.service.showMonitor({ beside: this.host.webviewPanel?.viewColumn });
  }

  private duplicateWindowMs(): number {
    return Math.max(0, setting('jobs.duplicateWindowMinutes')) * 60_000;
  }

  private async runLocal(
    s: Session,
    steps: import('../../core/playbook/model').Step[],
    stepConfigs: import('@aws-sdk/client-emr').StepConfig[],
    cwd: string,
  ): Promise<SubmitReply> {
    const { LocalRun, submissionFingerprint } = this.service.api;
    const target = { kind: 'local' } as const;
    const fingerprint = submissionFingerprint(target, stepConfigs);
    const previous = this.service.ledger.findDuplicate(fingerprint, this.duplicateWindowMs());
    if (previous && previous.state === 'submitting' && !(await this.service.confirmDuplicate(previous)))
      return { submitted: false, text: 'Not run: the same steps are still running here' };
    const record = await this.service.ledger.begin({ fingerprint, target, source: s.file, stepNames: steps.map((x) => x.name) });
    const run = new LocalRun(steps, { cwd }, { onStatus: (st) => this.service.localStatus(st) });
    run.statuses.forEach((st, index) => {
      this.service.localRuns.set(st.id, { run, index });
      this.service.localStatus(st);
    });
    await this.service.ledger.update(record.id, { stepIds: run.statuses.map((x) => x.id) });
    this.service.log.info(`Jobs: running ${steps.length} steps of ${s.file} locally in ${cwd}`);
    this.showMonitor();
    void run.run().then(async (result) => {
      await this.service.ledger.update(record.id, { state: result.some((r) => r.state === 'FAILED') ? 'failed' : 'submitted' });
    });
    return { submitted: true, text: `Running ${steps.length} steps on this machine; watch them in the Step Monitor.` };
  }

  private async toCluster(
    s: Session,
    clusterId: string,
    stepConfigs: import('@aws-sdk/client-emr').StepConfig[],
    region: string,
    inputFingerprint: string,
  ): Promise<SubmitReply> {
    const { submitToCluster } = this.service.api;
    const jobs = this.service.jobs(this.service.awsTarget(region));
    const record = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Submitting ${stepConfigs.length} steps to ${clusterId}`,
        cancellable: true,
      },
      (_p, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return submitToCluster(
          jobs,
          clusterId,
          {
            ledger: this.service.ledger,
            source: s.file,
            stepConfigs,
            confirmDuplicate: (prev) => this.service.confirmDuplicate(prev),
            duplicateWindowMs: this.duplicateWindowMs(),
            inputFingerprint,
          },
          controller.signal,
        );
      },
    );
    this.service.log.info(`Jobs: added ${record.stepIds.length} steps to ${clusterId}: ${record.stepIds.join(', ')}`);
    this.service.watch(clusterId, jobs, record.stepIds);
    this.showMonitor();
    return { submitted: true, text: `Submitted ${record.stepIds.length} steps to ${clusterId} (${record.stepIds.join(', ')}).` };
  }

  private async transient(
    s: Session,
    request: import('@aws-sdk/client-emr').RunJobFlowInput,
    stepConfigs: import('@aws-sdk/client-emr').StepConfig[],
    region: string,
    inputFingerprint: string,
  ): Promise<SubmitReply> {
    const { submitTransient } = this.service.api;
    const jobs = this.service.jobs(this.service.awsTarget(region));
    let reply!: (r: SubmitReply) => void;
    let fail!: (e: unknown) => void;
    const replied = new Promise<SubmitReply>((resolve, reject) => {
      reply = resolve;
      fail = reject;
    });
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `run-transient: ${request.Name}`, cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        let watching = false;
        try {
          const { outcome } = await submitTransient(
            jobs,
            request,
            {
              ledger: this.service.ledger,
              source: s.file,
              stepConfigs,
              confirmDuplicate: (prev) => this.service.confirmDuplicate(prev),
              duplicateWindowMs: this.duplicateWindowMs(),
              inputFingerprint,
            },
            (u) => {
              if (!watching) {
                watching = true;
                this.service.watch(
                  u.clusterId,
                  jobs,
                  u.steps.map((x) => x.id),
                );
                this.showMonitor();
                reply({ submitted: true, text: `Launched transient cluster ${u.clusterId}; it terminates when its steps end.` });
              }
              progress.report({
                message: notificationText(
                  `${u.clusterId}: ${u.clusterState}, ${u.steps.filter((x) => x.state === 'COMPLETED').length}/${u.steps.length} steps completed`,
                ),
              });
            },
            controller.signal,
          );
          const text = outcome.cancelledByUser
            ? `Transient cluster ${outcome.clusterId} terminated on your request.`
            : outcome.error
              ? `Transient run failed: ${outcome.error} (cluster ${outcome.clusterId} ${outcome.clusterState})`
              : `Transient EMR run completed successfully (cluster ${outcome.clusterId} ${outcome.clusterState}).`;
          this.service.log.info(`Jobs: ${text}`);
          if (outcome.error || outcome.clusterState === 'TERMINATED_WITH_ERRORS')
            void vscode.window.showErrorMessage(notificationText(text));
          else void vscode.window.showInformationMessage(notificationText(text));
        } catch (e) {
          fail(e);
          this.service.log.error(`Jobs: run-transient failed: ${e instanceof Error ? e.message : String(e)}`);
          if (watching)
            void vscode.window.showErrorMessage(notificationText(`run-transient: ${e instanceof Error ? e.message : String(e)}`));
        }
      },
    );
    return replied;
  }

  dispose(): void {
    this.host.dispose();
  }
}
