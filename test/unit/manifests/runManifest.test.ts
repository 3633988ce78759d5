// Run manifests against dynalite and s3rver on 127.0.0.1 (real SDK clients, through the
// latency/throttling proxy): the diff a user sees, marks and their conflicts, paging, throttling.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PutItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startLocalAws, LOCAL_CREDENTIALS, type LocalAws } from '../../support/manifests/localAws';
import { sandboxManifestSettings, seedManifests, type SeededManifests } from '../../support/manifests/seed';
import { parseManifestSettings } from '../../../src/core/manifests/settings';
import { formatTimestampMs } from '../../../src/core/events/timestamps';
import { RunManifestModel } from '../../../src/core/manifests/runManifestModel';
import { RunManifestTable } from '../../../src/core/manifests/runManifestTable';
import { listRunFolders } from '../../../src/core/manifests/runListing';
import { mapPool } from '../../../src/core/manifests/pool';
import { runFolderForTime, runFolderName, runFolderTime } from '../../../src/core/manifests/runIds';

let aws: LocalAws;
let seeded: SeededManifests;

before(async () => {
  aws = await startLocalAws(['dw-sandbox-archive', 'many-runs']);
  seeded = await seedManifests({
    s3Endpoint: aws.s3Direct,
    dynamoEndpoint: aws.dynamodbDirect,
    events: 4_000,
    days: 3,
    runEveryHours: 6,
    pendingRuns: 3,
    eventManifestEvents: 300,
  });
});
after(async () => {
  await aws?.stop();
});

function model(user: string, table = seeded.runTable, archive = seeded.archive): RunManifestModel {
  return new RunManifestModel({ id: 'sandbox', table, archive }, aws.clients(), { user });
}

test('a seeded sandbox shows processed, pending and orphaned runs, newest first, with editor attribution', async () => {
  const m = model('ann');
  const snap = await m.refresh();
  assert.ok(seeded.runs.length >= 12, `${seeded.runs.length} runs`);
  assert.deepEqual(snap.counts, { processed: seeded.runs.length - 3, pending: 3, orphaned: 1 });
  assert.equal(snap.tableMissing, false);
  const dated = snap.entries.map((e) => e.time!);
  assert.deepEqual(
    dated,
    [...dated].sort((a, b) => b - a),
    'newest first',
  );
  assert.deepEqual(
    snap.entries.filter((e) => e.state === 'pending').map((e) => e.runId),
    [...seeded.pending].reverse(),
  );
  assert.deepEqual(
    snap.entries.filter((e) => e.state === 'orphaned').map((e) => e.runId),
    seeded.orphaned,
  );
  const attributed = snap.entries
    .filter((e) => e.mark?.markedBy === 'sandbox-seed')
    .map((e) => e.runId)
    .sort();
  assert.deepEqual(attributed, [...seeded.processed.slice(-2), ...seeded.orphaned].sort());
  // The folders hold the generator's enriched events, stamped with their run's ETL time.
  const body = await (
    await aws.clients().s3.send(new GetObjectCommand({ Bucket: 'dw-sandbox-archive', Key: `${seeded.runs[0]}part-00000` }))
  ).Body!.transformToString();
  assert.ok(body.endsWith('\n'));
  const lines = body.slice(0, -1).split('\n');
  assert.ok(lines.length > 10);
  assert.deepEqual([...new Set(lines.map((l) => l.split('\t').length))], [131]);
  const runTime = runFolderTime(runFolderName(seeded.runs[0]))!;
  assert.ok(lines.every((l) => l.split('\t')[2] === formatTimestampMs(runTime + 17_000)));
  // Seeding again (a restarted sandbox) keeps the marks as they are.
  const again = await seedManifests({
    s3Endpoint: aws.s3Direct,
    dynamoEndpoint: aws.dynamodbDirect,
    events: 4_000,
    days: 3,
    runEveryHours: 6,
    pendingRuns: 3,
    eventManifestEvents: 300,
  });
  assert.equal(again.alreadySeeded, true);
  const settings = parseManifestSettings(
    sandboxManifestSettings(again, { s3Endpoint: aws.s3Endpoint, dynamoEndpoint: aws.dynamodbEndpoint }),
  );
  assert.deepEqual(settings.errors, []);
  assert.equal(settings.run[0].archive, seeded.archive);
  const files = await m.files(seeded.runs[0]);
  assert.equal(files.fileCount, 2);
  assert.deepEqual(
    files.files.map((f) => f.name),
    ['part-00000', 'part-00001'],
  );
  assert.equal(files.totalBytes, files.files[0].size + files.files[1].size);
  assert.ok(files.totalBytes > 10_000);
});

test('marking a pending run moves it to processed; unmarking moves it back; both clients see it', async () => {
  const ann = model('ann');
  const bob = model('bob');
  await ann.refresh();
  const run = seeded.pending[0];
  const [marked] = await ann.mark([run]);
  assert.equal(marked.status, 'marked');
  assert.equal(ann.snapshot!.entries.find((e) => e.runId === run)?.state, 'processed');
  assert.equal(ann.snapshot!.counts.pending, 2);
  const bobView = await bob.refresh();
  const entry = bobView.entries.find((e) => e.runId === run)!;
  assert.equal(entry.state, 'processed');
  assert.equal(entry.mark?.markedBy, 'ann');
  // Bob marking it too is a conflict that names Ann; nothing is overwritten.
  const [again] = await bob.mark([run]);
  assert.equal(again.status, 'conflict');
  assert.match(again.status === 'conflict' ? again.message : '', /already marked processed by ann/);
  assert.equal((await ann.table.get(run))?.markedBy, 'ann');
  const [unmarked] = await ann.unmark([ann.snapshot!.entries.find((e) => e.runId === run)!]);
  assert.equal(unmarked.status, 'unmarked');
  assert.equal(ann.snapshot!.entries.find((e) => e.runId === run)?.state, 'pending');
  // Bob's view is stale now: unmarking from it is reported, not a silent no-op.
  const [stale] = await bob.unmark([entry]);
  assert.equal(stale.status, 'conflict');
  assert.equal((await bob.refresh()).entries.find((e) => e.runId === run)?.state, 'pending');
});

test('an unmark from a stale view never deletes a mark made since', async () => {
  const ann = model('ann');
  const bob = model('bob');
  const run = seeded.pending[1];
  await ann.mark([run]);
  const annEntry = (await ann.refresh()).entries.find((e) => e.runId === run)!;
  // Bob unmarks and re-marks; Ann's view still shows her mark.
  const bobEntry = (await bob.refresh()).entries.find((e) => e.runId === run)!;
  assert.equal((await bob.unmark([bobEntry]))[0].status, 'unmarked');
  assert.equal((await bob.mark([run]))[0].status, 'marked');
  const [outcome] = await ann.unmark([annEntry]);
  assert.equal(outcome.status, 'conflict');
  assert.match(outcome.status === 'conflict' ? outcome.message : '', /marked again by bob/);
  assert.equal((await ann.table.get(run))?.markedBy, 'bob');
  await bob.unmark([(await bob.refresh()).entries.find((e) => e.runId === run)!]);
});

test('100 mark/unmark races between two clients: no lost mark, no double mark', async () => {
  const table = 'race-manifest';
  const a = new RunManifestTable(aws.clients().dynamodb, table);
  const b = new RunManifestTable(aws.clients().dynamodb, table);
  await a.ensureTable({ pollMs: 20 });
  const runs = Array.from({ length: 100 }, (_, i) => `race/run=${runFolderForTime(Date.UTC(2024, 0, 1) + i * 3_600_000).slice(4)}/`);
  // Each client, per run: mark, then unmark what it read, then mark again, all racing the other.
  const log: { client: string; runId: string; op: 'mark' | 'unmark'; ok: boolean; markId?: string }[] = [];
  const play = async (client: RunManifestTable, name: string, runId: string): Promise<void> => {
    for (let round = 0; round < 2; round++) {
      const m = await client.mark(runId, name);
      assert.notEqual(m.status, 'error', m.status === 'error' ? m.message : '');
      log.push({ client: name, runId, op: 'mark', ok: m.status === 'marked', markId: m.status === 'marked' ? m.item.markId : undefined });
      if (round === 1) break;
      const seen = await client.get(runId);
      if (!seen) continue;
      const u = await client.unmark(seen);
      assert.notEqual(u.status, 'error');
      log.push({ client: name, runId, op: 'unmark', ok: u.status === 'unmarked', markId: seen.markId });
    }
  };
  await Promise.all(runs.flatMap((runId) => [play(a, 'a', runId), play(b, 'b', runId)]));
  const stored = (await a.scanAll({ segments: 3 })).items;
  const byRun = new Map(stored.map((i) => [i.runId, i]));
  let conflicts = 0;
  for (const runId of runs) {
    const ops = log.filter((l) => l.runId === runId);
    const marks = ops.filter((o) => o.op === 'mark' && o.ok);
    const unmarks = ops.filter((o) => o.op === 'unmark' && o.ok);
    conflicts += ops.filter((o) => !o.ok).length;
    // Every successful unmark removed a distinct successful mark; what is left is exactly one mark.
    assert.equal(marks.length - unmarks.length, 1, `${runId}: ${JSON.stringify(ops)}`);
    assert.equal(new Set(unmarks.map((u) => u.markId)).size, unmarks.length, 'a mark was removed twice');
    for (const u of unmarks)
      assert.ok(
        marks.some((m) => m.markId === u.markId),
        'an unmark removed a mark nobody made',
      );
    const survivor = marks.filter((m) => !unmarks.some((u) => u.markId === m.markId));
    assert.equal(survivor.length, 1);
    assert.equal(byRun.get(runId)?.markId, survivor[0].markId, `${runId}: stored mark is not the surviving one`);
  }
  assert.equal(stored.length, 100);
  assert.ok(conflicts > 0, 'the clients never actually raced');
});

test('a job marking a run (SDK put, no condition) while the user marks it: processed either way, the job is never overwritten', async () => {
  const ann = model('ann');
  const dynamodb = aws.clients().dynamodb;
  const runs = seeded.pending.slice(2);
  await ann.refresh();
  for (let i = 0; i < 20; i++) {
    const run = runs[0];
    const job = dynamodb.send(new PutItemCommand({ TableName: seeded.runTable, Item: { RunId: { S: run } } }));
    const [user] = await Promise.all([ann.mark([run]).then((o) => o[0]), job]);
    const stored = await ann.table.get(run);
    assert.ok(stored, 'run not processed');
    if (user.status === 'conflict') {
      assert.equal(stored.markedBy, undefined, 'user mark written over the job');
      assert.match(user.message, /a job or SDK/);
    } else {
      assert.equal(user.status, 'marked');
    }
    // Clean up with the expected-value delete the view uses.
    assert.equal((await ann.table.unmark(stored)).status, 'unmarked');
  }
});

test('Scan follows 1 MB pages in every parallel segment', async () => {
  const table = new RunManifestTable(aws.clients().dynamodb, 'big-items');
  await table.ensureTable({ pollMs: 20 });
  const padding = 'x'.repeat(4_000);
  const ids = Array.from({ length: 1_600 }, (_, i) => `big/run=${String(i).padStart(5, '0')}/`);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += 25) batches.push(ids.slice(i, i + 25));
  const direct = aws.clients().dynamodb;
  await mapPool(batches, 8, (batch) =>
    direct.send(
      new BatchWriteItemCommand({
        RequestItems: { 'big-items': batch.map((id) => ({ PutRequest: { Item: { RunId: { S: id }, Note: { S: padding } } } })) },
      }),
    ),
  );
  aws.dynamoProxy.reset();
  const one = await table.scanAll({ segments: 1 });
  assert.equal(one.items.length, ids.length);
  assert.ok(one.requests >= 6, `6.4 MB came in ${one.requests} pages`);
  const four = await table.scanAll({ segments: 4 });
  assert.deepEqual(four.items.map((i) => i.runId).sort(), ids);
  assert.ok(four.requests > 4, 'segments did not page');
  assert.equal(aws.dynamoProxy.count('Scan'), one.requests + four.requests);
});

test('listing thousands of run folders over many months matches a plain page-by-page listing', async () => {
  const s3 = new S3Client({ endpoint: aws.s3Direct, region: 'us-east-1', forcePathStyle: true, credentials: LOCAL_CREDENTIALS });
  const start = Date.UTC(2023, 10, 20);
  const folders = Array.from({ length: 1_250 }, (_, i) => runFolderForTime(start + i * 5 * 3_600_000));
  folders.push('run=not-a-date', 'run=2024-1x');
  await mapPool(folders, 16, (f) => s3.send(new PutObjectCommand({ Bucket: 'many-runs', Key: `arch/${f}/part-00000`, Body: 'x' })));
  s3.destroy();
  const client = aws.clients().s3;
  aws.s3Proxy.reset();
  const listing = await listRunFolders(client, { bucket: 'many-runs', prefix: 'arch/' }, { now: Date.UTC(2024, 9, 1) });
  const got = listing.runs.map((r) => r.folder).sort();
  const expectedCanonical = folders.filter((f) => f !== 'run=2024-1x').sort();
  // 'run=2024-1x' sorts between month prefixes; it is outside the listed ranges and `covers` says so.
  assert.deepEqual(
    got.filter((f) => f !== 'run=2024-1x'),
    expectedCanonical,
  );
  assert.equal(listing.covers('arch/run=2024-1x/'), got.includes('run=2024-1x'));
  assert.equal(listing.covers('arch/run=2024-03-01-00-00-00/'), true);
  assert.equal(listing.covers('elsewhere/run=2024-03-01-00-00-00/'), false);
  // The proxy pages as S3 does (1,000 per page): a plain listing would need 2 sequential pages.
  assert.equal(listing.requests, aws.s3Proxy.count('ListObjectsV2'));
  assert.ok(listing.requests > 2, 'the month-parallel path was not taken');
  // A manifest mark for the odd folder is checked on its own, not called orphaned.
  const dynamodb = aws.clients().dynamodb;
  const t = new RunManifestTable(dynamodb, 'many-runs-manifest');
  await t.ensureTable({ pollMs: 20 });
  await dynamodb.send(new PutItemCommand({ TableName: 'many-runs-manifest', Item: { RunId: { S: 'arch/run=2024-1x/' } } }));
  const snap = await new RunManifestModel({ id: 'many', table: 'many-runs-manifest', archive: 's3://many-runs/arch/' }, aws.clients(), {
    user: 'ann',
  }).refresh();
  assert.equal(snap.counts.orphaned, 0);
  assert.equal(snap.counts.processed, 1);
  assert.equal(snap.counts.pending, 1_251);
});

test('throttled Scan and ListObjectsV2 requests are retried; past the retry budget the error says throttling', async () => {
  const m = model('ann');
  aws.dynamoProxy.reset();
  aws.s3Proxy.reset();
  aws.dynamoProxy.throttle(2, (op) => op === 'Scan');
  aws.s3Proxy.throttle(2, (op) => op === 'ListObjectsV2');
  const snap = await m.refresh();
  assert.equal(snap.counts.processed + snap.counts.pending, seeded.runs.length);
  assert.equal(aws.dynamoProxy.requests.filter((r) => r.outcome === 'throttled').length, 2);
  assert.equal(aws.s3Proxy.requests.filter((r) => r.outcome === 'throttled').length, 2);
  // A throttled conditional write retried by the SDK still marks exactly once.
  aws.dynamoProxy.throttle(2, (op) => op === 'PutItem');
  const [marked] = await m.mark([seeded.pending[2]]);
  assert.equal(marked.status, 'marked');
  assert.equal(aws.dynamoProxy.requests.filter((r) => r.operation === 'PutItem' && r.outcome === 200).length, 1);
  await m.unmark([m.snapshot!.entries.find((e) => e.runId === seeded.pending[2])!]);
  const impatient = new RunManifestModel({ id: 'x', table: seeded.runTable, archive: seeded.archive }, aws.clients({ maxAttempts: 2 }), {
    user: 'ann',
  });
  aws.dynamoProxy.throttle(50, (op) => op === 'Scan');
  await assert.rejects(impatient.refresh(), (e: Error) => e.name === 'ProvisionedThroughputExceededException');
  aws.dynamoProxy.reset();
});

test('a write whose answer was lost: the retry recognises its own mark or delete, and an unreadable outcome is an error, never a conflict', async () => {
  const table = new RunManifestTable(aws.clients({ maxAttempts: 2 }).dynamodb, seeded.runTable);
  const run = seeded.pending[1];
  aws.dynamoProxy.reset();
  // The PutItem is applied but its answer lost; the SDK's retry meets its own mark.
  aws.dynamoProxy.inject('dropAfterHandling', 1, (op) => op === 'PutItem');
  const marked = await table.mark(run, 'ann');
  assert.equal(marked.status, 'marked');
  // The DeleteItem is applied but its answer lost; the retry finds nothing: still "unmarked".
  aws.dynamoProxy.inject('dropAfterHandling', 1, (op) => op === 'DeleteItem');
  assert.equal((await table.unmark(marked.status === 'marked' ? marked.item : { runId: run })).status, 'unmarked');
  // Same lost answers, and then reading the run fails too: the outcome is unknown, so an error.
  aws.dynamoProxy.inject('dropAfterHandling', 1, (op) => op === 'PutItem');
  aws.dynamoProxy.inject('internal', 2, (op) => op === 'GetItem');
  const unknown = await table.mark(run, 'ann');
  assert.equal(unknown.status, 'error', JSON.stringify(unknown));
  assert.match(unknown.status === 'error' ? unknown.message : '', /may or may not be marked/);
  const stored = (await table.get(run))!;
  aws.dynamoProxy.inject('dropAfterHandling', 1, (op) => op === 'DeleteItem');
  aws.dynamoProxy.inject('internal', 2, (op) => op === 'GetItem');
  const unknownUnmark = await table.unmark(stored);
  assert.equal(unknownUnmark.status, 'error', JSON.stringify(unknownUnmark));
  assert.equal(await table.get(run), undefined);
  aws.dynamoProxy.reset();
});

test('a missing manifest table shows every run pending until it is created (on demand, RunId key)', async () => {
  const m = model('ann', 'not-yet-created');
  const before = await m.refresh();
  assert.equal(before.tableMissing, true);
  assert.equal(before.counts.pending, seeded.runs.length);
  assert.equal(await m.createTable(), 'created');
  assert.equal(await m.createTable(), 'exists');
  const [marked] = await m.mark([seeded.runs[0]]);
  assert.equal(marked.status, 'marked');
  const after = await m.refresh();
  assert.equal(after.tableMissing, false);
  assert.equal(after.counts.processed, 1);
});

test('cancelling a refresh stops its requests and rejects', async () => {
  const m = model('ann');
  aws.s3Proxy.latencyMs = 150;
  aws.dynamoProxy.latencyMs = 150;
  try {
    const controller = new AbortController();
    const pending = m.refresh(controller.signal);
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(pending, (e: Error) => /abort/i.test(e.name) || /abort/i.test(e.message));
    const seen = aws.s3Proxy.requests.length + aws.dynamoProxy.requests.length;
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(aws.s3Proxy.requests.length + aws.dynamoProxy.requests.length, seen, 'requests went on after the cancel');
  } finally {
    aws.s3Proxy.latencyMs = 0;
    aws.dynamoProxy.latencyMs = 0;
  }
});
