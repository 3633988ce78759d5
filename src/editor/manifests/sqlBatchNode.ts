// One ETL timestamp (batch), consumed or waiting with its event count.
import { ManifestNode, type ItemOf } from './manifestNode';

export class SqlBatchNode extends ManifestNode {
  declare readonly item: ItemOf<'sqlBatch'>;
}
