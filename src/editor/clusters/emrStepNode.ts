// An EMR step: state icon, start/end, duration and failure reason; its logs are its children.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode, formatDuration, formatTime } from './clustersItemNode';

const STATE_ICONS: Record<string, [string, string?]> = {
  PENDING: ['clock'],
  CANCEL_PENDING: ['loading~spin', 'charts.yellow'],
  RUNNING: ['sync~spin', 'charts.blue'],
  COMPLETED: ['pass', 'testing.iconPassed'],
  CANCELLED: ['circle-slash'],
  FAILED: ['error', 'testing.iconFailed'],
  INTERRUPTED: ['debug-disconnect', 'charts.yellow'],
};

/** Step states EMR lets a user cancel (core CANCELLABLE_STEP_STATES; repeated here so this
 * file needs no value import from the core bundle that carries the SDK). */
const CANCELLABLE = ['PENDING', 'RUNNING'];

export class EmrStepNode extends ClustersItemNode<'emrStep'> {
  label(): string {
    return this.item.step.name || this.item.step.id;
  }

  protected describe(item: vscode.TreeItem): void {
    const s = this.item.step;
    const [icon, color] = STATE_ICONS[s.state] ?? ['circle-outline'];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const duration = s.durationMs !== undefined ? formatDuration(s.durationMs) : undefined;
    item.description = [s.state, duration, s.failure?.reason].filter(Boolean).join(' · ');
    const lines = [
      `${s.name} (${s.id})`,
      `State: ${s.state}`,
      `Started: ${formatTime(s.started)}`,
      `Ended: ${formatTime(s.ended)}`,
      ...(duration ? [`Duration: ${duration}`] : []),
      ...(s.actionOnFailure ? [`On failure: ${s.actionOnFailure}`] : []),
      ...(s.failure
        ? [
            `Failure: ${[s.failure.reason, s.failure.message].filter(Boolean).join(' — ')}`,
            ...(s.failure.logFile ? [`Log: ${s.failure.logFile}`] : []),
          ]
        : []),
    ];
    item.tooltip = lines.join('\n');
    item.contextValue = CANCELLABLE.includes(s.state) ? ContextValues.emrStepCancellable : ContextValues.emrStep;
  }
}
