// "EMR": the active clusters of a target (terminated ones under their own node).
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class EmrFolderNode extends ClustersItemNode<'emr'> {
  label(): string {
    return 'EMR';
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.description = 'active clusters';
    item.contextValue = ContextValues.emrFolder;
    item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
  }
}
