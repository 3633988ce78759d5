// What every explorer's context-menu commands share: the core item of the node a menu passed, and
// reporting a failed action in the log and a notification.
import * as vscode from 'vscode';
import { notificationText } from '../../core/text/notification';

/** The core item of a node passed by a menu, when it is of one of `kinds`. */
export function nodeItem<N extends { kind: string }, K extends N['kind']>(
  node: unknown,
  kinds: readonly K[],
): Extract<N, { kind: K }> | undefined {
  const item = (node as { item?: N } | undefined)?.item;
  return item && (kinds as readonly string[]).includes(item.kind) ? (item as Extract<N, { kind: K }>) : undefined;
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Logs `what` failed and tells the user. */
export function failureReporter(log: vscode.LogOutputChannel): (what: string, e: unknown) => void {
  return (what, e) => {
    log.error(`${what}: ${errorMessage(e)}`);
    void vscode.window.showErrorMessage(notificationText(`Data Workbench: ${what}: ${errorMessage(e)}`));
  };
}
