// "Redshift": provisioned clusters, then Serverless workgroups, of a target.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class RedshiftFolderNode extends ClustersItemNode<'redshift'> {
  label(): string {
    return 'Redshift';
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('database');
    item.description = 'clusters and Serverless workgroups';
    item.contextValue = ContextValues.redshiftFolder;
    item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
  }
}
