// An AWS profile and region of the Clusters view (`dataWorkbench.aws.targets`): EMR and Redshift under it.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class TargetNode extends ClustersItemNode<'target'> {
  label(): string {
    return this.item.label;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('cloud');
    item.tooltip = `AWS profile and region: ${this.item.label}`;
    item.contextValue = ContextValues.clustersTarget;
    item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
  }
}
