// "Steps" of a cluster, newest first and paged.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class EmrStepsNode extends ClustersItemNode<'emrSteps'> {
  label(): string {
    return 'Steps';
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('list-ordered');
    item.description = 'newest first';
    item.contextValue = ContextValues.emrSteps;
  }
}
