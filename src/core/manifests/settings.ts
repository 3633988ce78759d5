// Reads the `dataWorkbench.manifests` setting (it may come from a repository's workspace settings,
// so it is untrusted): run, event and SQL manifest definitions, each checked with a clear error
// naming where in the setting it is. Invalid entries are skipped, valid ones kept.
import { parseArchiveUri } from './runIds';
import type { RunManifestConfig } from './runManifestModel';
import type { SqlManifestConfig, TableName } from './sqlManifest';

export interface AwsLocation {
  region?: string;
  /** Named AWS profile (credentials never live in settings). */
  profile?: string;
  /** Endpoint overrides (sandbox / VPC endpoints). */
  dynamodbEndpoint?: string;
  s3Endpoint?: string;
}

export type RunManifestSetting = RunManifestConfig & AwsLocation;

export interface EventManifestSetting extends AwsLocation {
  id: string;
  label?: string;
  table: string;
  /** Workspace-relative path of the amazon_dynamodb_config JSON shown beside the table. */
  configFile?: string;
}

export interface SqlManifestSetting extends SqlManifestConfig {
  id: string;
  label?: string;
  /** Name of a configured connection (Redshift, Postgres or the local one). */
  connection: string;
}

export interface ManifestSettings {
  run: RunManifestSetting[];
  event: EventManifestSetting[];
  sql: SqlManifestSetting[];
  /** `path: message`, e.g. `run[1].archive: Not an S3 archive location …`. */
  errors: string[];
}

const DYNAMO_TABLE = /^[A-Za-z0-9_.-]{3,255}$/;
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

class Invalid extends Error {}

function str(entry: Record<string, unknown>, key: string, required: true): string;
function str(entry: Record<string, unknown>, key: string, required?: false): string | undefined;
function str(entry: Record<string, unknown>, key: string, required = false): string | undefined {
  const v = entry[key];
  if (v === undefined || v === null) {
    if (required) throw new Invalid(`${key}: required`);
    return undefined;
  }
  if (typeof v !== 'string' || v.length > 2048) throw new Invalid(`${key}: expected a string`);
  return v;
}

function endpoint(entry: Record<string, unknown>, key: string): string | undefined {
  const v = str(entry, key);
  if (v !== undefined && !/^https?:\/\/[^\s]+$/.test(v)) throw new Invalid(`${key}: expected an http(s) URL`);
  return v;
}

function aws(entry: Record<string, unknown>): AwsLocation {
  const out: AwsLocation = {};
  const region = str(entry, 'region');
  if (region !== undefined) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new Invalid(`region: not an AWS region: ${JSON.stringify(region)}`);
    out.region = region;
  }
  const profile = str(entry, 'profile');
  if (profile !== undefined) out.profile = profile;
  const d = endpoint(entry, 'dynamodbEndpoint'),
    s = endpoint(entry, 's3Endpoint');
  if (d) out.dynamodbEndpoint = d;
  if (s) out.s3Endpoint = s;
  return out;
}

function tableName(entry: Record<string, unknown>, key: string, fallback?: TableName): TableName {
  const v = entry[key];
  if (v === undefined && fallback) return fallback;
  if (typeof v === 'string') {
    const dot = v.indexOf('.');
    const parsed = dot < 0 ? { name: v } : { schema: v.slice(0, dot), name: v.slice(dot + 1) };
    if (!parsed.name || parsed.schema === '') throw new Invalid(`${key}: expected "schema.table" or "table"`);
    return parsed;
  }
  if (
    v &&
    typeof v === 'object' &&
    typeof (v as TableName).name === 'string' &&
    ((v as TableName).schema === undefined || typeof (v as TableName).schema === 'string')
  ) {
    return { ...((v as TableName).schema !== undefined ? { schema: (v as TableName).schema } : {}), name: (v as TableName).name };
  }
  throw new Invalid(`${key}: expected "schema.table" or {"schema", "name"}`);
}

function common(entry: Record<string, unknown>, seen: Set<string>): { id: string; label?: string } {
  const id = str(entry, 'id', true);
  if (!ID.test(id)) throw new Invalid(`id: letters, digits, '.', '_' or '-' only (1-64), got ${JSON.stringify(id)}`);
  if (seen.has(id)) throw new Invalid(`id: ${JSON.stringify(id)} is used twice`);
  seen.add(id);
  const label = str(entry, 'label');
  return label === undefined ? { id } : { id, label };
}

function dynamoTable(entry: Record<string, unknown>): string {
  const table = str(entry, 'table', true);
  if (!DYNAMO_TABLE.test(table))
    throw new Invalid(`table: not a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -): ${JSON.stringify(table)}`);
  return table;
}

export function parseManifestSettings(raw: unknown): ManifestSettings {
  const result: ManifestSettings = { run: [], event: [], sql: [], errors: [] };
  if (raw === undefined || raw === null) return result;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    result.errors.push('dataWorkbench.manifests: expected an object with "run", "event" and "sql" lists');
    return result;
  }
  const seen = new Set<string>();
  const each = (kind: 'run' | 'event' | 'sql', parse: (entry: Record<string, unknown>) => void): void => {
    const list = (raw as Record<string, unknown>)[kind];
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      result.errors.push(`${kind}: expected a list`);
      return;
    }
    list.forEach((entry, i) => {
      try {
        if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new Invalid('expected an object');
        parse(entry as Record<string, unknown>);
      } catch (e) {
        if (!(e instanceof Invalid)) throw e;
        result.errors.push(`${kind}[${i}].${e.message}`);
      }
    });
  };
  each('run', (entry) => {
    const archive = str(entry, 'archive', true);
    try {
      parseArchiveUri(archive);
    } catch (e) {
      throw new Invalid(`archive: ${(e as Error).message}`);
    }
    result.run.push({ ...common(entry, seen), table: dynamoTable(entry), archive, ...aws(entry) });
  });
  each('event', (entry) => {
    const configFile = str(entry, 'configFile');
    if (configFile !== undefined && (configFile.split(/[\\/]/).includes('..') || /^([\\/]|[A-Za-z]:)/.test(configFile))) {
      throw new Invalid(`configFile: must be a path inside the workspace, got ${JSON.stringify(configFile)}`);
    }
    result.event.push({
      ...common(entry, seen),
      table: dynamoTable(entry),
      ...(configFile !== undefined ? { configFile } : {}),
      ...aws(entry),
    });
  });
  each('sql', (entry) => {
    const base = common(entry, seen);
    const connection = str(entry, 'connection', true);
    const modelColumn = str(entry, 'modelColumn'),
      model = str(entry, 'model');
    if ((modelColumn === undefined) !== (model === undefined)) throw new Invalid('model: "model" and "modelColumn" go together');
    const timestampColumn = str(entry, 'timestampColumn'),
      eventsTimestampColumn = str(entry, 'eventsTimestampColumn');
    result.sql.push({
      ...base,
      connection,
      manifest: tableName(entry, 'manifest'),
      events: tableName(entry, 'events', { schema: 'atomic', name: 'events' }),
      ...(timestampColumn !== undefined ? { timestampColumn } : {}),
      ...(eventsTimestampColumn !== undefined ? { eventsTimestampColumn } : {}),
      ...(modelColumn !== undefined ? { modelColumn, model } : {}),
    });
  });
  return result;
}
