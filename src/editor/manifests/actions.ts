// The Manifests view's commands: refresh, mark processed / unmark (one run or a selection, each
// conflict reported, never overwritten), create the manifest table, reveal a run's files, filter
// by date range, copy a run id, show the storage config, open the incremental query.
import * as vscode from 'vscode';
import { notificationText } from '../../core/text/notification';
import { parseDateRange } from '../../core/manifests/dateRange';
import { summarizeOutcomes, formatBytes, playbookVarsForRun } from '../../core/manifests/presentation';
import { renderIncrementalQuery } from '../../core/manifests/sqlManifest';
import type { ManifestItem } from '../../core/manifests/treeSource';
import { describeRange } from '../../core/manifests/treeText';
import type { RunEntry } from '../../core/manifests/runManifestModel';
import { Commands } from '../commands';
import type { ExplorerNode } from '../explorer/explorerNode';
import { pickPlaybook } from '../jobs/pickPlaybook';
import type { ManifestView } from './register';

export const STORAGE_CONFIG_SCHEME = 'dw-manifest-config';

type Node = ExplorerNode & { item?: ManifestItem };
type Of<K extends ManifestItem['kind']> = Extract<ManifestItem, { kind: K }>;

/** The items a command acts on: the selection when the clicked node is part of it, else the node. */
function targets(node: Node | undefined, selected: readonly Node[] | undefined, view: ManifestView): ManifestItem[] {
  const selection = selected && selected.length ? selected : (view.treeView.selection as Node[]);
  const chosen = node && !selection.includes(node) ? [node] : selection.length ? selection : node ? [node] : [];
  return chosen.map((n) => n.item).filter((i): i is ManifestItem => i !== undefined);
}

function first<K extends ManifestItem['kind']>(items: ManifestItem[], ...kinds: K[]): Of<K> | undefined {
  return items.find((i): i is Of<K> => (kinds as string[]).includes(i.kind));
}

function manifestIdOf(item: ManifestItem): string {
  return 'setting' in item ? item.setting.id : item.manifestId;
}

/** Runs `work` under a cancellable progress notification; the signal aborts its requests. */
function withProgress<T>(title: string, work: (signal: AbortSignal) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return work(controller.signal);
  });
}

function fail(view: ManifestView, what: string, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  if ((e as { name?: string })?.name === 'AbortError' || /aborted|cancel/i.test(message)) {
    view.log.info(`Manifests: ${what} cancelled`);
    return;
  }
  view.log.error(`Manifests: ${what} failed: ${message}`);
  void vscode.window.showErrorMessage(notificationText(`${what} failed: ${message}`));
}

/** Shows what a mark/unmark did: a summary, and each conflict or error in the log. */
function report(view: ManifestView, verb: string, outcomes: Parameters<typeof summarizeOutcomes>[0]): void {
  const { ok, conflicts, errors } = summarizeOutcomes(outcomes);
  for (const c of conflicts) view.log.warn(`Manifests: conflict: ${c}`);
  for (const e of errors) view.log.error(`Manifests: ${e}`);
  const head = `${verb} ${ok} run${ok === 1 ? '' : 's'}.`;
  if (!conflicts.length && !errors.length) {
    void vscode.window.showInformationMessage(notificationText(head));
    return;
  }
  const parts = [head];
  if (conflicts.length)
    parts.push(
      `${conflicts.length} conflict${conflicts.length === 1 ? '' : 's'} left as stored: ${conflicts[0]}${conflicts.length > 1 ? ' …' : ''}`,
    );
  if (errors.length) parts.push(`${errors.length} failed: ${errors[0]}${errors.length > 1 ? ' …' : ''}`);
  void vscode.window.showWarningMessage(notificationText(parts.join(' ')), 'Show Log').then((pick) => {
    if (pick) view.log.show(true);
  });
}

/** After a change of the run manifest's snapshot: its node and groups show it (no new requests). */
function redrawRunManifest(view: ManifestView, manifestId: string): void {
  view.model.refresh(`run:${manifestId}`);
}

async function markOrUnmark(view: ManifestView, items: ManifestItem[], mark: boolean): Promise<void> {
  const runs = items.filter((i): i is Of<'run'> => i.kind === 'run' && (mark ? i.entry.state === 'pending' : i.entry.state !== 'pending'));
  if (!runs.length) {
    void vscode.window.showInformationMessage(
      mark ? 'Select pending runs to mark processed.' : 'Select processed or orphaned runs to unmark.',
    );
    return;
  }
  const byManifest = new Map<string, RunEntry[]>();
  for (const r of runs) byManifest.set(r.manifestId, [...(byManifest.get(r.manifestId) ?? []), r.entry]);
  const verb = mark ? 'Marked processed' : 'Unmarked';
  try {
    const outcomes = await withProgress(
      `${mark ? 'Marking' : 'Unmarking'} ${runs.length} run${runs.length === 1 ? '' : 's'}…`,
      async (signal) => {
        const all = [];
        for (const [id, entries] of byManifest) {
          const model = await (await view.source()).runModel(id);
          all.push(
            ...(mark
              ? await model.mark(
                  entries.map((e) => e.runId),
                  signal,
                )
              : await model.unmark(entries, signal)),
          );
          redrawRunManifest(view, id);
        }
        return all;
      },
    );
    view.log.info(`Manifests: ${verb.toLowerCase()} ${runs.map((r) => r.entry.runId).join(', ')}`);
    report(view, verb, outcomes);
  } catch (e) {
    fail(view, mark ? 'Mark processed' : 'Unmark', e);
  }
}

async function createTable(view: ManifestView, item: ManifestItem | undefined): Promise<void> {
  if (!item || !(item.kind === 'runManifest' || item.kind === 'tableMissing')) return;
  const id = manifestIdOf(item);
  const source = await view.source();
  const setting = source.runSetting(id);
  if (!setting) return;
  const where = [setting.region ?? 'the default region', setting.profile ? `profile ${setting.profile}` : 'default credentials'].join(', ');
  const pick = await vscode.window.showWarningMessage(
    notificationText(`Create the DynamoDB table "${setting.table}" (on-demand, RunId hash key) in ${where}?`),
    { modal: true },
    'Create Table',
  );
  if (pick !== 'Create Table') return;
  try {
    const result = await withProgress(`Creating DynamoDB table ${setting.table}…`, async (signal) =>
      (await source.runModel(id)).createTable(signal),
    );
    view.log.info(`Manifests: table ${setting.table}: ${result}`);
    void vscode.window.showInformationMessage(
      notificationText(
        result === 'created' ? `Created the manifest table "${setting.table}".` : `The table "${setting.table}" already exists.`,
      ),
    );
    source.markStale(id);
    view.model.refresh();
  } catch (e) {
    fail(view, `Create table ${setting.table}`, e);
  }
}

async function revealRunFiles(view: ManifestView, run: Of<'run'> | undefined): Promise<void> {
  if (!run) return;
  const source = await view.source();
  const setting = source.runSetting(run.manifestId);
  try {
    const contents = await withProgress(`Listing ${run.entry.folder}…`, async (signal) =>
      (await source.runModel(run.manifestId)).files(run.entry.runId, signal),
    );
    const bucket = setting ? /^s3[na]?:\/\/([^/]+)/.exec(setting.archive)?.[1] : undefined;
    const picks = contents.files.map((f) => ({
      label: f.name,
      description: formatBytes(f.size),
      detail: f.lastModified?.toISOString(),
      uri: bucket ? `s3://${bucket}/${f.key}` : f.key,
    }));
    const archived = contents.archivedCount ? `, ${contents.archivedCount} archived` : '';
    const pick = await vscode.window.showQuickPick(picks, {
      title: `${run.entry.folder}: ${contents.fileCount} files, ${formatBytes(contents.totalBytes)}${archived}`,
      placeHolder: contents.fileCount ? 'Pick a file to copy its S3 URI' : 'The run folder is empty',
    });
    if (pick) {
      await vscode.env.clipboard.writeText(pick.uri);
      void vscode.window.showInformationMessage(notificationText(`Copied ${pick.uri}`));
    }
  } catch (e) {
    fail(view, `List ${run.entry.folder}`, e);
  }
}

async function filterByDate(view: ManifestView, item: ManifestItem | undefined): Promise<void> {
  const source = await view.source();
  let target = item && (item.kind === 'runManifest' || item.kind === 'eventManifest') ? item : undefined;
  if (!target) {
    const { run, event } = source.configuredManifests();
    const options = [
      ...run.map((setting) => ({
        label: setting.label ?? setting.id,
        description: 'run manifest',
        item: { kind: 'runManifest', setting } as ManifestItem,
      })),
      ...event.map((setting) => ({
        label: setting.label ?? setting.id,
        description: 'event manifest (ETL time)',
        item: { kind: 'eventManifest', setting } as ManifestItem,
      })),
    ];
    const chosen =
      options.length === 1 ? options[0].item : (await vscode.window.showQuickPick(options, { title: 'Filter which manifest?' }))?.item;
    target = chosen?.kind === 'runManifest' || chosen?.kind === 'eventManifest' ? chosen : undefined;
  }
  if (!target) return;
  const id = target.setting.id;
  const isRun = target.kind === 'runManifest';
  const current = isRun ? source.runFilter(id) : source.eventFilter(id);
  const unit = isRun ? 1 : 1000;
  const value = current ? describeRange(current, unit).replace(' – ', '..').replace(/…/g, '') : '';
  const text = await vscode.window.showInputBox({
    title: isRun ? 'Filter runs by run time (UTC)' : 'Filter event-manifest items by ETL time (UTC)',
    prompt: 'FROM..TO, either side optional: 2026-11-30..2026-12-02, 2026-12-01 (one day), 2026-12-01 06:00.. — empty clears the filter',
    value,
    validateInput: (input) => {
      const parsed = parseDateRange(input);
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (text === undefined) return;
  const parsed = parseDateRange(text);
  if (!parsed.ok) return;
  if (isRun) source.setRunFilter(id, parsed.range);
  else
    source.setEventFilter(
      id,
      parsed.range && {
        ...(parsed.range.from !== undefined ? { from: Math.floor(parsed.range.from / 1000) } : {}),
        ...(parsed.range.to !== undefined ? { to: Math.floor(parsed.range.to / 1000) } : {}),
      },
    );
  view.model.refresh(isRun ? `run:${id}` : `event:${id}`);
}

async function clearFilter(view: ManifestView, item: ManifestItem | undefined): Promise<void> {
  const source = await view.source();
  if (item?.kind === 'runManifest') {
    source.setRunFilter(item.setting.id, undefined);
    view.model.refresh(`run:${item.setting.id}`);
  } else if (item?.kind === 'eventManifest') {
    source.setEventFilter(item.setting.id, undefined);
    view.model.refresh(`event:${item.setting.id}`);
  }
}

async function openStorageConfig(view: ManifestView, item: ManifestItem | undefined): Promise<void> {
  if (item?.kind !== 'eventConfig') return;
  const r = item.report;
  const header = r.valid
    ? ''
    : `// ${r.problems.length} problem(s):\n${r.problems.map((p) => `//   ${p.line !== undefined ? `line ${p.line}, column ${p.column}: ` : ''}${p.path || '/'}: ${p.message}`).join('\n')}\n`;
  view.storageConfigs.set(item.manifestId, `${header}${r.masked ?? ''}\n`);
  const uri = vscode.Uri.from({ scheme: STORAGE_CONFIG_SCHEME, path: `/${item.manifestId}.json` });
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, r.valid ? 'json' : 'jsonc');
  await vscode.window.showTextDocument(doc, { preview: true });
}

async function openIncrementalQuery(view: ManifestView, item: ManifestItem | undefined): Promise<void> {
  if (!item || !(item.kind === 'sqlQuery' || item.kind === 'sqlManifest')) return;
  const setting = (await view.source()).configuredManifests().sql.find((s) => s.id === manifestIdOf(item));
  if (!setting) return;
  try {
    const content = renderIncrementalQuery({
      schema: setting.manifest.schema ?? 'derived',
      manifest: setting.manifest.name,
      model: setting.model ?? 'incremental_model',
      events: setting.events ?? { schema: 'atomic', name: 'events' },
    });
    const doc = await vscode.workspace.openTextDocument({ language: 'sql', content });
    await vscode.window.showTextDocument(doc);
  } catch (e) {
    fail(view, 'Open the incremental query', e);
  }
}

export function registerManifestActions(context: vscode.ExtensionContext, view: ManifestView): void {
  const items = (node?: Node, selected?: Node[]): ManifestItem[] => targets(node, selected, view);
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.manifestsRefresh, async (node?: Node) => {
      const source = await view.source();
      const item = node?.item;
      if (item && (item.kind === 'runManifest' || item.kind === 'eventManifest' || item.kind === 'sqlManifest')) {
        if (item.kind === 'runManifest') source.markStale(item.setting.id);
        view.model.refresh(view.model.keyOf(item));
      } else {
        for (const s of source.configuredManifests().run) source.markStale(s.id);
        view.model.refresh();
      }
    }),
    vscode.commands.registerCommand(Commands.manifestsMarkProcessed, (node?: Node, selected?: Node[]) =>
      markOrUnmark(view, items(node, selected), true),
    ),
    vscode.commands.registerCommand(Commands.manifestsUnmark, (node?: Node, selected?: Node[]) =>
      markOrUnmark(view, items(node, selected), false),
    ),
    vscode.commands.registerCommand(Commands.manifestsCreateTable, (node?: Node) => createTable(view, node?.item)),
    vscode.commands.registerCommand(Commands.manifestsRevealRunFiles, (node?: Node, selected?: Node[]) =>
      revealRunFiles(view, first(items(node, selected), 'run')),
    ),
    vscode.commands.registerCommand(Commands.manifestsFilterByDate, (node?: Node) => filterByDate(view, node?.item)),
    vscode.commands.registerCommand(Commands.manifestsClearFilter, (node?: Node) => clearFilter(view, node?.item)),
    vscode.commands.registerCommand(Commands.manifestsCopyRunId, async (node?: Node, selected?: Node[]) => {
      const ids = items(node, selected)
        .filter((i): i is Of<'run'> => i.kind === 'run')
        .map((i) => i.entry.runId);
      if (!ids.length) return;
      await vscode.env.clipboard.writeText(ids.join('\n'));
      vscode.window.setStatusBarMessage(`Copied ${ids.length === 1 ? ids[0] : `${ids.length} run ids`}`, 3000);
    }),
    vscode.commands.registerCommand(Commands.manifestsProcessWithPlaybook, (node?: Node, selected?: Node[]) =>
      processWithPlaybook(view, first(items(node, selected), 'run')),
    ),
    vscode.commands.registerCommand(Commands.manifestsOpenStorageConfig, (node?: Node) => openStorageConfig(view, node?.item)),
    vscode.commands.registerCommand(Commands.manifestsOpenIncrementalQuery, (node?: Node) => openIncrementalQuery(view, node?.item)),
  );
}

/** Hands a run to job submission: its id, folder and S3 URI as vars (plus `runId`, the folder's
 * timestamp, the name Dataflow Runner playbooks usually template on). */
async function processWithPlaybook(view: ManifestView, run: Of<'run'> | undefined): Promise<void> {
  if (!run) return;
  const setting = (await view.source()).runSetting(run.manifestId);
  if (!setting) return;
  let vars: Record<string, string>;
  try {
    vars = playbookVarsForRun(run.entry, setting.archive);
  } catch (e) {
    void vscode.window.showErrorMessage(notificationText(`Data Workbench: ${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  const stamp = /run=([0-9][0-9-]*)/.exec(run.entry.folder)?.[1];
  if (stamp) vars.runId = stamp;
  const playbook = await pickPlaybook(`Process ${run.entry.folder} with a playbook`);
  if (playbook) await vscode.commands.executeCommand(Commands.submitSteps, playbook, { vars });
}
