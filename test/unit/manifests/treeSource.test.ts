// The Manifests view's tree (core ManifestTreeSource through the shared TreeModel) against
// dynalite and s3rver on 127.0.0.1 and a local DuckDB: what each level shows, marks moving runs
// between groups, filters, paging of event items, the local SQL manifest, and the welcome states.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TreeModel, type TreeEntry } from '../../../src/core/explorer/treeModel';
import { createLocalEngine, type LocalEngine } from '../../../src/core/engines/duckdb';
import { parseManifestSettings } from '../../../src/core/manifests/settings';
import { ManifestTreeSource, type ManifestEnvironment, type ManifestItem } from '../../../src/core/manifests/treeSource';
import { manifestItemText } from '../../../src/core/manifests/treeText';
import { parseDateRange } from '../../../src/core/manifests/dateRange';
import { runFolderTime } from '../../../src/core/manifests/runIds';
import { startLocalAws, type LocalAws } from '../../support/manifests/localAws';
import { seedManifests, type SeededManifests } from '../../support/manifests/seed';

let aws: LocalAws;
let seeded: SeededManifests;
let local: LocalEngine;

before(async () => {
  aws = await startLocalAws(['dw-sandbox-archive']);
  seeded = await seedManifests({
    s3Endpoint: aws.s3Direct,
    dynamoEndpoint: aws.dynamodbDirect,
    events: 3_000,
    days: 3,
    runEveryHours: 6,
    pendingRuns: 3,
    eventManifestEvents: 250,
  });
  local = createLocalEngine({ sampleData: { events: 2_000, days: 2 } });
  await local.connect();
});
after(async () => {
  await local?.dispose();
  await aws?.stop();
});

function env(user: string): ManifestEnvironment {
  return {
    clients: async () => ({ ...aws.clients(), dispose: () => undefined }),
    engine: async (name) => {
      if (name !== 'Local (DuckDB)') throw new Error(`No connection named "${name}"`);
      return local;
    },
    readWorkspaceFile: async (p) => {
      if (p !== 'manifests/event-manifest.json') throw new Error('ENOENT');
      return JSON.stringify(
        {
          ...seeded.eventManifestConfig,
          data: {
            ...(seeded.eventManifestConfig.data as object),
            auth: { accessKeyId: 'AKIAABCDEFGHIJKLMNOP', secretAccessKey: 'very-secret-value' },
          },
        },
        null,
        2,
      );
    },
    user,
  };
}

function settingsRaw(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const aws = { region: 'us-east-1' };
  return {
    run: [{ id: 'runs', label: 'Runs', table: seeded.runTable, archive: seeded.archive, ...aws }],
    event: [{ id: 'dedupe', table: seeded.eventTable, configFile: 'manifests/event-manifest.json', ...aws }],
    sql: [{ id: 'etl', connection: 'Local (DuckDB)', manifest: 'derived.etl_manifest' }],
    ...extra,
  };
}

function tree(raw: unknown, user = 'ann', configured = true): { source: ManifestTreeSource; model: TreeModel<ManifestItem> } {
  const source = new ManifestTreeSource(parseManifestSettings(raw), env(user), configured);
  return { source, model: new TreeModel(source) };
}

type Item = Extract<TreeEntry<ManifestItem>, { kind: 'item' }>;
const items = (entries: TreeEntry<ManifestItem>[]): ManifestItem[] =>
  entries.filter((e): e is Item => e.kind === 'item').map((e) => e.item);
const labels = (list: ManifestItem[]): string[] => list.map((i) => manifestItemText(i).label);

async function groups(
  model: TreeModel<ManifestItem>,
  root: ManifestItem,
): Promise<Record<string, Extract<ManifestItem, { kind: 'runGroup' }>>> {
  const out: Record<string, Extract<ManifestItem, { kind: 'runGroup' }>> = {};
  for (const i of items(await model.children(root))) if (i.kind === 'runGroup') out[i.state] = i;
  return out;
}

test("run manifest: groups with counts, runs newest first with mark info, a run's files; marks move runs between groups", async () => {
  const { source, model } = tree(settingsRaw());
  const roots = items(await model.children());
  assert.deepEqual(
    roots.map((r) => r.kind),
    ['runManifest', 'eventManifest', 'sqlManifest'],
  );
  assert.equal(source.viewState, undefined);
  const root = roots[0];
  // The root's description sums up the snapshot read while listing the roots.
  assert.match(
    manifestItemText(root, { snapshot: source.snapshotOf('runs') }).description!,
    new RegExp(`^3 pending · ${seeded.processed.length} processed · 1 orphaned$`),
  );
  let g = await groups(model, root);
  assert.deepEqual(Object.fromEntries(Object.entries(g).map(([k, v]) => [k, v.count])), {
    pending: 3,
    processed: seeded.processed.length,
    orphaned: 1,
  });
  const pending = items(await model.children(g.pending));
  assert.deepEqual(
    pending.map((p) => p.kind === 'run' && p.entry.runId),
    [...seeded.pending].reverse(),
    'newest first',
  );
  const processed = items(await model.children(g.processed));
  const attributed = processed.filter((p) => p.kind === 'run' && p.entry.mark?.markedBy === 'sandbox-seed');
  assert.equal(attributed.length, 2);
  assert.match(manifestItemText(attributed[0]).description!, /^by sandbox-seed \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  // Expanding a run lists its folder: a summary node, then the files with sizes.
  const [summary] = items(await model.children(pending[0]));
  assert.equal(summary.kind, 'runFiles');
  assert.equal(manifestItemText(summary).label, '2 files');
  assert.deepEqual(labels(items(await model.children(summary))), ['part-00000', 'part-00001']);

  // Mark the newest pending run: the snapshot changes locally and the groups show it moved.
  const target = pending[0] as Extract<ManifestItem, { kind: 'run' }>;
  const requestsBefore = aws.dynamoProxy.requests.length;
  const [outcome] = await (await source.runModel('runs')).mark([target.entry.runId]);
  assert.equal(outcome.status, 'marked');
  model.refresh(model.keyOf(root));
  g = await groups(model, root);
  assert.equal(g.pending.count, 2);
  assert.equal(g.processed.count, seeded.processed.length + 1);
  const moved = items(await model.children(g.processed)).find((p) => p.kind === 'run' && p.entry.runId === target.entry.runId) as Extract<
    ManifestItem,
    { kind: 'run' }
  >;
  assert.equal(moved.entry.mark?.markedBy, 'ann');
  assert.equal(aws.dynamoProxy.requests.length - requestsBefore, 1, 'one conditional write, no rescan to redraw');
  // A second editor marking the same run gets a conflict naming Ann; the mark stays Ann's.
  const bob = tree(settingsRaw(), 'bob');
  await bob.model.children();
  const [conflict] = await (await bob.source.runModel('runs')).mark([target.entry.runId]);
  assert.equal(conflict.status, 'conflict');
  assert.match(conflict.status === 'conflict' ? conflict.message : '', /ann/);
  // Unmark moves it back.
  const [undone] = await (await source.runModel('runs')).unmark([moved.entry]);
  assert.equal(undone.status, 'unmarked');
  model.refresh(model.keyOf(root));
  g = await groups(model, root);
  assert.equal(g.pending.count, 3);
});

test('a date-range filter narrows the groups and says "n of total"; the input is validated with columns', async () => {
  const { source, model } = tree(settingsRaw());
  const [root] = items(await model.children());
  const newest = runFolderTime(seeded.pending[seeded.pending.length - 1].split('/').at(-2)!)!;
  const day = new Date(newest).toISOString().slice(0, 10);
  const parsed = parseDateRange(`${day}..`);
  assert.ok(parsed.ok);
  source.setRunFilter('runs', parsed.range);
  model.refresh(model.keyOf(root));
  const g = await groups(model, root);
  const inRange = [...seeded.pending, ...seeded.processed].filter(
    (r) => runFolderTime(r.split('/').at(-2)!)! >= Date.parse(`${day}T00:00:00Z`),
  ).length;
  assert.equal(g.pending.count + g.processed.count, inRange);
  assert.ok(inRange < seeded.runs.length);
  assert.equal(g.orphaned.count, 0);
  assert.equal(manifestItemText(g.processed).description, `${g.processed.count} of ${g.processed.total}`);
  assert.deepEqual(parseDateRange('2026-13-01..'), {
    ok: false,
    message: 'Column 1: "2026-13-01" is not a UTC date YYYY-MM-DD or time YYYY-MM-DD HH:mm[:ss]',
  });
  assert.deepEqual(parseDateRange(' 2026-12-01..2026-12-0x'), {
    ok: false,
    message: 'Column 14: "2026-12-0x" is not a UTC date YYYY-MM-DD or time YYYY-MM-DD HH:mm[:ss]',
  });
  assert.deepEqual(parseDateRange('2026-12-02..2026-12-01'), { ok: false, message: 'The start is after the end' });
  assert.deepEqual(parseDateRange('2026-12-01'), {
    ok: true,
    range: { from: Date.parse('2026-12-01T00:00:00Z'), to: Date.parse('2026-12-02T00:00:00Z') - 1 },
  });
  assert.deepEqual(parseDateRange(''), { ok: true, range: undefined });
});

test('event manifest: count, masked storage config, items paged with load more', async () => {
  const { model } = tree(settingsRaw());
  const event = items(await model.children())[1];
  const first = await model.children(event);
  const head = items(first);
  assert.equal(head[0].kind, 'eventCount');
  assert.equal(manifestItemText(head[0]).label, '250 items');
  const config = head[1];
  assert.ok(config.kind === 'eventConfig');
  assert.equal(config.report.version, '2-0-0');
  assert.ok(config.report.masked!.includes('AKIA…MNOP'));
  assert.ok(!config.report.masked!.includes('very-secret-value'));
  assert.equal(head.filter((i) => i.kind === 'eventItem').length, 100);
  assert.equal(first.at(-1)!.kind, 'loadMore');
  await model.loadMore(model.keyOf(event));
  await model.loadMore(model.keyOf(event));
  const all = await model.children(event);
  const eventItems = items(all).filter((i) => i.kind === 'eventItem');
  assert.equal(eventItems.length, 250);
  assert.equal(new Set(eventItems.map((i) => model.keyOf(i))).size, 250, 'no item twice across pages');
  assert.notEqual(all.at(-1)!.kind, 'loadMore');
});

test('SQL manifest on the local connection: the sample manifest is made on first open; consumed and waiting', async () => {
  const { model } = tree(settingsRaw());
  const sql = items(await model.children())[2];
  const [consumed, waiting, query] = items(await model.children(sql));
  assert.ok(consumed.kind === 'sqlGroup' && waiting.kind === 'sqlGroup' && query.kind === 'sqlQuery');
  assert.ok(consumed.state.consumedCount > 0);
  assert.ok(waiting.state.waitingCount > 0);
  assert.match(manifestItemText(waiting).description!, /^[\d,]+ · [\d,]+ events$/);
  const batches = items(await model.children(waiting));
  assert.equal(batches.length, Math.min(waiting.state.waitingCount, 200));
  assert.ok(batches.every((b) => b.kind === 'sqlBatch' && b.batch.events! > 0));
});

test('welcome states: no configuration, empty, invalid, no credentials; a missing table is offered for creation', async () => {
  assert.equal(await ((s) => s.model.children().then(() => s.source.viewState))(tree(undefined, 'ann', false)), 'noConfig');
  assert.equal(await ((s) => s.model.children().then(() => s.source.viewState))(tree({})), 'empty');
  assert.equal(
    await ((s) => s.model.children().then(() => s.source.viewState))(tree({ run: [{ id: 'x', table: 't!', archive: 's3://b/p/' }] })),
    'invalid',
  );
  // No usable credentials for every AWS manifest and no SQL one: the welcome page, not a tree.
  const noCreds = new ManifestTreeSource(
    parseManifestSettings({ run: [{ id: 'r', table: 'dw-run-manifest', archive: seeded.archive, region: 'us-east-1' }] }),
    {
      ...env('ann'),
      clients: async () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
      },
    },
  );
  const noCredsModel = new TreeModel(noCreds);
  assert.deepEqual(items(await noCredsModel.children()), [], "the view hides the root's empty entry in a welcome state");
  assert.equal(noCreds.viewState, 'noCredentials');
  // A table that does not exist: every run pending, and a node offering to create it.
  const { model } = tree({ run: [{ id: 'new', table: 'dw-not-yet', archive: seeded.archive, region: 'us-east-1' }] });
  const [root] = items(await model.children());
  const children = items(await model.children(root));
  assert.equal(children[0].kind, 'tableMissing');
  const g = Object.fromEntries(
    children.filter((c) => c.kind === 'runGroup').map((c) => [c.kind === 'runGroup' && c.state, c.kind === 'runGroup' && c.count]),
  );
  assert.deepEqual(g, { pending: seeded.runs.length, processed: 0, orphaned: 0 });
});

test('items that are not run/event manifest entries show as one "not read" node naming each, and the runs still list', async () => {
  const { PutItemCommand, DeleteItemCommand } = await import('@aws-sdk/client-dynamodb');
  const dynamodb = aws.clients().dynamodb;
  // A hand-written item with a numeric MarkedAt (kept, attribution dropped) in the run table; one
  // without a fingerprint cannot exist in the event table (it is the range key), so an item whose
  // etlTime is text stands in for it there.
  const run = seeded.processed[0];
  await dynamodb.send(new PutItemCommand({ TableName: seeded.runTable, Item: { RunId: { S: run }, MarkedAt: { N: '1709251200' } } }));
  await dynamodb.send(
    new PutItemCommand({
      TableName: seeded.eventTable,
      Item: { eventId: { S: '\u202eevil' }, fingerprint: { S: 'f' }, etlTime: { S: 'yesterday' } },
    }),
  );
  try {
    const { model } = tree(settingsRaw());
    const [runRoot, eventRoot] = items(await model.children());
    const runChildren = items(await model.children(runRoot));
    const note = runChildren.find((i) => i.kind === 'ignoredItems');
    assert.ok(note, 'a node says items were not read as written');
    const text = manifestItemText(note);
    assert.equal(text.label, '1 item not read');
    assert.match(text.tooltip!, /"MarkedAt" is a number \(N\), not a string/);
    assert.ok(text.tooltip!.includes(run));
    assert.deepEqual(
      runChildren.filter((i) => i.kind === 'runGroup').map((g) => g.kind === 'runGroup' && g.state),
      ['pending', 'processed', 'orphaned'],
    );
    // The event table is scanned in hash order: the bad item is on whichever page it lands, and the
    // page that meets it says so.
    let eventEntries = await model.children(eventRoot);
    while (eventEntries.at(-1)?.kind === 'loadMore') {
      await model.loadMore(model.keyOf(eventRoot));
      eventEntries = await model.children(eventRoot);
    }
    const eventChildren = items(eventEntries);
    const eventNotes = eventChildren.filter((i) => i.kind === 'ignoredItems');
    assert.equal(eventNotes.length, 1, 'the event manifest says so too, once');
    const eventNote = eventNotes[0];
    const eventText = manifestItemText(eventNote).tooltip!;
    assert.match(eventText, /"etlTime" is a string \(S\)/);
    assert.ok(eventText.includes('\\u202eevil') && !eventText.includes('\u202e'), 'the bidi override is shown escaped');
  } finally {
    await dynamodb.send(new PutItemCommand({ TableName: seeded.runTable, Item: { RunId: { S: run } } }));
    await dynamodb.send(
      new DeleteItemCommand({ TableName: seeded.eventTable, Key: { eventId: { S: '\u202eevil' }, fingerprint: { S: 'f' } } }),
    );
  }
});
