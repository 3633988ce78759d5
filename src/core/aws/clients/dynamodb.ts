// The Amazon DynamoDB client (@aws-sdk/client-dynamodb), loaded lazily; see lazyClient.ts.
import type { AwsClientOptions } from '../clientConfig';
import { LazyAwsClient } from './lazyClient';

export type DynamoDbApi = typeof import('@aws-sdk/client-dynamodb');

export function dynamodbClient(
  options: AwsClientOptions,
  service = 'Amazon DynamoDB',
): LazyAwsClient<DynamoDbApi, InstanceType<DynamoDbApi['DynamoDBClient']>> {
  return new LazyAwsClient<DynamoDbApi, InstanceType<DynamoDbApi['DynamoDBClient']>>(
    service,
    () => import('@aws-sdk/client-dynamodb'),
    (api, config) => new api.DynamoDBClient(config),
    options,
  );
}
