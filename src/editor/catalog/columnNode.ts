// A column of a table in the active connection's catalog, with its type.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class ColumnNode extends CatalogItemNode<'column'> {
  label(): string {
    return this.item.column.name;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('symbol-field');
    item.contextValue = ContextValues.catalogColumn;
    item.description = this.item.column.type;
    item.tooltip = `${this.item.column.name} ${this.item.column.type}${this.item.column.comment ? `\n${this.item.column.comment}` : ''}`;
  }
}
