// A column of a Redshift table with its type (Data API DescribeTable).
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class ColumnNode extends ClustersItemNode<'column'> {
  label(): string {
    return this.item.column.name;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('symbol-field');
    item.description = this.item.column.type;
    item.tooltip = `${this.item.column.name} ${this.item.column.type}${this.item.column.comment ? `\n${this.item.column.comment}` : ''}`;
    item.contextValue = ContextValues.redshiftColumn;
  }
}
