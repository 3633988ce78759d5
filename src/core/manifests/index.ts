// Public API of the Manifests core (run, event and SQL manifests) for the editor's Manifests view.
export { createManifestClients, type ManifestClients, type ManifestClientOptions } from './clients';
export { parseManifestSettings, type ManifestSettings, type RunManifestSetting, type EventManifestSetting, type SqlManifestSetting } from './settings';
export { RunManifestModel, filterRuns, type RunManifestConfig, type RunEntry, type RunState, type RunCounts, type RunFilter, type RunManifestSnapshot } from './runManifestModel';
export { RunManifestTable, type RunManifestItem, type MarkOutcome, type UnmarkOutcome } from './runManifestTable';
export { type RunFolderContents, type RunFile } from './runListing';
export { EventManifestTable, type EventManifestItem, type EventPage, type BrowseOptions, type EtlRange } from './eventManifest';
export { checkStorageConfig, maskSecrets, type StorageConfigReport, type ConfigProblem } from './storageConfig';
export { readSqlManifest, createSqlManifestStatements, renderIncrementalQuery, sqlManifestQueries, dialectFor, type SqlManifestConfig, type SqlManifestState, type EtlBatch, type TableName } from './sqlManifest';
export { createLocalSqlManifest, LOCAL_SQL_MANIFEST } from './localSqlManifest';
export { runEntryText, runGroupText, runFilesText, summarizeOutcomes, playbookVarsForRun, formatBytes, type NodeText } from './presentation';
