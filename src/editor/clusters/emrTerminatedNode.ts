// "Terminated clusters": listed only when expanded (ListClusters with the terminated states).
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class EmrTerminatedNode extends ClustersItemNode<'emrTerminated'> {
  label(): string {
    return 'Terminated clusters';
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('archive');
    item.tooltip = 'Terminated clusters are listed when you expand this';
    item.contextValue = ContextValues.emrTerminatedFolder;
  }
}
