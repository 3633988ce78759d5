// Routes what a webview sends to its host's typed handlers. Every message is checked against its
// declared shape first; a bad or unknown one is ignored with a log line (and a request gets an
// error reply so the webview's promise settles). A request's reply is its handler's result, or
// the handler's own error. No `vscode` here, so it is tested in plain Node.
import { isIpcMessage, ReadyCommand, REPLY_METHOD, type IpcCommand, type IpcReply, type IpcRequest } from '../../../webviews/shared/ipc';
import type { Check } from '../../../webviews/shared/validate';

export interface DispatchLog {
  warn(message: string): void;
  error(message: string): void;
}

type Handler = (params: unknown) => unknown;

export class IpcDispatcher {
  private readonly handlers = new Map<string, { kind: 'command' | 'request'; check?: Check; handle: Handler }>();

  constructor(
    /** Names the webview in log lines. */
    private readonly name: string,
    private readonly postReply: (reply: IpcReply) => void,
    private readonly log?: DispatchLog,
  ) {}

  onCommand<P>(type: IpcCommand<P>, handle: (params: P) => void | Promise<void>): void {
    this.handlers.set(type.method, { kind: 'command', check: type.check, handle: handle as Handler });
  }

  onRequest<P, R>(type: IpcRequest<P, R>, handle: (params: P) => R | Promise<R>): void {
    this.handlers.set(type.method, { kind: 'request', check: type.check, handle: handle as Handler });
  }

  onReady(handle: () => void): void {
    this.onCommand(ReadyCommand, handle);
  }

  /** Handles one message; resolves once its handler has settled. */
  async receive(message: unknown): Promise<void> {
    if (!isIpcMessage(message)) {
      this.log?.warn(`${this.name}: ignored a message that is not a command or request`);
      return;
    }
    const { method, id, params } = message;
    const entry = this.handlers.get(method);
    if (!entry || (entry.kind === 'request') !== (id !== undefined)) {
      this.log?.warn(`${this.name}: ignored unknown ${id !== undefined ? 'request' : 'command'} "${method.slice(0, 80)}"`);
      return;
    }
    const problem = entry.check?.(params);
    if (problem) {
      this.log?.warn(`${this.name}: ignored ${method}: ${problem}`);
      if (id !== undefined) this.postReply({ method: REPLY_METHOD, id, ok: false, error: `invalid ${method}: ${problem}` });
      return;
    }
    try {
      const value = await entry.handle(params);
      if (id !== undefined) this.postReply({ method: REPLY_METHOD, id, ok: true, value });
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log?.error(`${this.name}: ${method} failed: ${text}`);
      if (id !== undefined) this.postReply({ method: REPLY_METHOD, id, ok: false, error: text });
    }
  }
}
