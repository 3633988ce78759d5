// dynalite (DynamoDB) and s3rver (S3) on 127.0.0.1 for the manifest tests and bench, each behind
// a latency/throttling proxy (test/support/latencyProxy.ts) that the real SDK clients talk to.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { startLoopbackS3, S3RVER_CREDENTIALS, type LoopbackS3 } from '../aws/s3';
import { startLatencyProxy, type LatencyProxy } from '../latencyProxy';

export const LOCAL_CREDENTIALS = S3RVER_CREDENTIALS;

export interface LocalAws {
  /** Proxied endpoints (latency and throttling apply). */
  dynamodbEndpoint: string;
  s3Endpoint: string;
  dynamoProxy: LatencyProxy;
  s3Proxy: LatencyProxy;
  /** Direct endpoints (no proxy), for seeding fast. */
  dynamodbDirect: string;
  s3Direct: string;
  /** A client pair on the proxied endpoints, `maxAttempts` retries as the product's default. */
  clients(options?: { maxAttempts?: number }): { dynamodb: DynamoDBClient; s3: S3Client };
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<{ endpoint: string; stop(): Promise<void> }> {
  // dynalite ships no types; a non-literal specifier keeps the import untyped.
  const name = 'dynalite';
  const dynalite = ((await import(name)) as { default: (o: Record<string, unknown>) => http.Server }).default;
  const server = dynalite({ createTableMs: 20, deleteTableMs: 20, updateTableMs: 20 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export async function startLocalAws(buckets: string[], options: { latencyMs?: number } = {}): Promise<LocalAws> {
  const dynamo = await startDynalite();
  let s3: LoopbackS3 | undefined;
  try {
    s3 = await startLoopbackS3(buckets);
    const dynamoProxy = await startLatencyProxy(dynamo.endpoint, 'dynamodb', options);
    const s3Proxy = await startLatencyProxy(s3.endpoint, 's3', options);
    const made: { destroy(): void }[] = [];
    const loopbackS3 = s3;
    return {
      dynamodbEndpoint: dynamoProxy.endpoint,
      s3Endpoint: s3Proxy.endpoint,
      dynamoProxy,
      s3Proxy,
      dynamodbDirect: dynamo.endpoint,
      s3Direct: s3.endpoint,
      clients(o = {}) {
        const common = { region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: o.maxAttempts ?? 4, retryMode: 'standard' };
        const pair = {
          dynamodb: new DynamoDBClient({ ...common, endpoint: dynamoProxy.endpoint }),
          s3: new S3Client({ ...common, endpoint: s3Proxy.endpoint, forcePathStyle: true }),
        };
        made.push(pair.dynamodb, pair.s3);
        return pair;
      },
      async stop() {
        for (const c of made) c.destroy();
        await dynamoProxy.stop();
        await s3Proxy.stop();
        await loopbackS3.stop();
        await dynamo.stop();
      },
    };
  } catch (e) {
    await s3?.stop();
    await dynamo.stop();
    throw e;
  }
}
