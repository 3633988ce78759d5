// What every webview panel needs on the extension side: the page (HTML under a strict CSP with a
// fresh nonce), reveal and restore, the `ready` → replay handshake, typed notifications, and the
// webview's commands and requests routed through IpcDispatcher (checked, replied by id).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { IpcCommand, IpcNotification, IpcRequest } from '../../../webviews/shared/ipc';
import { IpcDispatcher } from './dispatch';

export interface WebviewHostOptions {
  /** The panel's view type (package.json `onWebviewPanel:` activation for restore). */
  viewType: string;
  /** The bundle under dist/webviews: `<bundle>.js` and `<bundle>.css`. */
  bundle: string;
  /** Keep the page alive while hidden (for panels whose state lives in the page, e.g. scroll). */
  retainContextWhenHidden?: boolean;
  log?: Pick<vscode.LogOutputChannel, 'warn' | 'error'>;
  /** The webview (re)loaded and said `ready`: post it the state it should show. */
  onReady?(): void;
  /** The panel was closed. */
  onDidDispose?(): void;
}

/** Where WebviewHost.show puts the panel (see there). */
export interface ShowOptions {
  focus?: boolean;
  beside?: vscode.ViewColumn;
}

export class WebviewHost implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly dispatcher: IpcDispatcher;
  private readonly panelDisposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly options: WebviewHostOptions,
  ) {
    this.dispatcher = new IpcDispatcher(options.viewType, (reply) => void this.panel?.webview.postMessage(reply), options.log);
    this.dispatcher.onReady(() => this.options.onReady?.());
  }

  get webviewPanel(): vscode.WebviewPanel | undefined {
    return this.panel;
  }

  private get root(): vscode.Uri {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', 'webviews');
  }

  /** Opens the panel beside the editor (without taking focus), or retitles and reveals it.
   * `focus`: the user asked for this panel, so it comes to the front and takes focus. `beside`: open
   * right of that column rather than of whichever group happens to be active (focus can lag a click). */
  show(title: string, place: ShowOptions = {}): void {
    const besideColumn = place.beside !== undefined && place.beside > 0 ? Math.min(place.beside + 1, vscode.ViewColumn.Nine) : undefined;
    if (this.panel) {
      this.panel.title = title;
      // Hidden in the very group it should sit beside: move it right rather than cover that group's panel.
      const column =
        besideColumn !== undefined && this.panel.viewColumn === place.beside && !this.panel.visible ? besideColumn : this.panel.viewColumn;
      if (place.focus || !this.panel.visible) this.panel.reveal(column ?? vscode.ViewColumn.Beside, !place.focus);
      return;
    }
    const viewColumn = besideColumn ?? vscode.ViewColumn.Beside;
    const panel = vscode.window.createWebviewPanel(
      this.options.viewType,
      title,
      { viewColumn, preserveFocus: !place.focus },
      {
        enableScripts: true,
        retainContextWhenHidden: this.options.retainContextWhenHidden ?? false,
        localResourceRoots: [this.root],
      },
    );
    this.attach(panel);
  }

  /** Takes over a panel VS Code restored after a reload (see registerWebviewRestore). */
  attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = { enableScripts: true, localResourceRoots: [this.root] };
    panel.webview.html = renderHtml(panel.webview, this.root, this.options.bundle);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.dispatcher.receive(m)),
      panel.onDidDispose(() => {
        this.panel = undefined;
        for (const d of this.panelDisposables.splice(0)) d.dispose();
        this.options.onDidDispose?.();
      }),
    );
  }

  onCommand<P>(type: IpcCommand<P>, handle: (params: P) => void | Promise<void>): void {
    this.dispatcher.onCommand(type, handle);
  }

  onRequest<P, R>(type: IpcRequest<P, R>, handle: (params: P) => R | Promise<R>): void {
    this.dispatcher.onRequest(type, handle);
  }

  notify<P>(type: IpcNotification<P>, params: P): void {
    void this.panel?.webview.postMessage({ method: type.method, params });
  }

  /** Handles one message from the webview as if it had sent it (tests). */
  receive(message: unknown): Promise<void> {
    return this.dispatcher.receive(message);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.panelDisposables.splice(0)) d.dispose();
  }
}

/** Lets VS Code bring a panel of `viewType` back after a window reload: `restore` receives it
 * (typically `host.attach(panel)`) and the state its webview last saved (unchecked: whatever the
 * page wrote). Needs `onWebviewPanel:<viewType>` in activationEvents. */
export function registerWebviewRestore(viewType: string, restore: (panel: vscode.WebviewPanel, state: unknown) => void): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(viewType, {
    async deserializeWebviewPanel(panel, state: unknown) {
      restore(panel, state);
    },
  });
}

/** The page of a webview: its bundle's script and stylesheet under a strict CSP with a fresh nonce.
 * No data ever goes into the HTML; it arrives as messages. */
export function renderHtml(webview: vscode.Webview, root: vscode.Uri, bundle = 'results'): string {
  const nonce = randomBytes(18).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  const title = bundle.charAt(0).toUpperCase() + bundle.slice(1);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${style}">
<title>${title}</title>
</head>
<body data-state="idle">
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
}
