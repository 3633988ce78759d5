// A Glue table's partitions, listed page by page only when expanded.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class GluePartitionsNode extends CatalogItemNode<'gluePartitions'> {
  label(): string {
    return 'Partitions';
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('list-tree');
    item.contextValue = ContextValues.gluePartitions;
    item.description = 'paged, on demand';
  }
}
