// Text the Manifests tree shows for core models (labels, descriptions, tooltips, context values
// for menus and when-clauses), kept here so the editor's providers only map fields to TreeItems.
import type { RunEntry, RunState } from './runManifestModel';
import type { MarkOutcome, UnmarkOutcome } from './runManifestTable';
import type { RunFolderContents } from './runListing';

export interface NodeText {
  label: string;
  description?: string;
  tooltip?: string;
  /** For `viewItem == …` when-clauses: `manifest.run.pending`, `manifest.run.processed`, … */
  contextValue: string;
}

const STATE_TITLE: Record<RunState, string> = { processed: 'Processed', pending: 'Pending', orphaned: 'Orphaned (folder gone)' };

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes,
    u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

function shortText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export function runEntryText(entry: RunEntry): NodeText {
  const lines = [entry.runId, STATE_TITLE[entry.state]];
  let description: string | undefined;
  if (entry.mark?.markedBy) {
    // Attribution is whatever a table holds: cut it so a huge value cannot flood the tree.
    const by = shortText(entry.mark.markedBy, 64);
    description = `by ${by}${entry.mark.markedAt ? ` ${entry.mark.markedAt.slice(0, 16).replace('T', ' ')}` : ''}`;
    lines.push(`Marked by ${shortText(entry.mark.markedBy, 256)}${entry.mark.markedAt ? ` at ${shortText(entry.mark.markedAt, 64)}` : ''}`);
  } else if (entry.mark) {
    lines.push('Marked by a job or SDK (no editor attribution)');
  }
  if (entry.time === undefined) lines.push('Folder name is not run=YYYY-MM-DD-HH-mm-ss');
  return {
    label: entry.folder,
    ...(description ? { description } : {}),
    tooltip: lines.join('\n'),
    contextValue: `manifest.run.${entry.state}`,
  };
}

export function runFilesText(contents: RunFolderContents): NodeText {
  const archived = contents.archivedCount ? `, ${contents.archivedCount} archived (Glacier)` : '';
  return {
    label: `${contents.fileCount} files`,
    description: `${formatBytes(contents.totalBytes)}${archived}`,
    contextValue: 'manifest.runFiles',
  };
}

/** One line for a notification after mark/unmark of a selection: successes and each conflict. */
export function summarizeOutcomes(outcomes: readonly (MarkOutcome | UnmarkOutcome)[]): {
  ok: number;
  conflicts: string[];
  errors: string[];
} {
  const conflicts: string[] = [],
    errors: string[] = [];
  let ok = 0;
  for (const o of outcomes) {
    if (o.status === 'conflict') conflicts.push(o.message);
    else if (o.status === 'error') errors.push(`${o.runId}: ${o.message}`);
    else ok++;
  }
  return { ok, conflicts, errors };
}

/** `--vars` for "Process with playbook…": Dataflow Runner splits vars on commas, so a run id
 * containing one cannot be passed (refused rather than silently split). */
export function playbookVarsForRun(entry: RunEntry, archiveUri: string): Record<string, string> {
  const vars = { run_id: entry.runId, run_folder: entry.folder, run_uri: `${archiveUri.replace(/\/?$/, '/')}${entry.folder}/` };
  for (const [k, v] of Object.entries(vars))
    if (v.includes(',')) throw new Error(`${k} contains a comma, which Dataflow Runner --vars cannot carry: ${v}`);
  return vars;
}
