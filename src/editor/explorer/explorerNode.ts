// The base of every explorer tree node: a stable id (the core model's key, so VS Code keeps the
// expansion and selection across refreshes) and the TreeItem it shows. Resource levels (a
// cluster, a step, a table) subclass ItemNode, one class per level in its own file.
import * as vscode from 'vscode';
import type { TreeModel } from '../../core/explorer/treeModel';
import { visibleText } from '../../core/text/visible';

export abstract class ExplorerNode {
  constructor(readonly id: string) {}

  abstract treeItem(): vscode.TreeItem;
}

/** A node for one resource of the core model; `parentKey` is where it is listed. */
export abstract class ItemNode<T> extends ExplorerNode {
  constructor(
    readonly item: T,
    key: string,
    /** Whether the model may list children under it (collapsed), else a leaf. */
    readonly hasChildren: boolean,
  ) {
    super(key);
  }

  /** Fills the TreeItem: label, description, icon, tooltip, contextValue (contextValues.ts). */
  protected abstract describe(item: vscode.TreeItem): void;

  abstract label(): string;

  /** Labels, descriptions and tooltips quote names from AWS, catalogs and files: VS Code shows them
   * as text, and controls and bidi characters are made visible so none can reorder or hide a name. */
  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      visibleText(this.label()),
      this.hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    this.describe(item);
    if (typeof item.description === 'string') item.description = visibleText(item.description);
    if (typeof item.tooltip === 'string') item.tooltip = visibleText(item.tooltip, { keepLayout: true });
    return item;
  }
}

/** A node that acts on the model for its parent (Retry, Load more). */
export abstract class ModelActionNode extends ExplorerNode {
  constructor(
    id: string,
    protected readonly model: Pick<TreeModel<unknown>, 'retry' | 'loadMore'>,
    readonly parentKey: string,
  ) {
    super(id);
  }
}
