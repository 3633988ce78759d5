// A Redshift table or view (Data API ListTables); its columns load when expanded.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { ClustersItemNode } from './clustersItemNode';

export class TableNode extends ClustersItemNode<'table'> {
  label(): string {
    return this.item.table.name;
  }

  protected describe(item: vscode.TreeItem): void {
    const t = this.item.table;
    item.iconPath = new vscode.ThemeIcon(t.kind === 'view' ? 'eye' : 'table');
    item.description = t.kind === 'table' ? undefined : t.kind;
    item.tooltip = `${this.item.database}.${t.schema}.${t.name} (${t.kind})${t.comment ? `\n${t.comment}` : ''}`;
    item.contextValue = ContextValues.redshiftTable;
  }
}
