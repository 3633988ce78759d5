// A SQL manifest of an incremental model on a configured connection.
import { ManifestNode, type ItemOf } from './manifestNode';

export class SqlManifestNode extends ManifestNode {
  declare readonly item: ItemOf<'sqlManifest'>;
}
