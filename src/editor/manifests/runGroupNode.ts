// Processed, pending or orphaned runs of a run manifest, with their count (of the total when filtered).
import { ManifestNode, type ItemOf } from './manifestNode';

export class RunGroupNode extends ManifestNode {
  declare readonly item: ItemOf<'runGroup'>;
}
