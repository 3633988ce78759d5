// The thin AWS client wrappers (src/core/aws/clients/) against real local services: DynamoDB as
// dynalite and S3 as s3rver on 127.0.0.1, with the real SDK clients. Paged lists come back page
// by page, errors come back mapped (service named, category set), and the client is built once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { EngineError } from '../../../src/core/engines/engine';
import { dynamodbClient } from '../../../src/core/aws/clients/dynamodb';
import { s3Client } from '../../../src/core/aws/clients/s3';
import { S3RVER_CREDENTIALS, startLoopbackS3, type LoopbackS3 } from '../../support/aws/s3';

const CREDENTIALS = { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' };
let dynalite: http.Server;
let endpoint: string;
let s3: LoopbackS3;

before(async () => {
  // dynalite ships no types; it exports one factory of an http.Server.
  const createDynalite = require('dynalite') as (options: object) => http.Server;
  dynalite = createDynalite({ createTableMs: 0, deleteTableMs: 0 });
  await new Promise<void>((resolve) => dynalite.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(dynalite.address() as AddressInfo).port}`;
  s3 = await startLoopbackS3(['wrapped']);
});
after(async () => {
  await new Promise((resolve) => dynalite.close(resolve));
  await s3.stop();
});

test('a paged list is an async iterable of pages, one request per page', async () => {
  const ddb = dynamodbClient({ endpoint, credentials: CREDENTIALS, region: 'us-east-1', maxAttempts: 1 });
  const names = ['run_manifests', 'event_manifests', 'audit', 'jobs', 'steps'];
  for (const TableName of names) {
    await ddb.call((client, api) =>
      client.send(
        new api.CreateTableCommand({
          TableName,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      ),
    );
  }
  const pages: string[][] = [];
  for await (const page of ddb.pages(
    (client, api, token) => client.send(new api.ListTablesCommand({ Limit: 2, ExclusiveStartTableName: token })),
    (p) => p.LastEvaluatedTableName,
  )) {
    pages.push(page.TableNames ?? []);
  }
  assert.deepEqual(
    pages.map((p) => p.length),
    [2, 2, 1],
  );
  assert.deepEqual(pages.flat().sort(), [...names].sort());
  assert.equal(await ddb.client(), await ddb.client(), 'one client per wrapper');
  ddb.destroy();
});

test('errors are mapped through aws/errors: the service is named and the category set', async () => {
  const ddb = dynamodbClient({ endpoint, credentials: CREDENTIALS, region: 'us-east-1', maxAttempts: 1 });
  await assert.rejects(
    ddb.call((client, api) => client.send(new api.DescribeTableCommand({ TableName: 'no_such_table' }))),
    (e: unknown) =>
      e instanceof EngineError &&
      /^Amazon DynamoDB: /.test(e.message) &&
      /no_such_table|not found/i.test(e.message) &&
      e.details.category === 'query',
  );
  const bucket = s3Client({
    endpoint: s3.endpoint,
    credentials: S3RVER_CREDENTIALS,
    region: 'us-east-1',
    forcePathStyle: true,
    maxAttempts: 1,
  });
  for (const Key of ['a/1.csv', 'a/2.csv'])
    await s3.client.send(new PutObjectCommand({ Bucket: 'wrapped', Key, Body: new TextEncoder().encode(Key) }));
  const body = await bucket.call(async (client, api) =>
    (await client.send(new api.GetObjectCommand({ Bucket: 'wrapped', Key: 'a/2.csv' }))).Body!.transformToString(),
  );
  assert.equal(body, 'a/2.csv');
  s3.denyGetObject.add(S3RVER_CREDENTIALS.accessKeyId);
  try {
    await assert.rejects(
      bucket.call((client, api) => client.send(new api.GetObjectCommand({ Bucket: 'wrapped', Key: 'a/1.csv' }))),
      (e: unknown) => e instanceof EngineError && e.details.category === 'permission' && /^Amazon S3: access denied/.test(e.message),
    );
  } finally {
    s3.denyGetObject.clear();
    bucket.destroy();
  }
});
