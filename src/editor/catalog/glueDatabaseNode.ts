// A Glue database; its tables load when expanded (filtered by the service).
import * as vscode from 'vscode';
import { ContextValues } from '../explorer/contextValues';
import { CatalogItemNode } from './catalogItemNode';

export class GlueDatabaseNode extends CatalogItemNode<'glueDatabase'> {
  label(): string {
    return this.item.database.name;
  }

  protected describe(item: vscode.TreeItem): void {
    item.iconPath = new vscode.ThemeIcon('database');
    item.contextValue = ContextValues.glueDatabase;
    item.description = this.item.database.description;
    item.tooltip = [this.item.database.name, this.item.database.description, this.item.database.locationUri].filter(Boolean).join('\n');
  }
}
