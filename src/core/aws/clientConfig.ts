// Shared configuration for every AWS SDK client the engines build. Credentials come from the
// SDK's own default provider chain (env, shared config/credentials files incl. SSO and
// credential_process, container/instance metadata), selected by `profile`. The SDK memoizes the
// provider and refreshes temporary credentials shortly before they expire, so an expired
// session token never makes the user re-pick a connection.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

export interface AwsClientOptions {
  region?: string;
  /** Named profile from ~/.aws/config / ~/.aws/credentials (SSO profiles included). */
  profile?: string;
  /** Endpoint override (tests, VPC interface endpoints). */
  endpoint?: string;
  /** Explicit credentials (tests). Absent means the SDK default chain for `profile`. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Total attempts per request including the first (SDK standard retry mode). Default 4. */
  maxAttempts?: number;
  /** S3 only: path-style addressing, needed for loopback S3 servers. */
  forcePathStyle?: boolean;
}

export const DEFAULT_REGION = 'us-east-1';

/** The config object every `new XxxClient(...)` receives. */
export function awsClientConfig(options: AwsClientOptions): Record<string, unknown> {
  const config: Record<string, unknown> = {
    region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? DEFAULT_REGION,
    maxAttempts: options.maxAttempts ?? 4,
    retryMode: 'standard',
  };
  if (options.profile) config.profile = options.profile;
  if (options.endpoint) config.endpoint = options.endpoint;
  if (options.credentials) config.credentials = options.credentials;
  if (options.forcePathStyle) config.forcePathStyle = true;
  return config;
}

/** Splits `s3://bucket/key/with/slashes` into bucket and key. */
export function parseS3Uri(uri: string): { bucket: string; key: string } {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!m) throw new Error(`Not an S3 URI: ${uri}`);
  return { bucket: m[1], key: m[2] };
}
