// One partition of a Glue table, with its location.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class GluePartitionNode extends CatalogItemNode<'gluePartition'> {
  label(): string {
    return this.item.partition.name;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('folder');
    item.contextValue = ContextValues.gluePartition;
    item.tooltip = [this.item.partition.name, this.item.partition.location].filter(Boolean).join('\n');
  }
}
