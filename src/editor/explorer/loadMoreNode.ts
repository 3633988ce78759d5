// The last child of a paged list with more pages: clicking it appends the next page.
import * as vscode from 'vscode';
import { Commands } from '../commands';
import { ContextValues } from './contextValues';
import { ModelActionNode } from './explorerNode';

export class LoadMoreNode extends ModelActionNode {
  loadMore(): Promise<void> {
    return this.model.loadMore(this.parentKey);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('ellipsis');
    item.contextValue = ContextValues.loadMore;
    item.command = { command: Commands.explorerLoadMore, title: 'Load More', arguments: [this] };
    return item;
  }
}
