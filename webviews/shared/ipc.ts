// Typed messages between an extension-side webview host (src/editor/webview/host.ts) and its
// webview (webviews/shared/client.ts), declared GitLens-style: each message is a named constant
// carrying its parameter (and reply) type and a check of its shape, imported by both sides.
import type { Check } from './validate';

abstract class IpcMessageType<Params> {
  /** `scope/name`, what travels on the wire. */
  readonly method: string;
  /** Phantom: carries the parameter type. */
  declare readonly _params?: Params;

  constructor(
    readonly scope: string,
    readonly name: string,
    /** Checks what the other side sent; the receiving host ignores a message that fails it. */
    readonly check?: Check,
  ) {
    this.method = `${scope}/${name}`;
  }
}

/** Webview → host, no reply. */
export class IpcCommand<Params = void> extends IpcMessageType<Params> {
  readonly kind = 'command';
}

/** Webview → host; the host's handler result (or its error) comes back as the reply. */
export class IpcRequest<Params = void, Reply = void> extends IpcMessageType<Params> {
  readonly kind = 'request';
  /** Phantom: carries the reply type. */
  declare readonly _reply?: Reply;
}

/** Host → webview. */
export class IpcNotification<Params = void> extends IpcMessageType<Params> {
  readonly kind = 'notification';
}

export type ParamsOf<T> = T extends IpcMessageType<infer P> ? P : never;

/** A command, notification or request (requests carry `id`). */
export interface IpcMessage {
  method: string;
  params?: unknown;
  id?: number;
}

export const REPLY_METHOD = 'ipc/reply';

/** The host's answer to request `id`: its value, or the message of the error its handler threw. */
export type IpcReply =
  | { method: typeof REPLY_METHOD; id: number; ok: true; value: unknown }
  | { method: typeof REPLY_METHOD; id: number; ok: false; error: string };

/** Sent by every webview once its script runs (and again after a reload): the host replays its state. */
export const ReadyCommand = new IpcCommand<void>('ipc', 'ready');

export function isIpcMessage(value: unknown): value is IpcMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcMessage).method === 'string' &&
    ((value as IpcMessage).id === undefined || Number.isSafeInteger((value as IpcMessage).id))
  );
}

export function isIpcReply(value: unknown): value is IpcReply {
  return isIpcMessage(value) && value.method === REPLY_METHOD && typeof value.id === 'number';
}
