// A database of a Redshift cluster or workgroup (Data API ListDatabases).
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class DatabaseNode extends ClustersItemNode<'database'> {
  label(): string {
    return this.item.database;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = ContextValues.redshiftDatabase;
  }
}
