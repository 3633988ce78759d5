// Which AWS account/region (and, for the sandbox or VPC endpoints, which endpoints) an explorer
// model talks to, and the SDK client config for each service. The SDK's default chain supplies
// credentials (profiles, SSO, env) and also honours `endpoint_url` in the shared config.
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { awsClientConfig } from '../aws/clientConfig';

export type AwsServiceName = 'emr' | 's3' | 'glue' | 'redshift' | 'redshiftServerless' | 'redshiftData' | 'athena';

export interface AwsTarget {
  region?: string;
  /** Named profile (SSO included); absent = the SDK default chain. */
  profile?: string;
  /** Explicit credentials (tests). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Per-service endpoint overrides. Absent: the SDK's own resolution, which reads
   * AWS_ENDPOINT_URL_<SERVICE> and `services` sections of the shared config (the sandbox). */
  endpoints?: Partial<Record<AwsServiceName, string>>;
  /** Attempts per request incl. the first (default 4: throttling/5xx/drops are retried). */
  maxAttempts?: number;
}

/** A short label for a target in trees and messages, e.g. `dev @ eu-west-1`. */
export function targetLabel(target: AwsTarget): string {
  return `${target.profile ?? 'default'} @ ${target.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1'}`;
}

export function clientConfigFor(target: AwsTarget, service: AwsServiceName): Record<string, unknown> {
  return awsClientConfig({
    region: target.region,
    profile: target.profile,
    credentials: target.credentials,
    maxAttempts: target.maxAttempts,
    endpoint: target.endpoints?.[service],
    // Loopback S3 servers and most S3-compatible endpoints need path-style addressing.
    forcePathStyle: service === 's3' && Boolean(target.endpoints?.s3),
  });
}
