// One event-manifest item: event id, fingerprint and ETL time.
import { ManifestNode, type ItemOf } from './manifestNode';

export class EventItemNode extends ManifestNode {
  declare readonly item: ItemOf<'eventItem'>;
}
