// `dataWorkbench.showQueryHistory`: a quick pick of past runs in this workspace. Picking one opens
// the statement in a new SQL editor; the ▶ button also re-runs it on the connection it ran on
// (through the editor's dataWorkbench.selectConnection / runStatement commands), unless its text
// had secrets masked or was cut: then it opens for editing instead. Runs whose result
// the service keeps (Athena; the Redshift Data API for 24 hours) also get a button that shows that
// result again without running the statement.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { canRunAgainAsIs, summarizeSql, type HistoryEntry, type QueryHistory } from '../../core/results/history';
import { formatElapsed } from '../../core/results/runInfo';
import { notificationText } from '../../core/text/notification';

interface EntryItem extends vscode.QuickPickItem {
  entry?: HistoryEntry;
  clear?: boolean;
}

const RUN_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('play'), tooltip: 'Run again on the same connection' };
const EDIT_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('edit'),
  tooltip: 'Secrets in this statement were masked (or it was cut): open it to edit before running',
};
const STORED_BUTTON: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('cloud-download'),
  tooltip: 'Show the stored result again (nothing is run or scanned again)',
};
/** The Redshift Data API keeps results for 24 hours; Athena's result files stay in S3. */
const REDSHIFT_RESULT_HOURS = 24;

function hasStoredResult(entry: HistoryEntry): boolean {
  if (!entry.storedResultId || entry.status !== 'done') return false;
  return entry.engineKind !== 'redshift' || Date.now() - entry.startedAt < REDSHIFT_RESULT_HOURS * 3_600_000;
}
const STATUS_ICON: Record<HistoryEntry['status'], string> = { done: '$(check)', error: '$(error)', cancelled: '$(circle-slash)' };

export async function showQueryHistory(history: QueryHistory): Promise<void> {
  const entries = history.list();
  if (!entries.length) {
    void vscode.window.showInformationMessage('Data Workbench: no queries run in this workspace yet.');
    return;
  }
  const items: EntryItem[] = entries.map((entry) => ({
    label: `${STATUS_ICON[entry.status]} ${summarizeSql(entry.sql)}`,
    description: `${entry.connectionName} · ${entry.status === 'error' ? 'failed' : `${entry.rowCount} rows`} · ${formatElapsed(entry.elapsedMs)}`,
    detail: `${new Date(entry.startedAt).toLocaleString()}${entry.error ? ` — ${entry.error}` : ''}`,
    buttons: [...(hasStoredResult(entry) ? [STORED_BUTTON] : []), canRunAgainAsIs(entry) ? RUN_BUTTON : EDIT_BUTTON],
    entry,
  }));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(trash) Clear query history', clear: true });

  const pick = vscode.window.createQuickPick<EntryItem>();
  pick.title = 'Query History';
  pick.placeholder = 'Pick a statement to open it; ▶ runs it again';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = items;
  const done = new Promise<void>((resolve) => {
    pick.onDidTriggerItemButton(async ({ item, button }) => {
      pick.hide();
      if (item.entry && button === STORED_BUTTON) await showStored(item.entry);
      else if (item.entry && button === RUN_BUTTON && canRunAgainAsIs(item.entry)) await rerun(item.entry);
      else if (item.entry) await openForEdit(item.entry);
      resolve();
    });
    pick.onDidAccept(async () => {
      const item = pick.selectedItems[0];
      pick.hide();
      if (item?.clear) await history.clear();
      else if (item?.entry) await openStatement(item.entry);
      resolve();
    });
    pick.onDidHide(() => resolve());
  });
  pick.show();
  await done;
  pick.dispose();
}

async function openStatement(entry: Pick<HistoryEntry, 'sql'>): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'sql', content: entry.sql });
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Opens the statement in a new editor; a masked or cut one with a warning to fix it first. */
export async function openForEdit(entry: Pick<HistoryEntry, 'sql' | 'redacted' | 'truncated'>): Promise<void> {
  await openStatement(entry);
  if (canRunAgainAsIs(entry)) return;
  void vscode.window.showWarningMessage(
    notificationText(
      entry.truncated && !entry.redacted
        ? 'Data Workbench: this statement was cut when it was stored; complete it before running.'
        : 'Data Workbench: secrets in this statement were masked as *** when it was stored; put them back before running.',
    ),
  );
}

async function showStored(entry: HistoryEntry): Promise<void> {
  await vscode.commands.executeCommand(Commands.showStoredResult, {
    connectionName: entry.connectionName,
    storedResultId: entry.storedResultId,
    sql: entry.sql,
    title: summarizeSql(entry.sql, 40),
  });
}

/** Opens the statement in a new editor and runs it on the connection it ran on. */
export async function rerun(entry: HistoryEntry): Promise<void> {
  const doc = await openStatement(entry);
  const commands = new Set(await vscode.commands.getCommands(true));
  if (!commands.has(Commands.runStatement)) return;
  if (commands.has(Commands.selectConnection)) await vscode.commands.executeCommand(Commands.selectConnection, entry.connectionName);
  await vscode.commands.executeCommand(Commands.runStatement, doc.uri, 0);
}
