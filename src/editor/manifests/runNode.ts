// One run folder: its state, and who marked it and when for marks made from the editor.
import { ManifestNode, type ItemOf } from './manifestNode';

export class RunNode extends ManifestNode {
  declare readonly item: ItemOf<'run'>;
}
