// The Amazon EMR client (@aws-sdk/client-emr), loaded lazily; see lazyClient.ts.
import type { AwsClientOptions } from '../clientConfig';
import { LazyAwsClient } from './lazyClient';

export type EmrApi = typeof import('@aws-sdk/client-emr');

export function emrClient(options: AwsClientOptions, service = 'Amazon EMR'): LazyAwsClient<EmrApi, InstanceType<EmrApi['EMRClient']>> {
  return new LazyAwsClient<EmrApi, InstanceType<EmrApi['EMRClient']>>(service, () => import('@aws-sdk/client-emr'), (api, config) => new api.EMRClient(config), options);
}
