// An EMR cluster: name, state and id; its details and steps load when expanded.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode, formatTime } from './clustersItemNode';

const STATE_ICONS: Record<string, [string, string?]> = {
  STARTING: ['loading~spin'],
  BOOTSTRAPPING: ['loading~spin'],
  RUNNING: ['sync~spin', 'charts.green'],
  WAITING: ['vm-active', 'charts.green'],
  TERMINATING: ['loading~spin', 'charts.yellow'],
  TERMINATED: ['vm-outline'],
  TERMINATED_WITH_ERRORS: ['error', 'errorForeground'],
};

export class EmrClusterNode extends ClustersItemNode<'emrCluster'> {
  label(): string {
    return this.item.cluster.name || this.item.cluster.id;
  }

  protected describe(item: vscode.TreeItem): void {
    const c = this.item.cluster;
    const [icon, color] = STATE_ICONS[c.state] ?? ['vm'];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.description = `${c.state} · ${c.id}`;
    const tip = new vscode.MarkdownString();
    tip.appendText(`${c.name}\n\n${c.id} — ${c.state}${c.stateMessage ? `: ${c.stateMessage}` : ''}\nCreated ${formatTime(c.created)}${c.ended ? `, ended ${formatTime(c.ended)}` : ''}`);
    item.tooltip = tip;
    const ended = c.state === 'TERMINATING' || c.state === 'TERMINATED' || c.state === 'TERMINATED_WITH_ERRORS';
    item.contextValue = ended ? ContextValues.emrClusterEnded : ContextValues.emrCluster;
  }
}
