// A configured event (duplicate) manifest table; its items page in with "Load more".
import { ManifestNode, type ItemOf } from './manifestNode';

export class EventManifestNode extends ManifestNode {
  declare readonly item: ItemOf<'eventManifest'>;
}
