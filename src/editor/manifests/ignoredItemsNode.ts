// Shown under a run or event manifest whose table holds items that are not manifest entries: the
// count, with each reason in the tooltip (no action: the table is the user's to fix).
import { ManifestNode, type ItemOf } from './manifestNode';

export class IgnoredItemsNode extends ManifestNode {
  declare readonly item: ItemOf<'ignoredItems'>;
}
