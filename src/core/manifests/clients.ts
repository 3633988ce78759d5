// Builds the DynamoDB and S3 clients a manifest view needs, loading the SDK modules only when a
// manifest is first opened (never at extension activation).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { awsClientConfig, type AwsClientOptions } from '../aws/clientConfig';

export interface ManifestClientOptions extends AwsClientOptions {
  /** Separate endpoints (loopback sandbox: dynalite and s3rver listen on different ports). */
  dynamodbEndpoint?: string;
  s3Endpoint?: string;
}

export interface ManifestClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  dispose(): void;
}

export async function createManifestClients(options: ManifestClientOptions = {}): Promise<ManifestClients> {
  const [{ DynamoDBClient }, { S3Client }] = await Promise.all([import('@aws-sdk/client-dynamodb'), import('@aws-sdk/client-s3')]);
  const dynamodb = new DynamoDBClient(awsClientConfig({ ...options, endpoint: options.dynamodbEndpoint ?? options.endpoint }));
  const s3 = new S3Client(
    awsClientConfig({
      ...options,
      endpoint: options.s3Endpoint ?? options.endpoint,
      forcePathStyle: options.forcePathStyle ?? options.s3Endpoint !== undefined,
    }),
  );
  return {
    dynamodb,
    s3,
    dispose: () => {
      dynamodb.destroy();
      s3.destroy();
    },
  };
}
