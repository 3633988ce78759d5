// The AWS Glue client (@aws-sdk/client-glue), loaded lazily; see lazyClient.ts.
import type { AwsClientOptions } from '../clientConfig';
import { LazyAwsClient } from './lazyClient';

export type GlueApi = typeof import('@aws-sdk/client-glue');

export function glueClient(options: AwsClientOptions, service = 'AWS Glue'): LazyAwsClient<GlueApi, InstanceType<GlueApi['GlueClient']>> {
  return new LazyAwsClient<GlueApi, InstanceType<GlueApi['GlueClient']>>(service, () => import('@aws-sdk/client-glue'), (api, config) => new api.GlueClient(config), options);
}
