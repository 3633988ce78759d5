// The one way a run for the Results panel is built (id, start time) and the summary of a run
// that was cancelled: shared by Run, Show Stored Result and UNLOAD to S3.
import type { ResultsRun, RunSummary } from './api';

let runCounter = 0;

/** A ResultsRun with a fresh id (`<kind>-<time>-<n>`) started now, unless `startedAt` is given. */
export function buildRun(
  kind: 'run' | 'stored' | 'unload',
  fields: Omit<ResultsRun, 'id' | 'startedAt'> & { startedAt?: number },
): ResultsRun {
  return { ...fields, id: `${kind}-${Date.now().toString(36)}-${++runCounter}`, startedAt: fields.startedAt ?? Date.now() };
}

/** What a cancelled run reports to its caller. */
export function cancelledSummary(startedAt: number): RunSummary {
  return { rowCount: 0, elapsedMs: Date.now() - startedAt, cancelled: true, columns: [] };
}
