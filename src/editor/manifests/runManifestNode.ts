// A configured run manifest (DynamoDB table + S3 archive); its description sums the runs per state.
import { ManifestNode, type ItemOf } from './manifestNode';

export class RunManifestNode extends ManifestNode {
  declare readonly item: ItemOf<'runManifest'>;
}
