// The Glue Data Catalog of an AWS profile and region: its databases.
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class GlueNode extends CatalogItemNode<'glue'> {
  label(): string {
    return this.item.label;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('library');
    item.contextValue = ContextValues.glue;
    item.tooltip = 'AWS Glue Data Catalog: databases, tables, columns and partitions as Athena and Spark see them';
  }
}
