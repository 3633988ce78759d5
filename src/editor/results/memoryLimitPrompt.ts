// The prompt shown when a result passed the memory limit: the grid keeps the first rows; the user
// can export every row (which reads the result again) or change the limit.
import * as vscode from 'vscode';
import { BuiltinCommands, Commands } from '../commands';
import { settingId } from '../config';
import { memoryLimitText, type ActiveRun } from './activeRun';
import { notificationText } from '../../core/text/notification';

export function promptFullExport(active: ActiveRun, isCurrent: () => boolean, log: vscode.LogOutputChannel | undefined): void {
  const { session } = active;
  log?.warn(
    `${active.run.title}: kept the first ${session.rowCount} rows in memory (limit ${memoryLimitText(session)}); the rest was not read`,
  );
  void vscode.window
    .showWarningMessage(
      notificationText(
        `Data Workbench: the result is larger than the ${memoryLimitText(session)} memory limit. The grid shows its first ${session.rowCount} rows; an export writes them all.`,
      ),
      'Export All Rows…',
      'Change Limit',
    )
    .then((pick) => {
      if (pick === 'Export All Rows…' && isCurrent()) void vscode.commands.executeCommand(Commands.exportResults);
      if (pick === 'Change Limit') void vscode.commands.executeCommand(BuiltinCommands.openSettings, settingId('results.memoryLimitMB'));
    });
}
