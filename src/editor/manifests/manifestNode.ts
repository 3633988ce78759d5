// The base of the Manifests tree's nodes: text, icon and context value come from the core
// (manifestItemText); each resource level subclasses it in its own file and adds its click action.
import * as vscode from 'vscode';
import type { ManifestItem } from '../../core/manifests/treeSource';
import { manifestItemText, type ItemText, type RootContext } from '../../core/manifests/treeText';
import { ItemNode } from '../explorer/explorerNode';

/** What a node reads besides its item: the run snapshot, last failure and filters of its manifest. */
export type RootContextOf = (item: ManifestItem) => RootContext;

/** One kind of item; subclasses narrow `item` with `declare readonly item: ItemOf<'run'>`. */
export type ItemOf<K extends ManifestItem['kind']> = Extract<ManifestItem, { kind: K }>;

export abstract class ManifestNode extends ItemNode<ManifestItem> {
  constructor(
    item: ManifestItem,
    key: string,
    hasChildren: boolean,
    private readonly contextOf: RootContextOf,
  ) {
    super(item, key, hasChildren);
  }

  protected text(): ItemText {
    return manifestItemText(this.item, this.contextOf(this.item));
  }

  label(): string {
    return this.text().label;
  }

  protected describe(item: vscode.TreeItem): void {
    const text = this.text();
    item.description = text.description;
    item.tooltip = text.tooltip;
    item.contextValue = text.contextValue;
    item.iconPath = new vscode.ThemeIcon(text.icon);
    const command = this.command();
    if (command) item.command = command;
  }

  /** What a click does (none by default: expanding is the action). */
  protected command(): vscode.Command | undefined {
    return undefined;
  }
}
