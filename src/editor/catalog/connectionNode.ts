// The active connection's own catalog (follows the active connection).
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class ConnectionNode extends CatalogItemNode<'connection'> {
  label(): string {
    return this.item.name;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('plug');
    item.contextValue = ContextValues.catalogConnection;
    item.description = this.item.dialect;
    item.tooltip = `The catalog of the active connection ${this.item.name} (${this.item.dialect})`;
    item.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
  }
}
