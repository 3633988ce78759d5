// libpq sslmode → node-postgres `ssl` option, honestly:
// - disable: plain TCP.
// - prefer: TLS without verification, falling back to plain TCP only when the server says it has
//   no SSL (the engine retries; see connection.ts). Like libpq, this protects against passive
//   snooping only.
// - require: TLS, no certificate verification (libpq's meaning when no root cert is configured).
// - verify-ca: TLS; the chain must lead to a trusted CA (Node's bundled roots, or `ca` when given)
//   but the host name is not checked.
// - verify-full: verify-ca plus the certificate must name the host we connected to.
import type { ConnectionOptions } from 'node:tls';
import type { SslMode } from '../../connections/types';

export type PgSsl = false | ConnectionOptions;

export function sslOptions(mode: SslMode, ca?: string | string[]): PgSsl {
  switch (mode) {
    case 'disable':
      return false;
    case 'prefer':
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}), checkServerIdentity: () => undefined };
    case 'verify-full':
      return { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  }
}

/** Node's TLS verification error codes, with what they mean for the user. */
const VERIFY_ERRORS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server presented a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate is not signed by a trusted certificate authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate is not signed by a trusted certificate authority',
  UNABLE_TO_GET_ISSUER_CERT: 'the certificate issuer is unknown',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate does not name this host',
};

/** A user-facing explanation when `code` is a certificate verification failure. */
export function describeCertificateError(code: string | undefined, mode: SslMode): string | undefined {
  const what = code ? VERIFY_ERRORS[code] : undefined;
  if (!what) return undefined;
  const advice =
    mode === 'verify-full' && code === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? 'connect with the host name on the certificate, or use sslmode verify-ca'
      : "install the server's CA certificate, or use sslmode require to encrypt without verifying";
  return `SSL certificate verification failed (sslmode ${mode}): ${what}; ${advice}`;
}
