// The shared explorer pieces with the real vscode API: the generic provider maps a core TreeModel
// to nodes, the shared error node's Retry command fetches again and the tree is told to refresh,
// "Load more" appends a page, and an empty list shows the source's text.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { TreeModel, type TreeSource } from '../../src/core/explorer/treeModel';
import { Commands } from '../../src/editor/commands';
import { ContextValues } from '../../src/editor/explorer/contextValues';
import { ErrorNode } from '../../src/editor/explorer/errorNode';
import { ItemNode, type ExplorerNode } from '../../src/editor/explorer/explorerNode';
import { LoadMoreNode } from '../../src/editor/explorer/loadMoreNode';
import { ModelTreeProvider } from '../../src/editor/explorer/provider';

class NameNode extends ItemNode<string> {
  label(): string {
    return this.item;
  }
  protected describe(item: vscode.TreeItem): void {
    item.contextValue = 'test.name';
  }
}

describe('Explorer base', () => {
  before(async () => {
    await vscode.extensions.getExtension('data-workbench.data-workbench')!.activate();
  });

  it('error → Retry → items → Load more; changes reach onDidChangeTreeData', async () => {
    let failing = true;
    const source: TreeSource<string> = {
      key: (s) => `name:${s}`,
      hasChildren: () => false,
      async children(_parent, cursor) {
        if (failing) throw new Error('ListClusters: access denied');
        return cursor ? { items: ['c'] } : { items: ['a', 'b'], next: '2' };
      },
    };
    const provider = new ModelTreeProvider(new TreeModel(source), (item, key, hasChildren) => new NameNode(item, key, hasChildren));
    const fired: (ExplorerNode | undefined)[] = [];
    const sub = provider.onDidChangeTreeData((n) => fired.push(n));
    try {
      const [error] = await provider.getChildren();
      assert.ok(error instanceof ErrorNode);
      const errorItem = provider.getTreeItem(error);
      assert.equal(errorItem.label, 'ListClusters: access denied');
      assert.equal(errorItem.contextValue, ContextValues.error);
      assert.equal(errorItem.command?.command, Commands.explorerRetry);
      failing = false;
      await vscode.commands.executeCommand(Commands.explorerRetry, error);
      assert.deepEqual(fired, [undefined], 'the root is refreshed');
      const children = await provider.getChildren();
      assert.deepEqual(
        children.map((c) => provider.getTreeItem(c).label),
        ['a', 'b', 'Load more…'],
      );
      assert.equal(provider.getTreeItem(children[0]).id, 'name:a', 'the model key is the stable TreeItem id');
      const more = children[2];
      assert.ok(more instanceof LoadMoreNode);
      await vscode.commands.executeCommand(Commands.explorerLoadMore, more);
      assert.deepEqual(
        (await provider.getChildren()).map((c) => provider.getTreeItem(c).label),
        ['a', 'b', 'c'],
      );
    } finally {
      sub.dispose();
      provider.dispose();
    }
  });

  it('an empty list shows the source text', async () => {
    const provider = new ModelTreeProvider(
      new TreeModel<string>({
        key: (s) => s,
        hasChildren: () => false,
        emptyText: () => 'No clusters in us-east-1',
        children: async () => ({ items: [] }),
      }),
      (item, key, hasChildren) => new NameNode(item, key, hasChildren),
    );
    const [empty] = await provider.getChildren();
    assert.equal(provider.getTreeItem(empty).label, 'No clusters in us-east-1');
    assert.equal(provider.getTreeItem(empty).contextValue, ContextValues.empty);
    provider.dispose();
  });
});
