// The Amazon Athena client (@aws-sdk/client-athena), loaded lazily; see lazyClient.ts.
import type { AwsClientOptions } from '../clientConfig';
import { LazyAwsClient } from './lazyClient';

export type AthenaApi = typeof import('@aws-sdk/client-athena');

export function athenaClient(
  options: AwsClientOptions,
  service = 'Amazon Athena',
): LazyAwsClient<AthenaApi, InstanceType<AthenaApi['AthenaClient']>> {
  return new LazyAwsClient<AthenaApi, InstanceType<AthenaApi['AthenaClient']>>(
    service,
    () => import('@aws-sdk/client-athena'),
    (api, config) => new api.AthenaClient(config),
    options,
  );
}
