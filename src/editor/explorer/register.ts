// The commands the shared explorer nodes run: Retry on an error node, Load more on a paged list.
// Nodes are recognised by their method, not their class: a node built by another bundle (a
// test's, a future lazily-loaded explorer's) is a different class object.
import * as vscode from 'vscode';
import { Commands } from '../commands';

function has<K extends string>(node: unknown, method: K): node is Record<K, () => Promise<void>> {
  return typeof node === 'object' && node !== null && typeof (node as Record<K, unknown>)[method] === 'function';
}

export function registerExplorerCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.explorerRetry, (node?: unknown) => (has(node, 'retry') ? node.retry() : undefined)),
    vscode.commands.registerCommand(Commands.explorerLoadMore, (node?: unknown) => (has(node, 'loadMore') ? node.loadMore() : undefined)),
  );
}
