// Checks a playbook or cluster file while it is typed: template syntax and undefined vars, JSON
// syntax as the runner's strict decoder sees it (positions from jsonc-parser, which keeps going past
// errors), the self-describing wrapper, the runner's Avro schema (walked through avsc's types) with
// Go's decoding rules, and what the runner or AWS would reject later. Returns typed configs too.
import type avro from 'avsc';
import { createScanner, type Node as JsonNode } from 'jsonc-parser';

const TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, eof: 17 } as const;
import {
  ADDED_IN,
  avroType,
  KNOWN_VERSIONS,
  LATEST_URI,
  parseSchemaUri,
  SCHEMA_NAMES,
  type ClusterConfig,
  type ConfigKind,
  type PlaybookConfig,
  type SchemaRef,
} from './model';
import { analyze, MAX_JSON_DEPTH, tooDeepAt } from './incremental';
import { scanTemplate, type TemplateScan } from './templateScan';

export type Severity = 'error' | 'warning' | 'info';
export interface ConfigDiagnostic {
  severity: Severity;
  message: string;
  offset: number;
  length: number;
  code: string;
}

export interface ValidateOptions {
  /** What the caller expects (from the file name or the CLI); a file of the other kind is an error. */
  expectedKind?: ConfigKind;
  /** Names of the vars that will be defined; undefined skips the undefined-var check. */
  vars?: ReadonlySet<string>;
  /** Said after "var x is not defined" (where vars come from for this caller). */
  varsHint?: string;
  fileName?: string;
  /** Which document this is, for the cache of its last validation (the editor's document URI: two
   * open files of the same name must not share it); by default the file name. */
  documentKey?: string;
}

export interface ValidationResult {
  kind?: ConfigKind;
  schema?: SchemaRef;
  config?: PlaybookConfig | ClusterConfig;
  diagnostics: ConfigDiagnostic[];
  /** The JSON tree of the masked text (offsets equal the original's). */
  root?: JsonNode;
  scan: TemplateScan;
}

const SPECIAL_CREDENTIALS = ['iam', 'env', 'default'];
const ACTIONS = ['CANCEL_AND_WAIT', 'CONTINUE'];
const MAX_ACTIVE_STEPS = 256;
const MAX_STEP_NAME = 256;
const MAX_JAR_STEP_CHARS = 10240;
const MAX_INSTANCE_COUNT = 2147483647;

// jsonc-parser's ParseErrorCode and SyntaxKind are const enums, which isolatedModules cannot read.
const PARSE_MESSAGES: Record<number, string> = {
  1: /* InvalidSymbol */ 'invalid symbol',
  2: /* InvalidNumberFormat */ 'invalid number',
  3: /* PropertyNameExpected */ 'property name expected (a double-quoted string)',
  4: /* ValueExpected */ 'value expected',
  5: /* ColonExpected */ 'colon expected after the property name',
  6: /* CommaExpected */ 'missing comma',
  7: /* CloseBraceExpected */ "unclosed brace: '}' expected",
  8: /* CloseBracketExpected */ "unclosed bracket: ']' expected",
  9: /* EndOfFileExpected */ 'end of file expected: text after the top-level value',
  10: /* InvalidCommentToken */ 'invalid comment',
  11: /* UnexpectedEndOfComment */ 'unterminated comment',
  12: /* UnexpectedEndOfString */ 'unterminated string',
  13: /* UnexpectedEndOfNumber */ 'unterminated number',
  14: /* InvalidUnicode */ 'invalid \\u escape',
  15: /* InvalidEscapeCharacter */ 'invalid escape character in string',
  16: /* InvalidCharacter */ 'invalid character in string (control characters must be escaped)',
};

/** Where a normalized object came from: its JSON node and its properties' nodes by field name. */
interface Origin {
  node: JsonNode;
  props: Map<string, JsonNode>;
}

class Checker {
  readonly diagnostics: ConfigDiagnostic[] = [];
  readonly origins = new Map<object, Origin>();
  /** The origins set while an array item is walked (for its memo). */
  recording: [object, Origin][] | undefined;

  /** Item memos keyed by the item's JSON node: a keystroke elsewhere keeps the tree's nodes (shifted in place). */
  constructor(
    readonly text: string,
    readonly scan: TemplateScan,
    readonly itemMemos?: Map<JsonNode, ItemMemo>,
  ) {}

  setOrigin(obj: object, origin: Origin): void {
    this.origins.set(obj, origin);
    this.recording?.push([obj, origin]);
  }

  add(severity: Severity, code: string, message: string, offset: number, length: number): void {
    this.diagnostics.push({ severity, code, message, offset, length: Math.max(0, length) });
  }

  at(node: JsonNode, severity: Severity, code: string, message: string): void {
    this.add(severity, code, message, node.offset, node.length);
  }

  /** A value that a template action produces (or is part of): its type is only known after rendering. */
  templated(node: JsonNode): boolean {
    // Spans are sorted and disjoint: find the first that ends after the node starts.
    const spans = this.scan.spans;
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].end <= node.offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < spans.length && spans[lo].start < node.offset + node.length;
  }

  /** Where to point for an object as a whole: its opening brace. */
  objectStart(node: JsonNode): { offset: number; length: number } {
    return { offset: node.offset, length: 1 };
  }
}

/** Checks a playbook or cluster file. Never throws on bad input. */
export function validateConfig(text: string, options: ValidateOptions = {}): ValidationResult {
  try {
    return checkConfig(text, options);
  } catch (e) {
    // Thousands of nesting levels overflow the stack somewhere in parsing or walking the tree;
    // looked for only then, so ordinary keystrokes pay nothing for it.
    if (!(e instanceof RangeError)) throw e;
    const scan = scanTemplate(text, options.fileName ?? 'playbook.json');
    return { diagnostics: [tooDeep(tooDeepAt(scan.masked) ?? 0)], scan };
  }
}

function tooDeep(offset: number): ConfigDiagnostic {
  return {
    severity: 'error',
    code: 'json',
    message: `nested more than ${MAX_JSON_DEPTH} levels deep (a playbook or cluster file needs fewer than 10); the file was not checked further`,
    offset,
    length: 1,
  };
}

function checkConfig(text: string, options: ValidateOptions): ValidationResult {
  const fileName = options.fileName ?? 'playbook.json';
  const { scan, root, errors, memos, tooDeepAt: deepAt } = analyze(text, fileName, `${options.documentKey ?? ''}\n${fileName}`);
  const c = new Checker(text, scan, memos as Map<JsonNode, ItemMemo> | undefined);

  if (scan.error) {
    const hint = scan.error.message.endsWith('unexpected "\\\\" in operand')
      ? ' (inside {{ }} write strings with backquotes, `2006-01-02`, not \\"…\\")'
      : '';
    c.add('error', 'template', scan.error.message + hint, scan.error.offset, 2);
  }
  if (deepAt !== undefined) {
    c.diagnostics.push(tooDeep(deepAt));
    return { diagnostics: c.diagnostics, scan };
  }
  for (const span of scan.spans) {
    if (!scan.error && span.inString && text.slice(span.start, span.end).includes('"')) {
      c.add(
        'info',
        'template-quotes',
        'double quotes inside {{ }} make the file invalid JSON for other tools; backquotes (`…`) work for both',
        span.start,
        span.end - span.start,
      );
    }
  }
  if (options.vars) {
    for (const ref of scan.refs) {
      if (!options.vars.has(ref.name)) {
        c.add(
          'error',
          'undefined-var',
          `var "${ref.name}" is not defined${options.varsHint ? ` ${options.varsHint}` : ''}: the runner fails with map has no entry for key "${ref.name}"`,
          ref.offset,
          ref.length,
        );
      }
    }
  }

  // Strict about comments and trailing commas, as the runner's decoder is (see analyze).
  let unclosed: Unclosed[] | undefined;
  for (const e of errors) {
    if (e.error === 10 /* InvalidCommentToken */) {
      c.add('error', 'json', "comments are not allowed: the runner's JSON decoder rejects them", e.offset, e.length);
      continue;
    }
    const comma = trailingComma(scan.masked, e.offset);
    if ((e.error === 3 || e.error === 4) && comma >= 0) {
      c.add('error', 'json', "trailing comma: the runner's JSON decoder rejects it", comma, 1);
      continue;
    }
    if (e.error === 7 || e.error === 8) unclosed ??= unclosedBrackets(scan.masked);
    let offset = e.offset;
    let length = Math.max(1, e.length);
    if (e.error === 7 || e.error === 8) {
      // Point at the brace or bracket that is never closed, not at the end of the file.
      const opener = unclosed!.find((u) => u.char === (e.error === 7 ? '{' : '['));
      if (opener) {
        unclosed!.splice(unclosed!.indexOf(opener), 1);
        c.add(
          'error',
          'json',
          `${PARSE_MESSAGES[e.error]} (this ${e.error === 7 ? 'brace' : 'bracket'} is never closed)`,
          opener.offset,
          1,
        );
      }
      continue;
    }
    if (e.error === 6 /* CommaExpected */) {
      // Point just after the value that lacks its comma, not at the next token (often a line later).
      let p = e.offset - 1;
      while (p >= 0 && /\s/.test(scan.masked[p])) p--;
      offset = p + 1;
      length = 1;
    }
    c.add('error', 'json', PARSE_MESSAGES[e.error] ?? 'invalid JSON', offset, length);
  }
  if (!root) {
    if (text.trim() === '') c.add('error', 'wrapper', 'empty file: expected {"schema": …, "data": …}', 0, 0);
    return { diagnostics: c.diagnostics, scan };
  }
  if (root.type !== 'object') {
    c.at(root, 'error', 'wrapper', 'expected a self-describing JSON object {"schema": …, "data": …}');
    return { diagnostics: c.diagnostics, root, scan };
  }

  const top = properties(c, root);
  const schemaProp = top.get('schema');
  const dataProp = top.get('data');
  let schema: SchemaRef | undefined;
  let schemaKind: ConfigKind | undefined;
  if (schemaProp) {
    const v = schemaProp.children![1];
    if (v.type !== 'string') {
      if (!c.templated(v))
        c.at(
          v,
          'error',
          'wrapper',
          '"schema" must be a string (the runner fails: cannot unmarshal into SelfDescribingRecord.Schema of type string)',
        );
    } else if (!c.templated(v)) {
      schema = parseSchemaUri(String(v.value));
      if (!schema)
        c.at(v, 'warning', 'schema', `not an Iglu schema URI; expected e.g. "${LATEST_URI[options.expectedKind ?? 'playbook']}"`);
      else {
        schemaKind = schema.kind;
        if (!schema.vendorOk || !schema.kind) {
          c.at(
            v,
            'warning',
            'schema',
            `"${schema.name}" is not a Dataflow Runner schema; expected ${LATEST_URI.playbook} or ${LATEST_URI.cluster}`,
          );
        } else {
          if (schema.format !== 'avro') c.at(v, 'warning', 'schema', `Dataflow Runner schemas are "avro", not "${schema.format}"`);
          if (!KNOWN_VERSIONS[schema.kind].includes(schema.version)) {
            c.at(
              v,
              'warning',
              'schema',
              `unknown ${schema.name} version ${schema.version}; Dataflow Runner knows ${KNOWN_VERSIONS[schema.kind].join(' and ')}`,
            );
          }
        }
      }
    }
  } else {
    c.add(
      'warning',
      'wrapper',
      `missing "schema": add "schema": "${LATEST_URI[options.expectedKind ?? guessKind(root) ?? 'playbook']}" (the runner ignores it; editors and CI use it)`,
      root.offset,
      1,
    );
  }

  if (!dataProp) {
    const guessed = guessKind(root);
    if (guessed)
      c.add(
        'error',
        'wrapper',
        `missing self-describing wrapper: put this object under "data" next to "schema": "${LATEST_URI[guessed]}"`,
        root.offset,
        1,
      );
    else c.add('error', 'wrapper', 'missing "data": the runner would read an empty configuration', root.offset, 1);
    return { kind: schemaKind ?? guessed ?? options.expectedKind, schema, diagnostics: c.diagnostics, root, scan };
  }
  const dataNode = dataProp.children![1];
  const contentKind = dataNode.type === 'object' ? guessKind(dataNode) : undefined;
  if (schemaKind && contentKind && schemaKind !== contentKind) {
    c.at(
      schemaProp!.children![1],
      'error',
      'kind',
      `"schema" names ${SCHEMA_NAMES[schemaKind]} but "data" is a ${SCHEMA_NAMES[contentKind]}`,
    );
  }
  const kind = schemaKind ?? contentKind ?? options.expectedKind;
  if (options.expectedKind && kind && kind !== options.expectedKind) {
    const where = schemaProp ? schemaProp.children![1] : root;
    c.add(
      'error',
      'kind',
      `this is a ${kind} config (${SCHEMA_NAMES[kind]}), but a ${options.expectedKind} (${SCHEMA_NAMES[options.expectedKind]}) is expected here`,
      where.offset,
      schemaProp ? where.length : 1,
    );
  }
  if (!kind) {
    c.add('error', 'kind', 'cannot tell a playbook from a cluster config: add "schema"', root.offset, 1);
    return { schema, diagnostics: c.diagnostics, root, scan };
  }
  if (dataNode.type !== 'object') {
    if (!c.templated(dataNode)) c.at(dataNode, 'error', 'type', '"data" must be an object');
    return { kind, schema, diagnostics: c.diagnostics, root, scan };
  }

  const config = walk(c, dataNode, avroType(kind), '') as PlaybookConfig | ClusterConfig;
  reportMissing(c, kind, config, dataNode);
  if (schema?.kind === kind && KNOWN_VERSIONS[kind].includes(schema.version)) checkVersionFields(c, kind, schema, config);
  checkCredentials(c, config.credentials);
  checkRegion(c, config);
  if (kind === 'playbook') checkPlaybook(c, config as PlaybookConfig, dataNode);
  else checkCluster(c, config as ClusterConfig, dataNode);
  c.diagnostics.sort((a, b) => a.offset - b.offset);
  return { kind, schema, config, diagnostics: c.diagnostics, root, scan };
}

export function parsePlaybook(
  text: string,
  options: Omit<ValidateOptions, 'expectedKind'> = {},
): { config?: PlaybookConfig; diagnostics: ConfigDiagnostic[] } {
  const r = validateConfig(text, { ...options, expectedKind: 'playbook' });
  return { config: r.kind === 'playbook' ? (r.config as PlaybookConfig) : undefined, diagnostics: r.diagnostics };
}

export function parseCluster(
  text: string,
  options: Omit<ValidateOptions, 'expectedKind'> = {},
): { config?: ClusterConfig; diagnostics: ConfigDiagnostic[] } {
  const r = validateConfig(text, { ...options, expectedKind: 'cluster' });
  return { config: r.kind === 'cluster' ? (r.config as ClusterConfig) : undefined, diagnostics: r.diagnostics };
}

function guessKind(obj: JsonNode): ConfigKind | undefined {
  const keys = new Set((obj.children ?? []).map((p) => String(p.children?.[0]?.value ?? '').toLowerCase()));
  if (keys.has('steps')) return 'playbook';
  if (keys.has('ec2') || keys.has('roles') || keys.has('loguri') || keys.has('bootstrapactionconfigs')) return 'cluster';
  return undefined;
}

type Unclosed = { char: '{' | '['; offset: number };

/** The offset of the comma before a closing bracket at `offset` (a trailing comma), or -1. */
function trailingComma(masked: string, offset: number): number {
  if (masked[offset] !== '}' && masked[offset] !== ']') return -1;
  let p = offset - 1;
  while (p >= 0 && /\s/.test(masked[p])) p--;
  return masked[p] === ',' ? p : -1;
}

/** Braces and brackets that are never closed (only computed when the parser says one is missing). */
function unclosedBrackets(masked: string): Unclosed[] {
  const scanner = createScanner(masked, false);
  const stack: Unclosed[] = [];
  const unclosed: Unclosed[] = [];
  for (let t: number = scanner.scan(); t !== TOKEN.eof; t = scanner.scan()) {
    if (t === TOKEN.openBrace || t === TOKEN.openBracket)
      stack.push({ char: t === TOKEN.openBrace ? '{' : '[', offset: scanner.getTokenOffset() });
    if (t === TOKEN.closeBrace || t === TOKEN.closeBracket) {
      const want = t === TOKEN.closeBrace ? '{' : '[';
      // A closer of the other kind closes the innermost opener of its kind; those above it are unclosed.
      let at = stack.length - 1;
      while (at >= 0 && stack[at].char !== want) at--;
      if (at >= 0) unclosed.push(...stack.splice(at).slice(1));
    }
  }
  return [...unclosed, ...stack.reverse()];
}

/** An object's properties by key, Go-style: exact or case-insensitive match, the last duplicate wins. */
function properties(c: Checker, obj: JsonNode): Map<string, JsonNode> {
  const byKey = new Map<string, JsonNode>();
  const byLower = new Map<string, string>();
  for (const p of obj.children ?? []) {
    const key = p.children?.[0];
    if (!key || key.type !== 'string') continue;
    const name = String(key.value);
    const lower = name.toLowerCase();
    const previous = byLower.get(lower);
    if (previous !== undefined) {
      c.at(key, 'warning', 'duplicate', `duplicate field "${name}": the runner keeps only the last one`);
      byKey.delete(previous);
    }
    byKey.set(name, p);
    byLower.set(lower, name);
  }
  return byKey;
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

const typeLabel = (n: JsonNode): string =>
  n.type === 'number'
    ? Number.isInteger(n.value)
      ? 'a number'
      : 'a fraction'
    : n.type === 'boolean'
      ? 'a boolean'
      : n.type === 'null'
        ? 'null'
        : `an ${n.type === 'array' || n.type === 'object' ? n.type : n.type}`.replace('an string', 'a string');

function nonNull(type: avro.Type): avro.Type | undefined {
  const t = type as unknown as { types?: avro.Type[] };
  return t.types ? t.types.find((x) => x.typeName !== 'null') : undefined;
}

function zeroOf(type: avro.Type): unknown {
  switch (type.typeName) {
    case 'string':
      return '';
    case 'long':
    case 'int':
      return 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'map':
      return {};
    case 'record': {
      const out: Record<string, unknown> = {};
      for (const f of (type as avro.types.RecordType).fields) out[f.name] = zeroOf(f.type);
      return out;
    }
  }
  return null; // unions with null
}

function fieldName(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot < 0 ? path : path.slice(dot + 1)).replace('[]', '') || 'data';
}

/** What walking one array item (a step, a tag…) produced, to replay while its text is unchanged. */
interface ItemMemo {
  type: avro.Type;
  path: string;
  text: string;
  masked: string;
  spans: number[];
  value: unknown;
  origins: [object, Origin][];
  diagnostics: ConfigDiagnostic[];
}

/** The spans inside [from, to), relative to `from` (start, end pairs). */
function spansWithin(c: Checker, from: number, to: number): number[] {
  const spans = c.scan.spans;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < spans.length && spans[i].start < to; i++)
    out.push(spans[i].start - from, spans[i].end - from, spans[i].inString ? 1 : 0);
  return out;
}

/** walk() of one array item, replayed from the last keystroke when its text, mask and actions are the same. */
function walkItem(c: Checker, node: JsonNode, type: avro.Type, path: string): unknown {
  if (!c.itemMemos) return walk(c, node, type, path);
  const from = node.offset;
  const to = node.offset + node.length;
  const text = c.text.slice(from, to);
  const masked = c.scan.masked.slice(from, to);
  const spans = spansWithin(c, from, to);
  const memo = c.itemMemos.get(node);
  if (
    memo &&
    memo.type === type &&
    memo.path === path &&
    memo.text === text &&
    memo.masked === masked &&
    memo.spans.length === spans.length &&
    memo.spans.every((x, i) => x === spans[i])
  ) {
    for (const [obj, origin] of memo.origins) c.setOrigin(obj, origin);
    for (const d of memo.diagnostics) c.diagnostics.push({ ...d, offset: d.offset + from });
    return memo.value;
  }
  const diagnosticsBefore = c.diagnostics.length;
  const outer = c.recording;
  const origins: [object, Origin][] = [];
  c.recording = origins;
  const value = walk(c, node, type, path);
  c.recording = outer;
  outer?.push(...origins);
  const diagnostics = c.diagnostics.slice(diagnosticsBefore).map((d) => ({ ...d, offset: d.offset - from }));
  c.itemMemos.set(node, { type, path, text, masked, spans, value, origins, diagnostics });
  return value;
}

/** Decodes `node` as Go's encoding/json would into the Avro-generated struct, reporting what it rejects. */
function walk(c: Checker, node: JsonNode | undefined, type: avro.Type, path: string): unknown {
  if (!node || node.type === 'null') return zeroOf(type);
  const inner = nonNull(type);
  if (inner) return walk(c, node, inner, path);
  const templated = c.templated(node);
  switch (type.typeName) {
    case 'string':
      if (node.type === 'string') return templated ? originalString(c.text, node) : String(node.value);
      if (!templated)
        c.at(
          node,
          'error',
          'type',
          `"${fieldName(path)}" must be a string, not ${typeLabel(node)} (the runner fails: cannot unmarshal ${node.type} into a string field)`,
        );
      return templated ? c.text.slice(node.offset, node.offset + node.length) : '';
    case 'long':
      if (node.type === 'number' && Number.isInteger(node.value) && Math.abs(node.value) <= Number.MAX_SAFE_INTEGER) return node.value;
      if (!templated) {
        const what = node.type === 'number' ? `a fraction (${c.text.slice(node.offset, node.offset + node.length)})` : typeLabel(node);
        c.at(
          node,
          'error',
          'type',
          `"${fieldName(path)}" must be a whole number, not ${what} (the runner fails: cannot unmarshal into int64)`,
        );
      }
      return 0;
    case 'boolean':
      if (node.type === 'boolean') return node.value;
      if (!templated) c.at(node, 'error', 'type', `"${fieldName(path)}" must be true or false, not ${typeLabel(node)}`);
      return false;
    case 'array': {
      if (node.type !== 'array') {
        if (!templated) c.at(node, 'error', 'type', `"${fieldName(path)}" must be an array, not ${typeLabel(node)}`);
        return [];
      }
      const items = (type as avro.types.ArrayType).itemsType;
      const itemPath = `${path}[]`;
      return (node.children ?? []).map((child) =>
        items.typeName === 'record' ? walkItem(c, child, items, itemPath) : walk(c, child, items, itemPath),
      );
    }
    case 'map': {
      if (node.type !== 'object') {
        if (!templated) c.at(node, 'error', 'type', `"${fieldName(path)}" must be an object, not ${typeLabel(node)}`);
        return {};
      }
      const values = (type as avro.types.MapType).valuesType;
      const out: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (!k || !v) continue;
        if (values.typeName === 'string' && v.type !== 'string' && v.type !== 'null' && !c.templated(v)) {
          c.at(
            v,
            'error',
            'type',
            `property "${k.value}" must be a string value (write "${c.text.slice(v.offset, v.offset + v.length)}" in quotes); EMR configuration properties are strings`,
          );
          out[String(k.value)] = '';
        } else out[String(k.value)] = walk(c, v, values, `${path}.${k.value}`);
      }
      return out;
    }
    case 'record': {
      if (node.type !== 'object') {
        if (!templated) c.at(node, 'error', 'type', `"${fieldName(path)}" must be an object, not ${typeLabel(node)}`);
        return zeroOf(type);
      }
      const rec = type as avro.types.RecordType;
      const props = properties(c, node);
      const out: Record<string, unknown> = {};
      const origin: Origin = { node, props: new Map() };
      const names = rec.fields.map((f) => f.name);
      for (const [key, prop] of props) {
        const exact = names.find((n) => n === key) ?? names.find((n) => n.toLowerCase() === key.toLowerCase());
        const keyNode = prop.children![0];
        if (!exact) {
          const close = names.filter((n) => editDistance(n.toLowerCase(), key.toLowerCase()) <= 2);
          const nested = key === 'configurations' && path.endsWith('configurations[]');
          const msg = nested
            ? 'nested "configurations" are not supported: the runner ignores them'
            : `unknown field "${key}": the runner silently ignores it${close.length ? `; did you mean "${close[0]}"?` : ''}`;
          c.at(keyNode, 'warning', 'unknown-field', msg);
          continue;
        }
        if (exact !== key)
          c.at(keyNode, 'warning', 'field-case', `"${key}" is matched to "${exact}" only because Go ignores case; write "${exact}"`);
        origin.props.set(exact, prop);
      }
      for (const f of rec.fields) {
        const prop = origin.props.get(f.name);
        out[f.name] = walk(c, prop?.children?.[1], f.type, path ? `${path}.${f.name}` : f.name);
      }
      c.setOrigin(out, origin);
      return out;
    }
  }
  return zeroOf(type);
}

/** A string value as written (the masked tree has filler where the actions are). */
function originalString(text: string, node: JsonNode): string {
  const raw = text.slice(node.offset, node.offset + node.length);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

type MissingRule = [Severity, string] | undefined;
const MISSING: Record<ConfigKind, Record<string, MissingRule>> = {
  playbook: {
    region: ['error', 'missing "region": the EMR client needs a region'],
    credentials: ['error', 'missing "credentials": use "default", "env" or "iam" for both keys'],
    'credentials.accessKeyId': ['error', 'missing credential field "accessKeyId"'],
    'credentials.secretAccessKey': ['error', 'missing credential field "secretAccessKey"'],
    steps: ['error', 'missing "steps": the runner stops with "No steps found in config, nothing to add"'],
    'steps[].name': ['error', 'step has no "name" (EMR requires a step name)'],
    'steps[].actionOnFailure': ['error', 'step has no "actionOnFailure": only \'CANCEL_AND_WAIT, CONTINUE\' are allowed'],
    'steps[].jar': ['error', 'step has no "jar"'],
    'steps[].arguments': ['error', 'step has no "arguments"'],
    'tags[].key': ['error', 'tag has no "key"'],
  },
  cluster: {
    name: ['error', 'missing "name" (the EMR cluster name)'],
    logUri: ['warning', 'missing "logUri": EMR keeps no logs and failed steps\' logs cannot be fetched'],
    region: ['error', 'missing "region": the EMR client needs a region'],
    credentials: ['error', 'missing "credentials": use "default", "env" or "iam" for both keys'],
    'credentials.accessKeyId': ['error', 'missing credential field "accessKeyId"'],
    'credentials.secretAccessKey': ['error', 'missing credential field "secretAccessKey"'],
    roles: ['error', 'missing "roles" (jobflow and service roles)'],
    'roles.jobflow': ['error', 'missing "jobflow" role (EC2 instance profile, e.g. EMR_EC2_DefaultRole)'],
    'roles.service': ['error', 'missing "service" role (e.g. EMR_DefaultRole)'],
    ec2: ['error', 'missing "ec2"'],
    'ec2.amiVersion': ['error', 'missing "amiVersion" (the EMR release, e.g. 6.15.0)'],
    'ec2.keyName': ['warning', 'missing "keyName": the runner sends an empty EC2 key pair name'],
    'ec2.location': ['error', 'missing "location": At least one of Availability Zone and Subnet id is required'],
    'ec2.instances': ['error', 'missing "instances"'],
    'ec2.instances.master': ['error', 'missing "master" instance group'],
    'ec2.instances.master.type': ['error', 'missing master instance "type"'],
    'ebs.ebsOptimized': ['error', 'missing "ebsOptimized"'],
    'ebs.ebsBlockDeviceConfigs': ['error', 'missing "ebsBlockDeviceConfigs"'],
    'ebs.volumesPerInstance': ['error', 'missing "volumesPerInstance"'],
    'ebs.volumeSpecification': ['error', 'missing "volumeSpecification"'],
    'ebs.sizeInGB': ['error', 'missing "sizeInGB"'],
    'ebs.volumeType': ['error', 'missing "volumeType"'],
    'configurations[].classification': ['error', 'configuration has no "classification"'],
    'bootstrapActionConfigs[].name': ['error', 'bootstrap action has no "name"'],
    'bootstrapActionConfigs[].scriptBootstrapAction': ['error', 'bootstrap action has no "scriptBootstrapAction"'],
    'bootstrapActionConfigs[].scriptBootstrapAction.path': ['error', 'bootstrap action script has no "path"'],
  },
};

/** Required fields that are absent (or null): what each one costs at run time. */
function reportMissing(c: Checker, kind: ConfigKind, config: unknown, dataNode: JsonNode): void {
  const rules = MISSING[kind];
  const visit = (value: unknown, type: avro.Type, path: string): void => {
    const inner = nonNull(type);
    if (inner) {
      if (value !== null) visit(value, inner, path);
      return;
    }
    if (type.typeName === 'array') {
      for (const item of value as unknown[]) visit(item, (type as avro.types.ArrayType).itemsType, `${path}[]`);
      return;
    }
    if (type.typeName !== 'record' || value === null || typeof value !== 'object') return;
    const origin = c.origins.get(value);
    if (!origin) return; // a zero value put in for a missing record: reported at its parent
    for (const f of (type as avro.types.RecordType).fields) {
      const fieldPath = path ? `${path}.${f.name}` : f.name;
      const prop = origin.props.get(f.name);
      const present = prop && prop.children?.[1]?.type !== 'null';
      if (!present) {
        const ebsKey = /ebsConfiguration/.test(fieldPath) ? `ebs.${f.name}` : fieldPath;
        const rule = rules[fieldPath] ?? rules[ebsKey];
        if (rule) c.add(rule[0], 'missing', rule[1], origin.node.offset, 1);
        continue;
      }
      visit((value as Record<string, unknown>)[f.name], f.type, fieldPath);
    }
  };
  void dataNode;
  visit(config, avroType(kind), '');
}

function propOf(c: Checker, obj: object, field: string): JsonNode | undefined {
  return c.origins.get(obj)?.props.get(field);
}

function valueNodeOf(c: Checker, obj: object, field: string): JsonNode | undefined {
  return propOf(c, obj, field)?.children?.[1];
}

function checkVersionFields(c: Checker, kind: ConfigKind, schema: SchemaRef, config: object): void {
  for (const [path, since] of Object.entries(ADDED_IN[kind])) {
    if (schema.version >= since) continue;
    const parts = path.split('.');
    let obj: unknown = config;
    for (const p of parts.slice(0, -1)) obj = obj && typeof obj === 'object' ? (obj as Record<string, unknown>)[p] : undefined;
    if (!obj || typeof obj !== 'object') continue;
    const prop = propOf(c, obj, parts[parts.length - 1]);
    if (prop)
      c.at(
        prop.children![0],
        'warning',
        'schema-version',
        `"${parts[parts.length - 1]}" is not in ${schema.name} ${schema.version} (added in ${since}): declare …/${since}`,
      );
  }
}

/** Letters, digits and hyphens (us-east-1, us-gov-west-1): anything else fails in the SDK, which
 * builds the endpoint host name from it. */
function checkRegion(c: Checker, config: { region: string }): void {
  const node = valueNodeOf(c, config, 'region');
  if (node?.type !== 'string' || c.templated(node) || /^[a-z0-9-]{1,64}$/.test(config.region)) return;
  const shown =
    JSON.stringify(config.region.slice(0, 40)).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) +
    (config.region.length > 40 ? '…' : '');
  c.at(
    node,
    'error',
    'region',
    `"region" ${shown} is not an AWS region name such as us-east-1 (lower-case letters, digits and hyphens): the EMR client fails`,
  );
}

function checkCredentials(c: Checker, creds: { accessKeyId: string; secretAccessKey: string }): void {
  const access = valueNodeOf(c, creds, 'accessKeyId');
  const secret = valueNodeOf(c, creds, 'secretAccessKey');
  if (!access || !secret || access.type !== 'string' || secret.type !== 'string') return;
  if (c.templated(access) || c.templated(secret)) return;
  const a = creds.accessKeyId;
  const s = creds.secretAccessKey;
  const special = SPECIAL_CREDENTIALS.find((x) => x === a || x === s);
  if (special && a !== s) {
    c.at(a === special ? secret : access, 'error', 'credentials', `access-key and secret-key must both be set to '${special}', or neither`);
    return;
  }
  if (!special) {
    for (const [node, what] of [
      [access, 'access key id'],
      [secret, 'secret access key'],
    ] as const) {
      if (String(node.value) !== '')
        c.at(
          node,
          'warning',
          'literal-credentials',
          `literal ${what} in the file: use "env", "iam" or "default" (or {{systemEnv "…"}}) to keep the secret out of it`,
        );
    }
  }
}

function checkPlaybook(c: Checker, config: PlaybookConfig, data: JsonNode): void {
  const stepsNode = valueNodeOf(c, config, 'steps');
  if (stepsNode?.type === 'array') {
    if (config.steps.length === 0)
      c.at(stepsNode, 'error', 'steps', 'no steps: the runner stops with "No steps found in config, nothing to add"');
    if (config.steps.length > MAX_ACTIVE_STEPS)
      c.at(
        propOf(c, config, 'steps')!.children![0],
        'error',
        'emr-limit',
        `${config.steps.length} steps: EMR allows at most ${MAX_ACTIVE_STEPS} pending and running steps, and the runner adds them all at once`,
      );
  }
  // null decodes as an empty step / argument (Go leaves the zero value), which EMR then rejects.
  for (const item of stepsNode?.type === 'array' ? (stepsNode.children ?? []) : []) {
    if (item.type === 'null')
      c.at(item, 'error', 'null', 'a step is null: the runner would add an empty step (no name, no jar), which EMR rejects');
    const args = item.type === 'object' ? item.children?.find((p) => p.children?.[0]?.value === 'arguments')?.children?.[1] : undefined;
    for (const arg of args?.type === 'array' ? (args.children ?? []) : []) {
      if (arg.type === 'null') c.at(arg, 'error', 'null', 'an argument is null: the runner would pass an empty string');
    }
  }
  for (const step of config.steps) {
    const action = valueNodeOf(c, step, 'actionOnFailure');
    if (action?.type === 'string' && !c.templated(action) && !ACTIONS.includes(step.actionOnFailure)) {
      const terminate = /^TERMINATE_(CLUSTER|JOB_FLOW)$/.test(step.actionOnFailure) ? '' : '';
      c.at(
        action,
        'error',
        'action-on-failure',
        `bad actionOnFailure "${step.actionOnFailure}": Only the following failure actions are allowed 'CANCEL_AND_WAIT, CONTINUE' - to terminate use the 'down' command${terminate}`,
      );
    }
    const type = valueNodeOf(c, step, 'type');
    if (type?.type === 'string' && !c.templated(type) && step.type !== 'CUSTOM_JAR') {
      c.at(type, 'warning', 'step-type', `step type "${step.type}" is ignored: the runner runs every step as a custom JAR ("CUSTOM_JAR")`);
    }
    const name = valueNodeOf(c, step, 'name');
    if (name?.type === 'string' && step.name.length > MAX_STEP_NAME)
      c.at(name, 'error', 'emr-limit', `step name is ${step.name.length} characters: EMR allows at most ${MAX_STEP_NAME}`);
    if (name?.type === 'string' && step.name.trim() === '') c.at(name, 'error', 'empty', 'empty step name: EMR requires a name');
    const jar = valueNodeOf(c, step, 'jar');
    if (jar?.type === 'string' && step.jar.trim() === '') c.at(jar, 'error', 'empty', 'empty "jar": EMR needs the JAR to run');
    const args = valueNodeOf(c, step, 'arguments');
    if (args?.type === 'array' && step.arguments.length === 0 && /(^|\/)command-runner\.jar$/.test(step.jar)) {
      c.at(args, 'error', 'arguments', 'command-runner.jar needs the command to run in "arguments" (e.g. "spark-submit", …)');
    }
    const total = step.jar.length + step.arguments.reduce((n, a) => n + a.length, 0);
    if (total > MAX_JAR_STEP_CHARS && jar)
      c.at(
        jar,
        'error',
        'emr-limit',
        `the step's jar and arguments have ${total} characters: EMR allows at most ${MAX_JAR_STEP_CHARS} per step`,
      );
  }
  void data;
}

function checkCluster(c: Checker, config: ClusterConfig, data: JsonNode): void {
  const ec2 = config.ec2;
  const locationNode = valueNodeOf(c, ec2, 'location');
  if (locationNode?.type === 'object') {
    const { classic, vpc } = ec2.location;
    if (classic && vpc)
      c.at(
        propOf(c, ec2.location, 'vpc')!.children![0],
        'error',
        'location',
        'Only one of Availability Zone and Subnet id should be provided: set "classic" or "vpc", not both',
      );
    else if (!classic && !vpc)
      c.add(
        'error',
        'location',
        'At least one of Availability Zone and Subnet id is required: set "classic" or "vpc"',
        locationNode.offset,
        1,
      );
  }
  const ami = valueNodeOf(c, ec2, 'amiVersion');
  if (ami?.type === 'string' && !c.templated(ami)) {
    if (ec2.amiVersion === '') c.at(ami, 'error', 'ami-version', 'empty amiVersion: the runner reads its first character and fails');
    else if (!/^\d/.test(ec2.amiVersion))
      c.at(
        ami,
        'error',
        'ami-version',
        `amiVersion "${ec2.amiVersion}" must start with the release number (e.g. "6.15.0", not "emr-6.15.0"): the runner adds "emr-" itself`,
      );
    else if (/^\d{2,}/.test(ec2.amiVersion))
      c.at(
        ami,
        'warning',
        'ami-version',
        `the runner reads only the first character of amiVersion: "${ec2.amiVersion}" is taken as major ${ec2.amiVersion[0]}`,
      );
  }
  for (const group of ['core', 'task'] as const) {
    const g = ec2.instances[group];
    const countNode = valueNodeOf(c, g, 'count');
    if (countNode?.type === 'number' && !c.templated(countNode)) {
      if (g.count < 0) c.at(countNode, 'warning', 'count', `negative ${group} count: the group is omitted (as for 0)`);
      if (g.count > MAX_INSTANCE_COUNT)
        c.at(countNode, 'error', 'emr-limit', `${group} count ${g.count} is over EMR's limit (InstanceCount is a 32-bit integer)`);
      if (g.count > 0 && g.type.trim() === '') {
        const at = valueNodeOf(c, g, 'type') ?? countNode;
        c.at(at, 'error', 'instance-type', `${group} count is ${g.count} but no instance "type" is given`);
      }
    }
  }
  const bidNode = valueNodeOf(c, ec2.instances.task, 'bid');
  const bid = ec2.instances.task.bid;
  if (bidNode?.type === 'string' && !c.templated(bidNode) && bid !== '' && !/^\d+(\.\d+)?$/.test(bid)) {
    c.at(bidNode, 'error', 'bid', `bid "${bid}" is not a price: write the spot bid in USD, e.g. "0.015"`);
  }
  void data;
}

/** 1-based line and column (UTF-16 units, as editors count) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
