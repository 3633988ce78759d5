// One line of a cluster's details: release, applications, a capacity group or fleet, master DNS, log URI.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

const ICONS: Record<string, string> = { release: 'tag', applications: 'extensions', master: 'globe', logs: 'output' };

export class EmrDetailNode extends ClustersItemNode<'emrDetail'> {
  label(): string {
    return this.item.label;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon(ICONS[this.item.name] ?? 'server');
    item.description = this.item.description;
    item.tooltip = `${this.item.label}: ${this.item.description}`;
    item.contextValue = ContextValues.emrDetail;
  }
}
