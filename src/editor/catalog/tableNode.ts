// A table or view of the active connection's catalog; its columns load when expanded.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class TableNode extends CatalogItemNode<'table'> {
  label(): string {
    return this.item.table.name;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon(this.item.table.kind === 'view' ? 'eye' : 'table');
    item.contextValue = ContextValues.catalogTable;
    item.description = this.item.table.kind === 'table' ? undefined : this.item.table.kind;
    item.tooltip = `${this.item.table.schema}.${this.item.table.name} (${this.item.table.kind})${this.item.table.comment ? `\n${this.item.table.comment}` : ''}`;
  }
}
