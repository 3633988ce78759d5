// Renders a playbook/cluster file exactly as Dataflow Runner 0.7.5 does (config_resolver.go):
// Go text/template over the whole text, missingkey=error, the runner's five functions, vars from
// `--vars k1,v1,...`; then checks the output is JSON the runner's decoder accepts.
import { executeTemplate, type StringFunc } from './template/exec';
import { TemplateError } from './template/parse';
import { formatGoTime, localTime } from './template/goTime';
import type { GoMap } from './template/values';
import { goJsonError } from './goJson';
import { goStructError } from './goStruct';
import type { ConfigKind } from './model';

/** Everything rendering reads from outside the text: the clock, the environment, files. */
export interface RenderEnv {
  /** Milliseconds since the epoch (Date.now). */
  now(): number;
  getenv(name: string): string | undefined;
  /** File contents; throws an Error whose message is Go's (e.g. "open x: no such file or directory"). */
  readFile(path: string): Uint8Array;
}

/** On failure, `offset` is where in the source file the runner's error points (when known). */
export type RenderResult = { ok: true; text: string } | { ok: false; error: string; offset?: number };

/** The runner's `--vars` parsing: split on every comma; an odd count is an error; "" is no vars. */
export function parseVarsFlag(flag: string): { ok: true; vars: Map<string, string> } | { ok: false; error: string } {
  const vars = new Map<string, string>();
  if (flag === '') return { ok: true, vars };
  const parts = flag.split(',');
  if (parts.length % 2 !== 0) return { ok: false, error: '--vars must have an even number of keys and values' };
  for (let i = 0; i < parts.length; i += 2) vars.set(parts[i], parts[i + 1]);
  return { ok: true, vars };
}

/** The runner's template functions (DFR src/config_resolver.go templFuncs). */
export function runnerFunctions(env: RenderEnv): Map<string, StringFunc> {
  return new Map<string, StringFunc>([
    ['nowWithFormat', { arity: 1, call: ([layout]) => formatGoTime(localTime(env.now()), layout) }],
    [
      'timeWithFormat',
      {
        arity: 2,
        call: ([epoch, layout]) => {
          const seconds = parseGoInt64(epoch);
          return formatGoTime(localTime(seconds * 1000, 0), layout);
        },
      },
    ],
    [
      'systemEnv',
      {
        arity: 1,
        call: ([name]) => {
          const v = env.getenv(name);
          if (v === undefined) throw new Error(`environment variable ${name} not set`);
          return v;
        },
      },
    ],
    ['base64', { arity: 1, call: ([s]) => Buffer.from(s, 'utf8').toString('base64') }],
    ['base64File', { arity: 1, call: ([file]) => Buffer.from(env.readFile(file)).toString('base64') }],
  ]);
}

/** strconv.ParseInt(s, 10, 64) with Go's error texts. */
function parseGoInt64(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n)
    throw new Error(`strconv.ParseInt: parsing ${JSON.stringify(s)}: value out of range`);
  return Number(n);
}

/** Renders the template only (no JSON check): what the runner feeds to json.Unmarshal. */
export function renderTemplate(
  text: string,
  vars: ReadonlyMap<string, string>,
  env: RenderEnv,
  name = 'playbook.json',
  sourceMap?: [number, number, boolean][],
): RenderResult {
  const data: GoMap = new Map(vars);
  try {
    return { ok: true, text: executeTemplate(name, text, data, runnerFunctions(env), { missingKey: 'error', sourceMap }) };
  } catch (e) {
    if (e instanceof TemplateError) return { ok: false, error: e.message, offset: e.offset };
    throw e;
  }
}

/** Renders like the runner and fails where it fails: a template error, output that is not valid JSON,
 * or (when the caller says which kind of file the runner reads it as) a value of the wrong type. */
export function renderPlaybook(
  text: string,
  vars: ReadonlyMap<string, string>,
  env: RenderEnv,
  name = 'playbook.json',
  kind?: ConfigKind,
): RenderResult {
  const map: [number, number, boolean][] = [];
  const r = renderTemplate(text, vars, env, name, map);
  if (!r.ok) return r;
  const jsonError = goJsonError(r.text);
  if (jsonError) return { ok: false, error: jsonError.message, offset: sourceOffset(map, jsonError.offset) };
  if (kind) {
    // Go sets the wrapper's Data from every key that matches "data" in any case: the last one wins.
    const wrapper = JSON.parse(r.text) as Record<string, unknown> | null;
    const dataKey = Object.keys(wrapper ?? {})
      .filter((k) => k.toLowerCase() === 'data')
      .pop();
    const structError = goStructError(kind, dataKey !== undefined ? wrapper![dataKey] : null);
    if (structError) return { ok: false, error: structError };
  }
  return r;
}

/** Where an offset of the rendered output came from in the source. */
function sourceOffset(map: [number, number, boolean][], outOffset: number): number | undefined {
  let best: [number, number, boolean] | undefined;
  for (const m of map) {
    if (m[0] <= outOffset) best = m;
    else break;
  }
  if (!best) return undefined;
  return best[2] ? best[1] + (outOffset - best[0]) : best[1];
}
