// What a Redshift Data API connection must set, checked before any request. Its own file so the
// engine and the UNLOAD path both use it without importing each other.
import type { RedshiftConnection } from '../../connections/types';
import { EngineError } from '../engine';

/** Checks the connection has what the Data API needs; throws a clear EngineError otherwise. */
export function validateDataApiConnection(config: RedshiftConnection): void {
  const bad = (m: string): never => {
    throw new EngineError(`Connection "${config.name}": ${m}`, { category: 'connection' });
  };
  if (!config.database) bad('database is required for the Redshift Data API');
  if (config.clusterIdentifier && config.workgroupName)
    bad('set either clusterIdentifier (provisioned) or workgroupName (Serverless), not both');
  if (!config.clusterIdentifier && !config.workgroupName) bad('set clusterIdentifier (provisioned) or workgroupName (Serverless)');
  if (config.workgroupName && config.dbUser) bad('dbUser is not supported for Redshift Serverless; use secretArn or the IAM identity');
  if (config.dbUser && config.secretArn) bad('set either dbUser (temporary credentials) or secretArn, not both');
}
