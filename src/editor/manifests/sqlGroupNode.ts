// The consumed or waiting ETL timestamps of a SQL manifest, with their counts.
import { ManifestNode, type ItemOf } from './manifestNode';

export class SqlGroupNode extends ManifestNode {
  declare readonly item: ItemOf<'sqlGroup'>;
}
