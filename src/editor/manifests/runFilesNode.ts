// The files of a run folder, summed up (count, total size, archived) above the files themselves.
import { ManifestNode, type ItemOf } from './manifestNode';

export class RunFilesNode extends ManifestNode {
  declare readonly item: ItemOf<'runFiles'>;
}
