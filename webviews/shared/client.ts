// The webview side of the typed IPC (webviews/shared/ipc.ts): send commands, make requests whose
// promise settles with the host's reply (or rejects with the host handler's error), and receive
// notifications. One instance per webview.
import { isIpcMessage, isIpcReply, ReadyCommand, type IpcCommand, type IpcMessage, type IpcNotification, type IpcRequest } from './ipc';

interface VsCodeApi {
  postMessage(message: unknown): void;
  setState?(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export class HostClient {
  private readonly api: VsCodeApi;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly handlers = new Map<string, (params: unknown) => void>();

  constructor(api: VsCodeApi = acquireVsCodeApi(), target: Pick<Window, 'addEventListener'> = window) {
    this.api = api;
    target.addEventListener('message', (event: MessageEvent<unknown>) => this.receive(event.data));
  }

  command<P>(type: IpcCommand<P>, params: P): void {
    this.api.postMessage({ method: type.method, params } satisfies IpcMessage);
  }

  request<P, R>(type: IpcRequest<P, R>, params: P): Promise<R> {
    const id = this.nextId++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.api.postMessage({ method: type.method, params, id } satisfies IpcMessage);
    });
  }

  on<P>(type: IpcNotification<P>, handler: (params: P) => void): void {
    this.handlers.set(type.method, handler as (params: unknown) => void);
  }

  /** Keeps `state` with the panel (VS Code writes it to disk): what the host gets back to restore
   * the panel after a window reload. Never rows or secrets. */
  saveState(state: unknown): void {
    this.api.setState?.(state);
  }

  /** Tells the host the page is up; it answers by replaying its state as notifications. */
  ready(): void {
    this.command(ReadyCommand, undefined);
  }

  private receive(data: unknown): void {
    if (isIpcReply(data)) {
      const waiting = this.pending.get(data.id);
      if (!waiting) return;
      this.pending.delete(data.id);
      if (data.ok) waiting.resolve(data.value);
      else waiting.reject(new Error(data.error));
      return;
    }
    if (isIpcMessage(data)) this.handlers.get(data.method)?.(data.params);
  }
}
