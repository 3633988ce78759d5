// One file of a run folder, with its size.
import { ManifestNode, type ItemOf } from './manifestNode';

export class RunFileNode extends ManifestNode {
  declare readonly item: ItemOf<'runFile'>;
}
