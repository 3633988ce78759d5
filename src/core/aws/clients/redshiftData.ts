// The Redshift Data API client (@aws-sdk/client-redshift-data), loaded lazily; see lazyClient.ts.
import type { AwsClientOptions } from '../clientConfig';
import { LazyAwsClient } from './lazyClient';

export type RedshiftDataApi = typeof import('@aws-sdk/client-redshift-data');

export function redshiftDataClient(
  options: AwsClientOptions,
  service = 'Redshift Data API',
): LazyAwsClient<RedshiftDataApi, InstanceType<RedshiftDataApi['RedshiftDataClient']>> {
  return new LazyAwsClient<RedshiftDataApi, InstanceType<RedshiftDataApi['RedshiftDataClient']>>(
    service,
    () => import('@aws-sdk/client-redshift-data'),
    (api, config) => new api.RedshiftDataClient(config),
    options,
  );
}
