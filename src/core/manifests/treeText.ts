// Text of every Manifests tree item (label, description, tooltip, context value, codicon name),
// from the core presentation helpers, so the editor's node classes only copy fields.
import { formatBytes, runEntryText, runFilesText, type NodeText } from './presentation';
import type { ManifestAccessError, ManifestItem } from './treeSource';
import type { RunFilter, RunManifestSnapshot } from './runManifestModel';
import type { EtlRange } from './eventManifest';

export interface ItemText extends NodeText {
  /** A codicon id, e.g. `database`. */
  icon: string;
}

/** What the text of a root depends on besides the item itself. */
export interface RootContext {
  snapshot?: RunManifestSnapshot;
  failure?: ManifestAccessError;
  runFilter?: RunFilter;
  eventFilter?: EtlRange;
}

const GROUP_TITLE = { processed: 'Processed', pending: 'Pending', orphaned: 'Orphaned (folder gone)' } as const;

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function describeRange(range: { from?: number; to?: number }, unitMs = 1): string {
  const from = range.from !== undefined ? day(range.from * unitMs) : '…';
  const to = range.to !== undefined ? day(range.to * unitMs) : '…';
  return `${from} – ${to}`;
}

export function manifestItemText(item: ManifestItem, context: RootContext = {}): ItemText {
  switch (item.kind) {
    case 'runManifest': {
      const s = context.snapshot,
        f = context.failure;
      const parts: string[] = [];
      if (f) parts.push(f.kind === 'no-credentials' ? 'no credentials' : f.kind === 'access-denied' ? 'access denied' : 'failed');
      else if (s)
        parts.push(
          `${s.counts.pending} pending · ${s.counts.processed} processed${s.counts.orphaned ? ` · ${s.counts.orphaned} orphaned` : ''}${s.tableMissing ? ' · table missing' : ''}`,
        );
      if (context.runFilter) parts.push(`filter ${describeRange(context.runFilter)}`);
      return {
        label: item.setting.label ?? item.setting.id,
        description: parts.join(' · ') || item.setting.table,
        icon: 'checklist',
        tooltip: [
          `Run manifest ${item.setting.table}`,
          `Archive ${item.setting.archive}`,
          ...(f ? [f.message] : []),
          ...(s ? [`Refreshed ${s.refreshedAt.toISOString()}`] : []),
        ].join('\n'),
        contextValue: context.runFilter ? 'manifest.runManifest.filtered' : 'manifest.runManifest',
      };
    }
    case 'tableMissing':
      return {
        label: 'Manifest table does not exist',
        description: 'create it…',
        icon: 'warning',
        tooltip: 'Every run is shown as pending. Click to create the table (on-demand, RunId hash key).',
        contextValue: 'manifest.tableMissing',
      };
    case 'ignoredItems': {
      const what = item.manifest === 'run' ? 'run manifest' : 'event manifest';
      return {
        label: `${item.ignored.count} item${item.ignored.count === 1 ? '' : 's'} not read`,
        description: `not ${what} entries as written`,
        icon: 'warning',
        tooltip: [
          `Items of this table that are not ${what} entries (another table's layout, a key of the wrong type) are skipped, and bad attributes are left out:`,
          ...item.ignored.messages,
          ...(item.ignored.count > item.ignored.messages.length ? [`… and ${item.ignored.count - item.ignored.messages.length} more`] : []),
        ].join('\n'),
        contextValue: 'manifest.ignoredItems',
      };
    }
    case 'runGroup':
      return {
        label: GROUP_TITLE[item.state],
        description: item.count === item.total ? String(item.count) : `${item.count} of ${item.total}`,
        icon: item.state === 'processed' ? 'pass' : item.state === 'pending' ? 'clock' : 'question',
        contextValue: `manifest.runGroup.${item.state}`,
      };
    case 'run':
      return {
        ...runEntryText(item.entry),
        icon: item.entry.state === 'processed' ? 'pass-filled' : item.entry.state === 'pending' ? 'circle-large-outline' : 'circle-slash',
      };
    case 'runFiles':
      return { ...runFilesText(item.contents), icon: 'files' };
    case 'runFile':
      return {
        label: item.file.name,
        description: formatBytes(item.file.size),
        icon: 'file',
        tooltip: [
          item.file.key,
          formatBytes(item.file.size),
          ...(item.file.lastModified ? [`Modified ${item.file.lastModified.toISOString()}`] : []),
          ...(item.file.storageClass ? [`Storage class ${item.file.storageClass}`] : []),
        ].join('\n'),
        contextValue: 'manifest.runFile',
      };
    case 'eventManifest': {
      const f = context.failure;
      const parts = [
        f ? (f.kind === 'no-credentials' ? 'no credentials' : f.kind === 'access-denied' ? 'access denied' : 'failed') : item.setting.table,
      ];
      if (context.eventFilter) parts.push(`ETL ${describeRange(context.eventFilter, 1000)}`);
      return {
        label: item.setting.label ?? item.setting.id,
        description: parts.join(' · '),
        icon: 'list-unordered',
        tooltip: [`Event manifest ${item.setting.table}`, ...(f ? [f.message] : [])].join('\n'),
        contextValue: context.eventFilter ? 'manifest.eventManifest.filtered' : 'manifest.eventManifest',
      };
    }
    case 'eventCount':
      return {
        label: `${item.count.toLocaleString('en-US')} items`,
        description: item.filtered ? 'in the ETL time range' : undefined,
        icon: 'symbol-numeric',
        contextValue: 'manifest.eventCount',
      };
    case 'eventConfig': {
      const r = item.report;
      const problems = r.problems.map((p) => `${p.line !== undefined ? `${p.line}:${p.column} ` : ''}${p.path || '/'}: ${p.message}`);
      return {
        label: 'Storage config',
        description: `${item.path}${r.version ? ` · ${r.version}` : ''} · ${r.valid ? 'valid' : `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}`}`,
        icon: r.valid ? 'json' : 'warning',
        tooltip: [
          r.valid ? 'Valid amazon_dynamodb_config' : 'Invalid storage config',
          ...problems,
          'Click to show it (secrets masked, read-only).',
        ].join('\n'),
        contextValue: 'manifest.eventConfig',
      };
    }
    case 'eventItem':
      return {
        label: item.item.eventId,
        description: `${item.item.fingerprint}${item.item.etlTime !== undefined ? ` · ${day(item.item.etlTime * 1000)}` : ''}`,
        icon: 'symbol-key',
        tooltip: [
          `eventId ${item.item.eventId}`,
          `fingerprint ${item.item.fingerprint}`,
          ...(item.item.etlTime !== undefined ? [`etlTime ${new Date(item.item.etlTime * 1000).toISOString()}`] : []),
          ...(item.item.ttl !== undefined ? [`ttl ${new Date(item.item.ttl * 1000).toISOString()}`] : []),
        ].join('\n'),
        contextValue: 'manifest.eventItem',
      };
    case 'sqlManifest': {
      const m = item.setting.manifest;
      return {
        label: item.setting.label ?? item.setting.id,
        description: `${item.setting.connection} · ${m.schema ? `${m.schema}.` : ''}${m.name}`,
        icon: 'database',
        contextValue: 'manifest.sqlManifest',
      };
    }
    case 'sqlGroup': {
      const s = item.state;
      const consumed = item.group === 'consumed';
      const more = s.truncated ? ' (newest shown)' : '';
      return consumed
        ? {
            label: 'Consumed',
            description: `${s.consumedCount.toLocaleString('en-US')}${s.lastConsumed ? ` · last ${s.lastConsumed}` : ''}`,
            icon: 'pass',
            tooltip: `ETL timestamps the model has consumed${more}`,
            contextValue: 'manifest.sqlGroup.consumed',
          }
        : {
            label: 'Waiting',
            description: `${s.waitingCount.toLocaleString('en-US')} · ${s.waitingEvents.toLocaleString('en-US')} events`,
            icon: 'clock',
            tooltip: `ETL timestamps in the events table not yet consumed${more}`,
            contextValue: 'manifest.sqlGroup.waiting',
          };
    }
    case 'sqlBatch':
      return {
        label: item.batch.etlTstamp,
        description: item.batch.events !== undefined ? `${item.batch.events.toLocaleString('en-US')} events` : undefined,
        icon: item.group === 'consumed' ? 'pass' : 'clock',
        contextValue: `manifest.sqlBatch.${item.group}`,
      };
    case 'sqlQuery':
      return {
        label: 'Open the incremental query',
        icon: 'go-to-file',
        tooltip: "The incremental manifest pattern (snippets/sql.json) with this manifest's names",
        contextValue: 'manifest.sqlQuery',
      };
  }
}
