// Job submission in the editor: "Submit steps…" (CodeLens on playbooks and a command) opening the
// Job Submission panel, the Step Monitor, and "Submit current PySpark file as a step". The panels
// and the AWS SDK load on first use.
import path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { setting } from '../config';
import { recognizeConfig } from '../../core/playbook/recognize';
import { JobsService, jobsApi } from './service';
import type { SubmissionPanel } from './submissionPanel';
import type { MonitorPanel } from './monitorPanel';
import { notificationText } from '../../core/text/notification';

class SubmitCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (recognizeConfig(vscode.workspace.asRelativePath(doc.uri, false), doc.getText()) !== 'playbook') return [];
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, {
        title: '$(rocket) Submit steps…',
        tooltip: 'Run these steps here, on a running EMR cluster, or on a transient one',
        command: Commands.submitSteps,
        arguments: [doc.uri],
      }),
      new vscode.CodeLens(top, { title: '$(pulse) Step Monitor', command: Commands.showStepMonitor }),
    ];
  }
}

export function registerJobs(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  // Each is made once, on first use; a failed load is retried on the next use.
  let service: Promise<JobsService> | undefined;
  let submission: Promise<SubmissionPanel> | undefined;
  let monitor: Promise<MonitorPanel> | undefined;
  const once = <T extends vscode.Disposable>(make: () => Promise<T>, forget: () => void): Promise<T> =>
    make().then(
      (made) => {
        context.subscriptions.push(made);
        return made;
      },
      (e: unknown) => {
        forget();
        throw e;
      },
    );
  const jobs = (): Promise<JobsService> =>
    (service ??= once(
      async () => new JobsService(context, log, await jobsApi()),
      () => (service = undefined),
    ));
  const monitorPanel = (): Promise<MonitorPanel> =>
    (monitor ??= once(
      async () => {
        const [{ MonitorPanel }, s] = await Promise.all([import('./monitorPanel'), jobs()]);
        return new MonitorPanel(context.extensionUri, s);
      },
      () => (monitor = undefined),
    ));
  const submissionPanel = (): Promise<SubmissionPanel> =>
    (submission ??= once(
      async () => {
        const [{ SubmissionPanel }, s] = await Promise.all([import('./submissionPanel'), jobs(), monitorPanel()]);
        return new SubmissionPanel(context.extensionUri, s);
      },
      () => (submission = undefined),
    ));

  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider([{ language: 'json' }, { language: 'jsonc' }], new SubmitCodeLensProvider()),
    // `vars` pre-fills non-secret vars (e.g. "Process with playbook…" passes the run id);
    // `clusterId` picks a running cluster as the target (e.g. from the Clusters view).
    vscode.commands.registerCommand(
      Commands.submitSteps,
      async (uri?: vscode.Uri, options?: { vars?: Record<string, unknown>; clusterId?: unknown }) => {
        const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
        if (!target) {
          void vscode.window.showWarningMessage('Open a Dataflow Runner playbook (…playbook….json) to submit its steps.');
          return;
        }
        const prefill = Object.fromEntries(
          Object.entries(options?.vars ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'),
        );
        const clusterId =
          typeof options?.clusterId === 'string' && /^j-[A-Z0-9]{1,30}$/.test(options.clusterId) ? options.clusterId : undefined;
        await (await submissionPanel()).open(target, prefill, clusterId);
      },
    ),
    vscode.commands.registerCommand(Commands.showStepMonitor, async () => (await monitorPanel()).show({ focus: true })),
    vscode.commands.registerCommand(Commands.submitPySparkFile, async () => {
      await monitorPanel();
      await submitPySparkFile(await jobs());
    }),
  );
}

async function submitPySparkFile(service: JobsService): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !(doc.languageId === 'python' || doc.fileName.endsWith('.py'))) {
    void vscode.window.showWarningMessage('Open a PySpark (.py) file to submit it as a step.');
    return;
  }
  const { scriptUri, splitArgs, pysparkStep, uploadScript, EmrExplorer, submitToCluster } = service.api;
  let prefix = setting('jobs.pysparkS3Prefix');
  if (!prefix) {
    prefix =
      (await vscode.window.showInputBox({
        title: 'Upload PySpark file',
        prompt: 'S3 prefix to upload the file to (set dataWorkbench.jobs.pysparkS3Prefix in your user settings to skip this)',
        placeHolder: 's3://my-bucket/jobs/',
        ignoreFocusOut: true,
        validateInput: (v) => {
          try {
            scriptUri(v, 'x.py');
            return undefined;
          } catch (e) {
            return (e as Error).message;
          }
        },
      })) ?? '';
    if (!prefix) return;
  }
  const fileName = path.basename(doc.fileName || 'script.py');
  const uri = scriptUri(prefix, /\.py$/.test(fileName) ? fileName : 'script.py');
  const explorer = new EmrExplorer(service.awsTarget());
  let clusterId: string | undefined;
  try {
    const page = await explorer.listClusters(['STARTING', 'BOOTSTRAPPING', 'RUNNING', 'WAITING']);
    const typed = '$(edit) Enter a cluster id…';
    const pick = await vscode.window.showQuickPick(
      [...page.items.map((c) => ({ label: c.name, description: `${c.id} · ${c.state}`, id: c.id })), { label: typed, id: '' }],
      { title: 'Run the PySpark file on which cluster?', ignoreFocusOut: true },
    );
    if (!pick) return;
    clusterId =
      pick.id ||
      (
        await vscode.window.showInputBox({
          prompt: 'EMR cluster id',
          placeHolder: 'j-…',
          validateInput: (v) => (/^j-[A-Z0-9]{1,30}$/.test(v.trim()) ? undefined : 'A cluster id looks like j-1ABCDEFGHIJKL'),
        })
      )?.trim();
  } finally {
    explorer.dispose();
  }
  if (!clusterId) return;
  const argText = await vscode.window.showInputBox({
    title: 'spark-submit arguments',
    prompt: 'Arguments after the script (quotes group words; nothing is expanded)',
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        splitArgs(v);
        return undefined;
      } catch (e) {
        return (e as Error).message;
      }
    },
  });
  if (argText === undefined) return;
  const step = pysparkStep(uri, splitArgs(argText));
  const jobs = service.jobs(service.awsTarget());
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: notificationText(`Uploading ${fileName} to ${uri}`) },
    () => uploadScript(service.awsTarget(), uri, doc.getText()),
  );
  const record = await submitToCluster(jobs, clusterId, {
    ledger: service.ledger,
    source: vscode.workspace.asRelativePath(doc.uri, false),
    stepConfigs: [step],
    confirmDuplicate: (p) => service.confirmDuplicate(p),
    duplicateWindowMs: Math.max(0, setting('jobs.duplicateWindowMinutes')) * 60_000,
  });
  service.log.info(`Jobs: ${fileName} uploaded to ${uri} and added to ${clusterId} as ${record.stepIds.join(', ')}`);
  service.watch(clusterId, jobs, record.stepIds);
  service.showMonitor();
}
