// A column of a Glue table; partition keys are marked.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class GlueColumnNode extends CatalogItemNode<'glueColumn'> {
  label(): string {
    return this.item.column.name;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon(this.item.column.partitionKey ? 'key' : 'symbol-field');
    item.contextValue = ContextValues.glueColumn;
    item.description = this.item.column.partitionKey ? `${this.item.column.type} · partition key` : this.item.column.type;
    item.tooltip = `${this.item.column.name} ${this.item.column.type}${this.item.column.partitionKey ? ' (partition key)' : ''}${this.item.column.comment ? `\n${this.item.column.comment}` : ''}`;
  }
}
