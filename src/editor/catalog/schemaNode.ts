// A schema of the active connection's catalog.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class SchemaNode extends CatalogItemNode<'schema'> {
  label(): string {
    return this.item.schema;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = ContextValues.catalogSchema;
  }
}
