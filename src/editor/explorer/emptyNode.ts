// Shown under a node that has no children, saying so in the source's words ("No clusters").
import * as vscode from 'vscode';
import { ContextValues } from './contextValues';
import { ExplorerNode } from './explorerNode';

export class EmptyNode extends ExplorerNode {
  constructor(
    id: string,
    readonly text: string,
  ) {
    super(id);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('info');
    item.contextValue = ContextValues.empty;
    return item;
  }
}
