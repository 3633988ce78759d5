// The Amazon S3 client (@aws-sdk/client-s3), loaded lazily; see lazyClient.ts.
import type { AwsClientOptions } from '../clientConfig';
import { LazyAwsClient } from './lazyClient';

export type S3Api = typeof import('@aws-sdk/client-s3');

export function s3Client(options: AwsClientOptions, service = 'Amazon S3'): LazyAwsClient<S3Api, InstanceType<S3Api['S3Client']>> {
  return new LazyAwsClient<S3Api, InstanceType<S3Api['S3Client']>>(
    service,
    () => import('@aws-sdk/client-s3'),
    (api, config) => new api.S3Client(config),
    options,
  );
}
