// A schema of a Redshift database (Data API ListSchemas).
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class SchemaNode extends ClustersItemNode<'schema'> {
  label(): string {
    return this.item.schema;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = ContextValues.redshiftSchema;
  }
}
