// The local DuckDB engine: what factory.ts and the editor use.
export { LocalEngine, createLocalEngine } from './localEngine';
export type { LoadProgress } from './sampleData';
export { sampleCacheFile } from './sampleData';
