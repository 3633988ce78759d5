// Postgres and Redshift over the Postgres wire protocol. The factory builds this engine for
// kind 'postgres' and for kind 'redshift' with mode 'wire'.
export { createPostgresEngine, PostgresEngine, DEFAULT_PAGE_SIZE } from './engine';
export type { PostgresEngineOptions } from './connection';
