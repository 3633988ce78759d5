import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArchiveUri, runFolderForTime, runFolderTime, runKey } from '../../../src/core/manifests/runIds';
import { compareRuns, diffRuns, filterRuns, type RunEntry } from '../../../src/core/manifests/runManifestModel';
import { capListPage } from '../../support/latencyProxy';

test('archive URIs: s3, s3n and s3a as the SDKs accept them, prefix gets its trailing slash', () => {
  assert.deepEqual(parseArchiveUri('s3://mybucket/path-to-events'), { bucket: 'mybucket', prefix: 'path-to-events/' });
  assert.deepEqual(parseArchiveUri('s3a://my.bucket/a/b/'), { bucket: 'my.bucket', prefix: 'a/b/' });
  assert.deepEqual(parseArchiveUri('s3n://bkt'), { bucket: 'bkt', prefix: '' });
  assert.throws(() => parseArchiveUri('https://bkt/x'), /Not an S3 archive location/);
  assert.throws(() => parseArchiveUri('s3://B_ad/x'), /Not an S3 archive location/);
});

test('run folder times: canonical names only, impossible dates rejected', () => {
  assert.equal(runFolderTime('run=2017-04-01-12-00-00'), Date.UTC(2017, 3, 1, 12));
  assert.equal(runFolderTime('run=2024-02-30-00-00-00'), undefined);
  assert.equal(runFolderTime('run=2024-02-01-24-00-00'), undefined);
  assert.equal(runFolderTime('run-2024-02-01-00-00-00'), undefined);
  assert.equal(runFolderForTime(Date.UTC(2024, 5, 3, 6, 7, 8)), 'run=2024-06-03-06-07-08');
  assert.equal(runKey('a/run=x'), 'a/run=x/');
});

const archive = parseArchiveUri('s3://bkt/arch/');

test('diff: processed, pending, orphaned, other archives; ids without the slash still match', () => {
  const listed = ['run=2024-01-01-00-00-00', 'run=2024-01-02-00-00-00', 'run=2024-01-03-00-00-00'].map((f) => ({
    runId: `arch/${f}/`,
    folder: f,
    time: runFolderTime(f),
  }));
  const items = [
    { runId: 'arch/run=2024-01-01-00-00-00/' },
    { runId: 'arch/run=2024-01-02-00-00-00', markedBy: 'ann' },
    { runId: 'arch/run=2023-12-31-00-00-00/' },
    { runId: 'other/run=2024-01-01-00-00-00/' },
  ];
  const { entries, otherItems, unlisted } = diffRuns(archive, listed, items);
  assert.equal(otherItems, 1);
  assert.deepEqual(
    unlisted.map((i) => i.runId),
    ['arch/run=2023-12-31-00-00-00/'],
  );
  assert.deepEqual(
    entries.map((e) => [e.folder, e.state, e.runId]),
    [
      ['run=2024-01-01-00-00-00', 'processed', 'arch/run=2024-01-01-00-00-00/'],
      ['run=2024-01-02-00-00-00', 'processed', 'arch/run=2024-01-02-00-00-00'],
      ['run=2024-01-03-00-00-00', 'pending', 'arch/run=2024-01-03-00-00-00/'],
    ],
  );
});

test('order is newest first with odd names last; the date filter is inclusive and drops undated runs', () => {
  const e = (folder: string): RunEntry => ({ runId: `arch/${folder}/`, folder, time: runFolderTime(folder), state: 'pending' });
  const entries = [e('run=2024-01-02-00-00-00'), e('run=odd'), e('run=2024-03-01-00-00-00'), e('run=2024-01-01-00-00-00')].sort(
    compareRuns,
  );
  assert.deepEqual(
    entries.map((x) => x.folder),
    ['run=2024-03-01-00-00-00', 'run=2024-01-02-00-00-00', 'run=2024-01-01-00-00-00', 'run=odd'],
  );
  assert.deepEqual(
    filterRuns(entries, { from: Date.UTC(2024, 0, 2), to: Date.UTC(2024, 2, 1) }).map((x) => x.folder),
    ['run=2024-03-01-00-00-00', 'run=2024-01-02-00-00-00'],
  );
  assert.equal(filterRuns(entries, {}).length, 4);
  assert.equal(filterRuns(entries, { states: ['processed'] }).length, 0);
});

test('the S3 page cap re-pages s3rver delimiter listings to at most max-keys entries, sorted', () => {
  const prefixes = ['a/run=3/', 'a/run=1/', 'a/run=2/'].map((p) => `<CommonPrefixes><Prefix>${p}</Prefix></CommonPrefixes>`).join('');
  const xml = `<?xml version="1.0"?><ListBucketResult><Name>b</Name><Prefix>a/</Prefix><KeyCount>1</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>a/run=0</Key><Size>1</Size></Contents>${prefixes}</ListBucketResult>`;
  const capped = capListPage(xml, 2);
  assert.match(capped, /<IsTruncated>true<\/IsTruncated>/);
  assert.match(capped, /<KeyCount>2<\/KeyCount><NextContinuationToken>dwcap-/);
  assert.deepEqual(
    [...capped.matchAll(/<(?:Key|Prefix)>([^<]*)</g)].map((m) => m[1]),
    ['a/', 'a/run=0', 'a/run=1/'],
  );
  const token = /<NextContinuationToken>dwcap-([^<]*)</.exec(capped)![1];
  assert.equal(Buffer.from(token, 'base64url').toString('utf8'), 'a/run=1/\uffff');
  assert.equal(capListPage(xml, 10), xml);
});
