// The base of the Clusters view's nodes: one subclass per resource level (one file each) maps a
// core ClustersNode to its TreeItem. Shared here: the item type and time/duration text.
import type { ClustersNode } from '../../core/clusters/clustersTree';
import { ItemNode } from '../explorer/explorerNode';

export type ClustersNodeOf<K extends ClustersNode['kind']> = Extract<ClustersNode, { kind: K }>;

export abstract class ClustersItemNode<K extends ClustersNode['kind'] = ClustersNode['kind']> extends ItemNode<ClustersNode> {
  declare readonly item: ClustersNodeOf<K>;
}

/** `1h 02m`, `3m 05s`, `12s`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** A local date-time without seconds' fractions, e.g. `2026-12-07 01:02:03`. */
export function formatTime(date: Date | undefined): string {
  if (!date) return '—';
  const d = new Date(date);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
