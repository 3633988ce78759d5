// Sorts an AWS SDK error into the states the Clusters and Catalog views explain: no
// credentials, access denied, throttled, network, not found, other; with a one-line message.
import { toEngineError } from './errors';

export type ExplorerErrorKind = 'no-credentials' | 'access-denied' | 'throttled' | 'network' | 'not-found' | 'cancelled' | 'other';

export interface ExplorerError {
  kind: ExplorerErrorKind;
  /** One line for the node and the log, naming the service. */
  message: string;
  /** The SDK error name, e.g. `AccessDeniedException`. */
  code: string;
  cause: unknown;
}

const NOT_FOUND = new Set([
  'EntityNotFoundException',
  'ResourceNotFoundException',
  'ClusterNotFound',
  'NoSuchKey',
  'NoSuchBucket',
  'NotFound',
]);

export function classifyAwsError(error: unknown, service: string, profile?: string): ExplorerError {
  const engineError = toEngineError(error, service, profile);
  const code = engineError.details.code ?? 'Error';
  const name = (error as { name?: string })?.name ?? '';
  let kind: ExplorerErrorKind;
  switch (engineError.details.category) {
    case 'auth':
      kind = 'no-credentials';
      break;
    case 'permission':
      kind = 'access-denied';
      break;
    case 'throttled':
      kind = 'throttled';
      break;
    case 'connection':
      kind = 'network';
      break;
    case 'cancelled':
      kind = 'cancelled';
      break;
    default:
      kind = NOT_FOUND.has(name) || NOT_FOUND.has(code) ? 'not-found' : 'other';
  }
  return { kind, message: engineError.message, code, cause: error };
}

/** Thrown by explorer models; carries the classification. */
export class ExplorerRequestError extends Error {
  readonly kind: ExplorerErrorKind;
  readonly code: string;
  constructor(readonly info: ExplorerError) {
    super(info.message, { cause: info.cause });
    this.name = 'ExplorerRequestError';
    this.kind = info.kind;
    this.code = info.code;
  }
}

/** Runs `call`, rethrowing any failure as an ExplorerRequestError for `service`. */
export async function explorerCall<T>(service: string, profile: string | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof ExplorerRequestError) throw e;
    throw new ExplorerRequestError(classifyAwsError(e, service, profile));
  }
}
