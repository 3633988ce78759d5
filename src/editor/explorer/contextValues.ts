// Every `contextValue` a tree item of the explorers carries, in one place: package.json menus
// (`view/item/context`, inline actions) match them with `viewItem == …`.

export const ContextValues = {
  error: 'dataWorkbench.error',
  empty: 'dataWorkbench.empty',
  loadMore: 'dataWorkbench.loadMore',
  clustersTarget: 'dataWorkbench.clusters.target',
  emrFolder: 'dataWorkbench.emr.folder',
  emrTerminatedFolder: 'dataWorkbench.emr.terminatedFolder',
  emrCluster: 'dataWorkbench.emr.cluster',
  /** A cluster that is already terminating or gone: no Terminate action. */
  emrClusterEnded: 'dataWorkbench.emr.clusterEnded',
  emrDetail: 'dataWorkbench.emr.detail',
  emrSteps: 'dataWorkbench.emr.steps',
  emrStep: 'dataWorkbench.emr.step',
  /** A step EMR lets the user cancel (PENDING or RUNNING): shows Cancel Step. */
  emrStepCancellable: 'dataWorkbench.emr.stepCancellable',
  emrStepLog: 'dataWorkbench.emr.stepLog',
  redshiftFolder: 'dataWorkbench.redshift.folder',
  redshiftWarehouse: 'dataWorkbench.redshift.warehouse',
  redshiftDatabase: 'dataWorkbench.redshift.database',
  redshiftSchema: 'dataWorkbench.redshift.schema',
  redshiftTable: 'dataWorkbench.redshift.table',
  redshiftColumn: 'dataWorkbench.redshift.column',
  catalogConnection: 'dataWorkbench.catalog.connection',
  catalogSchema: 'dataWorkbench.catalog.schema',
  catalogTable: 'dataWorkbench.catalog.table',
  catalogColumn: 'dataWorkbench.catalog.column',
  glue: 'dataWorkbench.glue.catalog',
  glueDatabase: 'dataWorkbench.glue.database',
  glueTable: 'dataWorkbench.glue.table',
  glueColumn: 'dataWorkbench.glue.column',
  gluePartitions: 'dataWorkbench.glue.partitions',
  gluePartition: 'dataWorkbench.glue.partition',
} as const;
