// Hover and completion models for playbook/cluster files: field docs and field names from the
// runner's Avro schema, enum-like values, var names and template functions inside {{ }}.
import type avro from 'avsc';
import { findNodeAtOffset, getLocation, parseTree, type JSONPath } from 'jsonc-parser';
import { markdownCode } from '../text/markdown';
import { fieldDoc, FUNCTION_DOCS, WRAPPER_DOCS } from './docs';
import { avroType, type ConfigKind } from './model';
import { BUILTIN_FUNCTIONS, RUNNER_FUNCTIONS, scanTemplate } from './templateScan';
import { SECRET_MASK } from './vars';

export interface HoverModel {
  markdown: string;
  offset: number;
  length: number;
}
export interface VarInfo {
  values: ReadonlyMap<string, string>;
  secretNames: ReadonlySet<string>;
}

/** `["data","steps",0,"jar"]` → `steps[].jar`; undefined outside `data`. */
export function docPath(path: JSONPath): string | undefined {
  if (path[0] !== 'data') return undefined;
  let out = '';
  for (const seg of path.slice(1)) {
    if (typeof seg === 'number') out += '[]';
    else out += (out ? '.' : '') + seg;
  }
  return out;
}

function spanAt(text: string, offset: number): { start: number; end: number } | undefined {
  const span = scanTemplate(text).spans.find((s) => s.start <= offset && offset < s.end);
  if (span) return span;
  // An action still being typed: "{{" earlier on the line with no "}}" after it yet.
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const open = text.lastIndexOf('{{', offset - 2);
  if (open < lineStart) return undefined;
  const close = text.indexOf('}}', open);
  return close < 0 || close >= offset ? { start: open, end: offset } : undefined;
}

export function hoverAt(text: string, offset: number, kind: ConfigKind, vars: VarInfo, fieldDocs: boolean): HoverModel | undefined {
  const scan = scanTemplate(text);
  const span = scan.spans.find((s) => s.start <= offset && offset < s.end);
  if (span) {
    const ref = scan.refs.find((r) => r.offset <= offset && offset < r.offset + r.length);
    if (ref) {
      const secret = vars.secretNames.has(ref.name);
      const value = vars.values.get(ref.name);
      // The name and value come from the file and its .vars: code spans they cannot close.
      const what = secret
        ? `secret (kept in secret storage; shown as \`${SECRET_MASK}\`)`
        : value === undefined
          ? '**not defined**: add it to the `.vars` file next to this file or to the `dataWorkbench.playbooks.vars` setting'
          : markdownCode(value);
      return { markdown: `**var ${markdownCode(ref.name)}**: ${what}`, offset: ref.offset, length: ref.length };
    }
    const word = /[A-Za-z0-9_]*$/.exec(text.slice(span.start, offset))![0] + /^[A-Za-z0-9_]*/.exec(text.slice(offset, span.end))![0];
    const at = offset - /[A-Za-z0-9_]*$/.exec(text.slice(span.start, offset))![0].length;
    if (FUNCTION_DOCS[word]) return { markdown: FUNCTION_DOCS[word], offset: at, length: word.length };
    if (BUILTIN_FUNCTIONS.includes(word))
      return { markdown: `\`${word}\`: Go text/template built-in function.`, offset: at, length: word.length };
    return undefined;
  }
  if (!fieldDocs) return undefined;
  let loc: ReturnType<typeof getLocation>, root: ReturnType<typeof parseTree>;
  try {
    loc = getLocation(scan.masked, offset);
    root = parseTree(scan.masked);
  } catch (e) {
    if (e instanceof RangeError) return undefined; // nested too deep to parse (the checker says so)
    throw e;
  }
  const node = root ? findNodeAtOffset(root, offset) : undefined;
  const range = node ? { offset: node.offset, length: node.length } : { offset, length: 0 };
  if (loc.path.length === 1 && typeof loc.path[0] === 'string' && WRAPPER_DOCS[loc.path[0]]) {
    return { markdown: `**${loc.path[0]}**\n\n${WRAPPER_DOCS[loc.path[0]]}`, ...range };
  }
  const path = docPath(loc.path);
  if (!path) return undefined;
  const doc = fieldDoc(kind, path.replace(/\[\]$/, ''));
  if (!doc) return undefined;
  return {
    markdown: `**${path.split('.').pop()!.replace('[]', '')}** (${kind === 'playbook' ? 'PlaybookConfig' : 'ClusterConfig'} \`${path}\`)\n\n${doc}`,
    ...range,
  };
}

export interface CompletionModel {
  label: string;
  kind: 'field' | 'value' | 'var' | 'function';
  insertText: string;
  documentation?: string;
}
export interface CompletionResult {
  items: CompletionModel[];
  replaceOffset: number;
  replaceLength: number;
}

const VALUES: Record<string, string[]> = {
  'steps[].actionOnFailure': ['CANCEL_AND_WAIT', 'CONTINUE'],
  'steps[].type': ['CUSTOM_JAR'],
  'steps[].jar': ['command-runner.jar', '/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar'],
  'credentials.accessKeyId': ['default', 'env', 'iam'],
  'credentials.secretAccessKey': ['default', 'env', 'iam'],
};

function recordAt(kind: ConfigKind, path: string): avro.types.RecordType | undefined {
  let type: avro.Type = avroType(kind);
  const unwrap = (t: avro.Type): avro.Type => (t as unknown as { types?: avro.Type[] }).types?.find((x) => x.typeName !== 'null') ?? t;
  for (const seg of path ? path.split('.') : []) {
    const name = seg.replace(/\[\]$/, '');
    type = unwrap(type);
    if (type.typeName !== 'record') return undefined;
    const f = (type as avro.types.RecordType).fields.find((x) => x.name === name);
    if (!f) return undefined;
    type = unwrap(f.type);
    for (let i = 0; i < (seg.match(/\[\]/g) ?? []).length; i++) type = unwrap((type as avro.types.ArrayType).itemsType);
  }
  type = unwrap(type);
  return type.typeName === 'record' ? (type as avro.types.RecordType) : undefined;
}

export function completionsAt(
  text: string,
  offset: number,
  kind: ConfigKind,
  varNames: readonly string[],
  fieldCompletions: boolean,
): CompletionResult | undefined {
  const span = spanAt(text, offset);
  if (span) {
    const before = text.slice(span.start, offset);
    const field = /(^|[\s({|$])\.([A-Za-z0-9_]*)$/.exec(before.replace(/^\{\{-?/, ' '));
    if (field) {
      const typed = field[2];
      return {
        items: varNames.map((n) => ({ label: n, kind: 'var' as const, insertText: n })),
        replaceOffset: offset - typed.length,
        replaceLength: typed.length,
      };
    }
    const word = /[A-Za-z0-9_]*$/.exec(before)![0];
    const items: CompletionModel[] = [
      ...RUNNER_FUNCTIONS.map((f) => ({ label: f, kind: 'function' as const, insertText: f, documentation: FUNCTION_DOCS[f] })),
      ...BUILTIN_FUNCTIONS.map((f) => ({ label: f, kind: 'function' as const, insertText: f })),
    ];
    return { items, replaceOffset: offset - word.length, replaceLength: word.length };
  }
  if (!fieldCompletions) return undefined;
  const masked = scanTemplate(text).masked;
  let loc: ReturnType<typeof getLocation>;
  try {
    loc = getLocation(masked, offset);
  } catch (e) {
    if (e instanceof RangeError) return undefined; // nested too deep to parse (the checker says so)
    throw e;
  }
  const inQuotes = /"[^"\n]*$/.test(masked.slice(masked.lastIndexOf('\n', offset - 1) + 1, offset));
  const typed = inQuotes ? /[^"\s]*$/.exec(masked.slice(0, offset))![0] : '';
  if (loc.isAtPropertyKey || (!inQuotes && loc.previousNode === undefined)) {
    const parent = docPath(loc.isAtPropertyKey ? loc.path.slice(0, -1) : loc.path);
    if (parent === undefined && loc.path.length <= 1) {
      return {
        items: ['schema', 'data'].map((n) => ({
          label: n,
          kind: 'field' as const,
          insertText: inQuotes ? n : `"${n}": `,
          documentation: WRAPPER_DOCS[n],
        })),
        replaceOffset: offset - typed.length,
        replaceLength: typed.length,
      };
    }
    const rec = recordAt(kind, parent ?? '');
    if (!rec) return undefined;
    return {
      items: rec.fields.map((f) => ({
        label: f.name,
        kind: 'field' as const,
        insertText: inQuotes ? f.name : `"${f.name}": `,
        documentation: fieldDoc(kind, parent ? `${parent}.${f.name}` : f.name),
      })),
      replaceOffset: offset - typed.length,
      replaceLength: typed.length,
    };
  }
  const path = docPath(loc.path);
  const values = path ? VALUES[path] : undefined;
  if (!values) return undefined;
  return {
    items: values.map((v) => ({ label: v, kind: 'value' as const, insertText: inQuotes ? v : `"${v}"` })),
    replaceOffset: offset - typed.length,
    replaceLength: typed.length,
  };
}
