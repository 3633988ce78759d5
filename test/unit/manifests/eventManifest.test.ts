// The event (duplicate) manifest against dynalite, seeded from the sample generator, and
// storage-config validation against the Iglu schemas.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { startLocalAws, type LocalAws } from '../../support/manifests/localAws';
import { seedManifests, type SeededManifests } from '../../support/manifests/seed';
import { EventManifestTable, type EventManifestItem } from '../../../src/core/manifests/eventManifest';
import { checkStorageConfig, locatePointer } from '../../../src/core/manifests/storageConfig';

let aws: LocalAws;
let seeded: SeededManifests;
let all: EventManifestItem[];

before(async () => {
  aws = await startLocalAws(['dw-sandbox-archive']);
  seeded = await seedManifests({
    s3Endpoint: aws.s3Direct,
    dynamoEndpoint: aws.dynamodbDirect,
    events: 1_500,
    days: 2,
    eventManifestEvents: 600,
  });
  const out = await aws.clients().dynamodb.send(new ScanCommand({ TableName: seeded.eventTable }));
  all = (out.Items ?? []).map((i) => ({
    eventId: i.eventId.S!,
    fingerprint: i.fingerprint.S!,
    etlTime: Number(i.etlTime.N),
    ttl: Number(i.ttl.N),
  }));
});
after(async () => {
  await aws?.stop();
});

test('counts items, in total and in an ETL range, with parallel segments', async () => {
  const table = new EventManifestTable(aws.clients().dynamodb, seeded.eventTable);
  assert.equal(all.length, 600);
  assert.equal(await table.count(), 600);
  const times = [...new Set(all.map((i) => i.etlTime!))].sort((a, b) => a - b);
  assert.ok(times.length >= 2, 'the seed spans more than one ETL run');
  const from = times[1];
  assert.equal(await table.count({ from }), all.filter((i) => i.etlTime! >= from).length);
  assert.equal(await table.count({ from: times[0], to: times[0] }), all.filter((i) => i.etlTime === times[0]).length);
  assert.ok(all.every((i) => i.ttl === i.etlTime! + 15_552_000));
});

test('browses by event id, by fingerprint and by ETL range, page after page', async () => {
  const table = new EventManifestTable(aws.clients().dynamodb, seeded.eventTable);
  const target = all[17];
  assert.deepEqual((await table.browse({ eventId: target.eventId })).items, [target]);
  assert.deepEqual((await table.browse({ eventId: target.eventId, fingerprint: target.fingerprint })).items, [target]);
  assert.deepEqual((await table.browse({ eventId: target.eventId, fingerprint: 'nope' })).items, []);
  assert.deepEqual((await table.browse({ fingerprint: target.fingerprint })).items, [target]);
  // A filtered Scan: pages of 50 until the range is exhausted, no item twice, none missed.
  const etl = target.etlTime!;
  const seen: EventManifestItem[] = [];
  let page = await table.browse({ from: etl, to: etl, limit: 50 });
  for (;;) {
    seen.push(...page.items);
    if (!page.nextKey) break;
    assert.equal(page.items.length, 50);
    page = await table.browse({ from: etl, to: etl, limit: 50, startKey: page.nextKey });
  }
  const expected = all.filter((i) => i.etlTime === etl);
  assert.equal(seen.length, expected.length);
  assert.deepEqual(new Set(seen.map((i) => i.eventId + i.fingerprint)), new Set(expected.map((i) => i.eventId + i.fingerprint)));
});

test('a hostile event id is a bound value, not part of the expression', async () => {
  const table = new EventManifestTable(aws.clients().dynamodb, seeded.eventTable);
  assert.deepEqual((await table.browse({ eventId: "x' OR attribute_exists(eventId) OR 'a' = 'a" })).items, []);
});

test('storage configs: the README example and the seeded config validate; secrets are masked', async () => {
  // The snowplow-events-manifest README example (fake credentials), verbatim.
  const text = JSON.stringify(
    {
      schema: 'iglu:com.snowplowanalytics.snowplow.storage/amazon_dynamodb_config/jsonschema/2-0-0',
      data: {
        name: 'ACME deduplication config',
        auth: { accessKeyId: 'fakeAccessKeyId', secretAccessKey: 'fakeSecretAccessKey' },
        awsRegion: 'us-east-1',
        dynamodbTable: 'acme-crossbatch-dedupe',
        id: 'ce6c3ff2-8a05-4b70-bbaa-830c163527da',
        purpose: 'EVENTS_MANIFEST',
      },
    },
    null,
    2,
  );
  const report = await checkStorageConfig(text);
  assert.equal(report.valid, true, JSON.stringify(report.problems));
  assert.equal(report.version, '2-0-0');
  assert.equal(report.dynamodbTable, 'acme-crossbatch-dedupe');
  assert.doesNotMatch(report.masked!, /fakeSecretAccessKey/);
  assert.match(report.masked!, /"secretAccessKey": "\*{8}"/);
  assert.match(report.masked!, /"accessKeyId": "fake…eyId"/);
  assert.equal((await checkStorageConfig(JSON.stringify(seeded.eventManifestConfig))).valid, true);
});

test('storage configs: each problem comes with its path and line/column', async () => {
  const text =
    '{\n  "schema": "iglu:com.snowplowanalytics.snowplow.storage/amazon_dynamodb_config/jsonschema/2-0-0",\n  "data": {\n    "name": "x",\n    "auth": {"accessKeyId": "AKIAABCDEFGHIJKL"},\n    "awsRegion": "eu-west-1",\n    "dynamodbTable": "t",\n    "id": "not-a-uuid",\n    "purpose": "DUPLICATE_TRACKING",\n    "extra": 1\n  }\n}';
  const report = await checkStorageConfig(text);
  assert.equal(report.valid, false);
  const byPath = new Map(report.problems.map((p) => [p.path, p]));
  assert.deepEqual([...byPath.keys()].sort(), ['/data', '/data/auth', '/data/id', '/data/purpose']);
  assert.equal(byPath.get('/data/id')!.line, 8);
  assert.equal(byPath.get('/data/purpose')!.line, 9);
  assert.match(byPath.get('/data/purpose')!.message, /EVENTS_MANIFEST/);
  assert.ok(report.problems.some((p) => /extra/.test(p.message)));
  assert.match(report.masked!, /"accessKeyId": "AKIA…IJKL"/);
  // 1-0-0 uses top-level keys and DUPLICATE_TRACKING.
  const old = await checkStorageConfig(
    JSON.stringify({
      schema: 'iglu:com.snowplowanalytics.snowplow.storage/amazon_dynamodb_config/jsonschema/1-0-0',
      data: { name: 'n', accessKeyId: 'a', secretAccessKey: 's3cr3t', awsRegion: 'r', dynamodbTable: 't', purpose: 'DUPLICATE_TRACKING' },
    }),
  );
  assert.equal(old.valid, true, JSON.stringify(old.problems));
  assert.doesNotMatch(old.masked!, /s3cr3t/);
  const broken = await checkStorageConfig('{\n  "schema": 1,,\n}');
  assert.equal(broken.valid, false);
  assert.equal(broken.problems[0].line, 2);
  assert.equal(
    (
      await checkStorageConfig(
        '{"schema": "iglu:com.snowplowanalytics.snowplow.storage/amazon_dynamodb_config/jsonschema/9-0-0", "data": {}}',
      )
    ).problems[0].path,
    '/schema',
  );
  assert.equal(locatePointer('{"a": [1, {"b": "x"}]}', '/a/1/b'), 16);
});
