// Turns AWS SDK errors into EngineErrors the panel can explain. The SDK has already retried
// throttling, 5xx and dropped connections by the time an error gets here.
import { CancelledError, EngineError } from '../engines/engine';

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  Code?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const AUTH_ERRORS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
  'MissingAuthenticationTokenException',
]);
const PERMISSION_ERRORS = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden']);
const THROTTLE_ERRORS = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'SlowDown', 'RequestLimitExceeded']);

export function isAccessDenied(error: unknown): boolean {
  const e = error as SdkErrorLike;
  return PERMISSION_ERRORS.has(e?.name ?? '') || e?.$metadata?.httpStatusCode === 403;
}

export function isAbortError(error: unknown): boolean {
  return (error as SdkErrorLike)?.name === 'AbortError';
}

/** `service` names the API in the message, e.g. "Athena" or "Redshift Data API"; `profile` the
 * named AWS profile the connection uses, if any. */
export function toEngineError(error: unknown, service: string, profile?: string): EngineError {
  if (error instanceof EngineError) return error;
  if (isAbortError(error)) return new CancelledError();
  const e = (error ?? {}) as SdkErrorLike;
  const name = e.name ?? 'Error';
  const message = e.message || name;
  const attempts = e.$metadata?.attempts;
  const tried = attempts && attempts > 1 ? ` (after ${attempts} attempts)` : '';
  if (name === 'CredentialsProviderError' || (/Could not load credentials|credential/i.test(message) && !e.$metadata?.httpStatusCode)) {
    const where = profile
      ? ` for profile "${profile}" (check ~/.aws/config and ~/.aws/credentials; for an SSO profile run \`aws sso login --profile ${profile}\`)`
      : ' (set a profile on the connection, or AWS_PROFILE / AWS_ACCESS_KEY_ID in the environment)';
    return new EngineError(`${service}: no usable AWS credentials${where}: ${message}`, { code: name, category: 'auth', cause: error });
  }
  if (AUTH_ERRORS.has(name)) {
    return new EngineError(`${service} rejected the AWS credentials (${name}): ${message}`, { code: name, category: 'auth', cause: error });
  }
  if (PERMISSION_ERRORS.has(name) || e.$metadata?.httpStatusCode === 403) {
    return new EngineError(`${service}: access denied (${name}): ${message}`, { code: name, category: 'permission', cause: error });
  }
  if (THROTTLE_ERRORS.has(name) || e.$metadata?.httpStatusCode === 429) {
    return new EngineError(`${service} is throttling requests${tried}: ${message}`, { code: name, category: 'throttled', cause: error });
  }
  const code = e.code ?? '';
  if (
    ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code) ||
    name === 'TimeoutError'
  ) {
    return new EngineError(`${service}: network error${tried}: ${message}`, { code: code || name, category: 'connection', cause: error });
  }
  if (e.$fault === 'server' || (e.$metadata?.httpStatusCode ?? 0) >= 500) {
    return new EngineError(`${service} internal error${tried} (${name}): ${message}`, { code: name, category: 'internal', cause: error });
  }
  return new EngineError(`${service}: ${message}`, { code: name, category: 'query', cause: error });
}
