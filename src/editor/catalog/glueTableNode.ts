// A Glue table: columns and partition keys, then its partitions; details, preview and DDL from the menu.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class GlueTableNode extends CatalogItemNode<'glueTable'> {
  label(): string {
    return this.item.table.name;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon(this.item.table.kind === 'view' ? 'eye' : 'table');
    item.contextValue = ContextValues.glueTable;
    const t = this.item.table;
    item.description = [t.format, t.partitionKeys.length ? `partitioned by ${t.partitionKeys.map((k) => k.name).join(', ')}` : undefined]
      .filter(Boolean)
      .join(' · ');
    item.tooltip = [`${t.database}.${t.name} (${t.tableType})`, t.location, t.description].filter(Boolean).join('\n');
  }
}
