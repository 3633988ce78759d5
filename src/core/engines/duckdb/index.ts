// The local DuckDB engine: what factory.ts and the editor use.
export { LocalEngine, createLocalEngine, DEFAULT_PAGE_SIZE, type LocalEngineOptions } from './localEngine';
export type { AddFileOptions, FileFormat, TableInfo } from './files';
export type { LoadProgress, ProgressCallback } from './sampleData';
export { defaultCacheDir, sampleCacheFile } from './sampleData';
