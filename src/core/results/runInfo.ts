// Figures shown beside a finished run.
import type { ExecutionInfo } from '../engines/engine';

/** Athena bills $5 per TB scanned, each query rounded up to the next megabyte with a 10 MB
 * minimum (AWS Athena pricing). TB and MB are binary units here, as AWS bills them. */
export const ATHENA_USD_PER_TB = 5;
const MB = 1024 ** 2;
const TB = 1024 ** 4;

export function athenaCostUsd(bytesScanned: number): number {
  if (!(bytesScanned >= 0)) return 0;
  const billed = Math.max(10 * MB, Math.ceil(bytesScanned / MB) * MB);
  return (billed / TB) * ATHENA_USD_PER_TB;
}

export interface RunInfoView {
  queryId?: string;
  rowsAffected?: number;
  bytesScanned?: number;
  /** Only when bytesScanned is known (Athena). */
  estimatedCostUsd?: number;
  notes: string[];
}

/** The figures of an engine's ExecutionInfo the panel shows (with Athena's cost estimate). */
export function runInfoView(info: ExecutionInfo | undefined): RunInfoView {
  const view: RunInfoView = { notes: [...(info?.notes ?? [])] };
  if (info?.queryId !== undefined) view.queryId = info.queryId;
  if (info?.rowsAffected !== undefined) view.rowsAffected = info.rowsAffected;
  if (info?.bytesScanned !== undefined) {
    view.bytesScanned = info.bytesScanned;
    view.estimatedCostUsd = athenaCostUsd(info.bytesScanned);
  }
  return view;
}

/** One line for the Results toolbar: rows affected, bytes scanned, cost, then the notes. */
export function runInfoText(info: RunInfoView): string {
  const parts: string[] = [];
  if (info.rowsAffected !== undefined) parts.push(`${info.rowsAffected} rows affected`);
  if (info.bytesScanned !== undefined) parts.push(`${formatBytes(info.bytesScanned)} scanned`);
  if (info.estimatedCostUsd !== undefined)
    parts.push(`≈ $${info.estimatedCostUsd < 0.01 ? info.estimatedCostUsd.toFixed(5) : info.estimatedCostUsd.toFixed(2)}`);
  parts.push(...info.notes);
  return parts.join(' · ');
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${m} min ${s.toString().padStart(2, '0')} s`;
}
