// How many items the event manifest holds (in the ETL time range when filtered).
import { ManifestNode, type ItemOf } from './manifestNode';

export class EventCountNode extends ManifestNode {
  declare readonly item: ItemOf<'eventCount'>;
}
