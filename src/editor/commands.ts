// Every command id, context key, view id and webview type the extension contributes, declared once.
// Plain strings (no `vscode` import) so a unit test can check them against package.json.

export const Commands = {
  runStatement: 'dataWorkbench.runStatement',
  runStatementAtCursor: 'dataWorkbench.runStatementAtCursor',
  runAllStatements: 'dataWorkbench.runAllStatements',
  showStoredResult: 'dataWorkbench.showStoredResult',
  cancelQuery: 'dataWorkbench.cancelQuery',
  selectConnection: 'dataWorkbench.selectConnection',
  addConnection: 'dataWorkbench.addConnection',
  removeConnection: 'dataWorkbench.removeConnection',
  setConnectionPassword: 'dataWorkbench.setConnectionPassword',
  generateSampleEvents: 'dataWorkbench.generateSampleEvents',
  addLocalFileAsTable: 'dataWorkbench.addLocalFileAsTable',
  showLog: 'dataWorkbench.showLog',
  showQueryHistory: 'dataWorkbench.showQueryHistory',
  translateToDataFrame: 'dataWorkbench.translateToDataFrame',
  exportResults: 'dataWorkbench.exportResults',
  translateToDataFrameAs: 'dataWorkbench.translateToDataFrameAs',
  unloadToS3: 'dataWorkbench.unloadToS3',
  explorerRetry: 'dataWorkbench.explorer.retry',
  explorerLoadMore: 'dataWorkbench.explorer.loadMore',
  previewRenderedPlaybook: 'dataWorkbench.previewRenderedPlaybook',
  setPlaybookSecretVar: 'dataWorkbench.setPlaybookSecretVar',
  formatStatement: 'dataWorkbench.formatStatement',
  formatDocument: 'dataWorkbench.formatDocument',
  setSqlDialect: 'dataWorkbench.setSqlDialect',
  refreshSqlCatalog: 'dataWorkbench.refreshSqlCatalog',
  manifestsRefresh: 'dataWorkbench.manifests.refresh',
  manifestsMarkProcessed: 'dataWorkbench.manifests.markProcessed',
  manifestsUnmark: 'dataWorkbench.manifests.unmark',
  manifestsCreateTable: 'dataWorkbench.manifests.createTable',
  manifestsRevealRunFiles: 'dataWorkbench.manifests.revealRunFiles',
  manifestsFilterByDate: 'dataWorkbench.manifests.filterByDate',
  manifestsClearFilter: 'dataWorkbench.manifests.clearFilter',
  manifestsCopyRunId: 'dataWorkbench.manifests.copyRunId',
  manifestsOpenStorageConfig: 'dataWorkbench.manifests.openStorageConfig',
  manifestsOpenIncrementalQuery: 'dataWorkbench.manifests.openIncrementalQuery',
  submitSteps: 'dataWorkbench.submitSteps',
  showStepMonitor: 'dataWorkbench.showStepMonitor',
  submitPySparkFile: 'dataWorkbench.submitPySparkFile',
  manifestsProcessWithPlaybook: 'dataWorkbench.manifests.processWithPlaybook',
  clustersSubmitSteps: 'dataWorkbench.clusters.submitSteps',
  clustersRefresh: 'dataWorkbench.clusters.refresh',
  clustersChooseProfiles: 'dataWorkbench.clusters.chooseProfiles',
  clustersFilter: 'dataWorkbench.clusters.filter',
  clustersCopyId: 'dataWorkbench.clusters.copyId',
  clustersOpenStepLog: 'dataWorkbench.clusters.openStepLog',
  clustersCancelStep: 'dataWorkbench.clusters.cancelStep',
  clustersTerminateCluster: 'dataWorkbench.clusters.terminateCluster',
  clustersSaveClusterJson: 'dataWorkbench.clusters.saveClusterJson',
  clustersNewQuery: 'dataWorkbench.clusters.newQuery',
  clustersSelectTop: 'dataWorkbench.clusters.selectTop100',
  clustersCopyQualifiedName: 'dataWorkbench.clusters.copyQualifiedName',
  catalogRefresh: 'dataWorkbench.catalog.refresh',
  catalogFilter: 'dataWorkbench.catalog.filter',
  catalogShowTableDetails: 'dataWorkbench.catalog.showTableDetails',
  catalogPreviewWithAthena: 'dataWorkbench.catalog.previewWithAthena',
  catalogCopyDdl: 'dataWorkbench.catalog.copyDdl',
  catalogInsertName: 'dataWorkbench.catalog.insertName',
} as const;

/** Ids of commands VS Code itself provides. */
export const BuiltinCommands = {
  setContext: 'setContext',
  openSettings: 'workbench.action.openSettings',
} as const;

/** `when`-clause context keys the extension sets. */
export const ContextKeys = {
  queryRunning: 'dataWorkbench.queryRunning',
  hasAwsConnection: 'dataWorkbench.hasAwsConnection',
  /** The active connection is Redshift through the Data API (menus, palette). */
  redshiftDataApi: 'dataWorkbench.redshiftDataApi',
  /** Why the Manifests view shows a welcome page: noConfig, empty, invalid, noCredentials, accessDenied, or `tree`. */
  manifestsState: 'dataWorkbench.manifests.state',
  /** Why the Clusters view shows welcome content: no-credentials | access-denied | empty | tree. */
  clustersState: 'dataWorkbench.clusters.state',
  /** Why the Catalog view shows welcome content: no-credentials | access-denied | empty | tree. */
  catalogState: 'dataWorkbench.catalog.state',
} as const;

export const ViewIds = {
  clusters: 'dataWorkbench.clusters',
  manifests: 'dataWorkbench.manifests',
  catalog: 'dataWorkbench.catalog',
} as const;

export const WebviewTypes = {
  results: 'dataWorkbench.results',
  jobSubmission: 'dataWorkbench.jobSubmission',
  stepMonitor: 'dataWorkbench.stepMonitor',
} as const;
