// What the Clusters view's editor glue needs from the core, in one module: the build makes it its
// own bundle (dist/engines/clusters.js), loaded when the view first lists, so the AWS SDK code it
// carries stays out of extension.js.
export { ClustersTreeSource, isChanging, pollChildren, nodeName } from './clustersTree';
export { CANCELLABLE_STEP_STATES } from './emr';
export { connectionFor, qualifiedName, selectTopSql } from './redshift';
export { listAwsProfiles } from './profiles';
export { targetLabel } from './awsTarget';
