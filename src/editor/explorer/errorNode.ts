// Shown under a node whose children failed to load: the error message, and Retry (click or
// inline action) fetches the page that failed again.
import * as vscode from 'vscode';
import { visibleText } from '../../core/text/visible';
import { Commands } from '../commands';
import { ContextValues } from './contextValues';
import { ModelActionNode } from './explorerNode';

export class ErrorNode extends ModelActionNode {
  constructor(
    id: string,
    model: ModelActionNode['model'],
    parentKey: string,
    readonly message: string,
  ) {
    super(id, model, parentKey);
  }

  retry(): Promise<void> {
    return this.model.retry(this.parentKey);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(visibleText(this.message), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.tooltip = `${visibleText(this.message, { keepLayout: true })}\nClick to retry.`;
    item.contextValue = ContextValues.error;
    item.command = { command: Commands.explorerRetry, title: 'Retry', arguments: [this] };
    return item;
  }
}
