// Event-manifest storage configs (Iglu `amazon_dynamodb_config` 1-0-0, 1-0-1, 2-0-0): parsed,
// validated against the Iglu schema with positions for every problem, and shown with secrets masked.
import schema100 from './schemas/amazon_dynamodb_config-1-0-0.json';
import schema101 from './schemas/amazon_dynamodb_config-1-0-1.json';
import schema200 from './schemas/amazon_dynamodb_config-2-0-0.json';

const SCHEMA_PREFIX = 'iglu:com.snowplowanalytics.snowplow.storage/amazon_dynamodb_config/jsonschema/';
const SCHEMAS: Record<string, object> = { '1-0-0': schema100, '1-0-1': schema101, '2-0-0': schema200 };

export interface ConfigProblem {
  /** JSON pointer of the offending value ('' = the whole document). */
  path: string;
  message: string;
  /** 0-based offset in the text and 1-based line/column, when the value was located. */
  offset?: number;
  line?: number;
  column?: number;
}

export interface StorageConfigReport {
  /** Schema version (e.g. '2-0-0') when the `schema` URI names a known one. */
  version?: string;
  valid: boolean;
  problems: ConfigProblem[];
  /** The table the config points at, when readable. */
  dynamodbTable?: string;
  awsRegion?: string;
  /** Pretty JSON with credentials masked: safe to show and log. */
  masked?: string;
}

const SECRET_KEYS = /secret|password|token/i;
/** Credential-provider words (not secrets) that configs may carry instead of keys. */
const PROVIDER_WORDS = new Set(['env', 'iam', 'default']);

function maskValue(key: string, value: string): string {
  if (PROVIDER_WORDS.has(value)) return value;
  if (SECRET_KEYS.test(key)) return '********';
  if (/accessKeyId/i.test(key)) return value.length >= 12 ? `${value.slice(0, 4)}…${value.slice(-4)}` : '********';
  return value;
}

/** A deep copy with credential values masked. */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  if (typeof value === 'string' && key) return maskValue(key, value);
  return value;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1,
    start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Offset of the value at a JSON pointer in `text` (a small scanner over valid JSON). */
export function locatePointer(text: string, pointer: string): number | undefined {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = 0;
  const ws = (): void => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const skipString = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return void skipString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (;;) {
        ws();
        if (c === '{') {
          skipString();
          ws();
          i++;
        }
        skipValue();
        ws();
        if (text[i++] === close) return;
      }
    }
    while (i < text.length && !/[,\]}\s]/.test(text[i])) i++;
  };
  ws();
  for (const part of parts) {
    const c = text[i];
    if (c !== '{' && c !== '[') return undefined;
    i++;
    let found = false;
    for (let index = 0; ; index++) {
      ws();
      if (text[i] === '}' || text[i] === ']') return undefined;
      if (c === '{') {
        const key = skipString();
        ws();
        i++;
        ws();
        if (key === part) {
          found = true;
          break;
        }
      } else if (String(index) === part) {
        ws();
        found = true;
        break;
      }
      skipValue();
      ws();
      if (text[i] === ',') i++;
    }
    if (!found) return undefined;
  }
  return i;
}

type AjvClass = typeof import('ajv').default;
let ajvModule: Promise<AjvClass> | undefined;

async function validatorFor(version: string): Promise<(data: unknown) => { path: string; message: string }[]> {
  const Ajv = await (ajvModule ??= import('ajv').then((m) => m.default));
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  // Iglu self-describing schemas name a meta-schema ajv does not know; drop it and `self`.
  const jsonSchema: Record<string, unknown> = { ...SCHEMAS[version] };
  delete jsonSchema.$schema;
  delete jsonSchema.self;
  const validate = ajv.compile(jsonSchema);
  return (data) =>
    validate(data)
      ? []
      : (validate.errors ?? []).map((e) => {
          const extra =
            e.keyword === 'additionalProperties'
              ? `: ${String((e.params as { additionalProperty?: string }).additionalProperty)}`
              : e.keyword === 'enum'
                ? ` (${((e.params as { allowedValues?: unknown[] }).allowedValues ?? []).join(', ')})`
                : '';
          return { path: e.instancePath, message: `${e.message ?? e.keyword}${extra}` };
        });
}

/** Parses and validates a storage config's text. Never throws for bad input. */
export async function checkStorageConfig(text: string): Promise<StorageConfigReport> {
  const at = (path: string, message: string): ConfigProblem => {
    const offset = locatePointer(text, path);
    return offset === undefined ? { path, message } : { path, message, offset, ...lineColumn(text, offset) };
  };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const pos = /position (\d+)/.exec(message);
    const offset = pos ? Number(pos[1]) : undefined;
    return {
      valid: false,
      problems: [
        { path: '', message: `Not valid JSON: ${message}`, ...(offset !== undefined ? { offset, ...lineColumn(text, offset) } : {}) },
      ],
    };
  }
  const masked = JSON.stringify(maskSecrets(doc), null, 2);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    return { valid: false, problems: [at('', 'Expected a self-describing JSON object {"schema": …, "data": …}')], masked };
  const { schema, data } = doc as { schema?: unknown; data?: unknown };
  if (typeof schema !== 'string' || !schema.startsWith(SCHEMA_PREFIX)) {
    return { valid: false, problems: [at('/schema', `Expected "schema" to be ${SCHEMA_PREFIX}<version>`)], masked };
  }
  const version = schema.slice(SCHEMA_PREFIX.length);
  if (!SCHEMAS[version])
    return {
      version,
      valid: false,
      problems: [at('/schema', `Unknown amazon_dynamodb_config version ${version} (known: ${Object.keys(SCHEMAS).join(', ')})`)],
      masked,
    };
  const problems = (await validatorFor(version))(data).map((p) => at(`/data${p.path}`, p.message));
  const fields = (data && typeof data === 'object' ? data : {}) as { dynamodbTable?: unknown; awsRegion?: unknown };
  return {
    version,
    valid: problems.length === 0,
    problems,
    masked,
    ...(typeof fields.dynamodbTable === 'string' ? { dynamodbTable: fields.dynamodbTable } : {}),
    ...(typeof fields.awsRegion === 'string' ? { awsRegion: fields.awsRegion } : {}),
  };
}
