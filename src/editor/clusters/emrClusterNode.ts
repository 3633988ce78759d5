// An EMR cluster: name, state and id; its details and steps load when expanded.
import * as vscode from 'vscode';
import { markdownText } from '../../core/text/markdown';
import { ContextValues } from '../explorer/contextValues';
import { untrustedMarkdown } from '../markdown';
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
    // Name and state message come from EMR: escaped, in a MarkdownString that is never trusted.
    const facts = `${c.id} — ${c.state}${c.stateMessage ? `: ${c.stateMessage}` : ''}\nCreated ${formatTime(c.created)}${c.ended ? `, ended ${formatTime(c.ended)}` : ''}`;
    item.tooltip = untrustedMarkdown(`**${markdownText(c.name)}**\n\n${markdownText(facts).replace(/\n/g, '  \n')}`);
    const ended = c.state === 'TERMINATING' || c.state === 'TERMINATED' || c.state === 'TERMINATED_WITH_ERRORS';
    item.contextValue = ended ? ContextValues.emrClusterEnded : ContextValues.emrCluster;
  }
}
