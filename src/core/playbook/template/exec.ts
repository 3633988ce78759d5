// Executes a parsed Go text/template against the vars map, after Go 1.19's text/template/exec.go and
// funcs.go: the same evaluation order, truth, comparison, missingkey=error and error texts
// ("template: NAME:LINE:COL: executing "NAME" at <node>: message").
import {
  byteLength,
  goFloat,
  goInt,
  isNum,
  isTrue,
  sprint,
  sprintf,
  sprintln,
  sprintValue,
  typeName,
  type GoMap,
  type GoValue,
} from './values';
import { nodeString, parseTemplate, TemplateError, type Command, type Node, type Operand, type ParsedTemplate, type Pipe } from './parse';

/** A function the template can call: fixed string parameters, returns a string or throws its error text. */
export interface StringFunc {
  arity: number;
  call(args: string[]): string;
}

export interface ExecOptions {
  /** Go's Option("missingkey=..."): the runner uses "error". */
  missingKey?: 'error' | 'default';
  /** Output larger than this fails (hostile templates can multiply output with nested ranges). */
  maxOutputBytes?: number;
  /** Nodes executed before giving up (nested ranges can loop for ages without output). */
  maxSteps?: number;
  /** Wall-clock budget in ms (default 3000): rendering runs on the editor's extension host, and
   * some steps cost far more than others (a `break` unwinding nested ranges). */
  maxMs?: number;
  /** Filled with where each piece of output came from: [output offset, source offset, copied text?]. */
  sourceMap?: [number, number, boolean][];
}

const BUILTINS = [
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
];
const MAX_DEPTH = 2000;

class BreakSignal {}
class ContinueSignal {}

/** An error raised while executing, already formatted like Go's ExecError. */
export class ExecError extends TemplateError {}

/** Parses and executes `text` as template `name` with `data` as dot. Throws TemplateError/ExecError with Go's text. */
export function executeTemplate(
  name: string,
  text: string,
  data: GoMap,
  funcs: ReadonlyMap<string, StringFunc>,
  options: ExecOptions = {},
): string {
  const known = new Set([...BUILTINS, ...funcs.keys()]);
  const tree = parseTemplate(name, text, known);
  return new State(tree, funcs, options).run(data);
}

interface Variable {
  name: string;
  value: GoValue;
}

class State {
  private out: string[] = [];
  private outBytes = 0;
  private vars: Variable[] = [];
  private node: Node | undefined;
  private depth = 0;
  private steps = 0;
  private readonly deadline: number;
  private current: string;
  private readonly lineStarts: number[];

  constructor(
    private readonly tree: ParsedTemplate,
    private readonly funcs: ReadonlyMap<string, StringFunc>,
    private readonly options: ExecOptions,
  ) {
    this.current = tree.name;
    this.deadline = performance.now() + (options.maxMs ?? 3000);
    this.lineStarts = [0];
    for (let i = tree.text.indexOf('\n'); i >= 0; i = tree.text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  run(data: GoMap): string {
    this.vars = [{ name: '$', value: data }];
    try {
      this.walk(data, this.tree.root);
    } catch (e) {
      if (e instanceof RangeError) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
      throw e;
    }
    return this.out.join('');
  }

  private at(n: Node): void {
    this.node = n;
  }

  private errorf(msg: string): never {
    const n = this.node;
    if (!n) throw new ExecError(`template: ${this.current}: ${msg}`, 0);
    // Go's ErrorContext: line, and the byte offset of the node within its line.
    const text = this.tree.text;
    let line = 0;
    while (line + 1 < this.lineStarts.length && this.lineStarts[line + 1] <= n.pos) line++;
    const col = byteLength(text.slice(this.lineStarts[line], n.pos));
    const byteNum = line === 0 ? byteLength(text.slice(0, n.pos)) : col;
    const context = nodeString(n); // Go 1.19 quotes the whole node (later versions cut it at 20).
    throw new ExecError(`template: ${this.tree.name}:${line + 1}:${byteNum}: executing "${this.current}" at <${context}>: ${msg}`, n.pos);
  }

  private write(s: string): void {
    if (this.options.sourceMap && this.node && s.length > 0)
      this.options.sourceMap.push([this.outBytes, this.node.pos, this.node.kind === 'text']);
    this.outBytes += s.length;
    if (this.outBytes > (this.options.maxOutputBytes ?? 64 << 20))
      this.errorf(`rendered output exceeds ${this.options.maxOutputBytes ?? 64 << 20} characters`);
    this.out.push(s);
  }

  private walk(dot: GoValue, node: Node): void {
    this.at(node);
    if (++this.steps > (this.options.maxSteps ?? 10_000_000))
      this.errorf(`template takes too long to render (over ${this.options.maxSteps ?? 10_000_000} steps)`);
    if ((this.steps & 0xfff) === 0 && performance.now() > this.deadline)
      this.errorf(`template takes too long to render (over ${(this.options.maxMs ?? 3000) / 1000} s)`);
    switch (node.kind) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'comment':
        return;
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, node.pipe);
        if (isTrue(val)) this.walk(node.kind === 'with' ? val : dot, node.list);
        else if (node.elseList) this.walk(dot, node.elseList);
        this.vars.length = mark;
        return;
      }
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        this.write(node.text);
        return;
    }
    this.errorf(`unknown node: ${nodeString(node)}`);
  }

  private walkRange(dot: GoValue, r: ControlNode): void {
    this.at(r);
    const mark = this.vars.length;
    const val = this.evalPipeline(dot, r.pipe);
    const iterate = (index: GoValue, elem: GoValue): boolean => {
      if (r.pipe.decl.length > 0) this.vars[this.vars.length - 1].value = elem;
      if (r.pipe.decl.length > 1) this.vars[this.vars.length - 2].value = index;
      const innerMark = this.vars.length;
      try {
        this.walk(elem, r.list);
      } catch (e) {
        if (e instanceof BreakSignal) return false;
        if (!(e instanceof ContinueSignal)) throw e;
      } finally {
        this.vars.length = innerMark;
      }
      return true;
    };
    if (val instanceof Map) {
      if (val.size > 0) {
        for (const k of [...val.keys()].sort()) if (!iterate(k, val.get(k))) break;
        this.vars.length = mark;
        return;
      }
    } else if (val !== undefined && val !== null) {
      this.errorf(`range can't iterate over ${sprintValue(val)}`);
    }
    if (r.elseList) this.walk(dot, r.elseList);
    this.vars.length = mark;
  }

  private walkTemplate(dot: GoValue, t: Extract<Node, { kind: 'template' }>): void {
    this.at(t);
    const tmpl = this.tree.defines.get(t.name);
    if (!tmpl) this.errorf(`template ${JSON.stringify(t.name)} not defined`);
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    if (++this.depth > MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const saved = { vars: this.vars, current: this.current };
    this.vars = [{ name: '$', value: newDot }];
    this.current = t.name;
    this.walk(newDot, tmpl!);
    this.vars = saved.vars;
    this.current = saved.current;
    this.depth--;
  }

  private evalPipeline(dot: GoValue, pipe: Pipe): GoValue {
    this.at(pipe);
    let value: GoValue | typeof MISSING = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const result = value === MISSING ? undefined : value;
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], result);
      else this.vars.push({ name: v.ident[0], value: result });
    }
    return result;
  }

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.errorf(`undefined variable: ${name}`);
  }

  private notAFunction(args: Operand[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args[0])}`);
  }

  private evalCommand(dot: GoValue, cmd: Command, final: Final): GoValue {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
    return this.errorf(`can't evaluate command ${JSON.stringify(nodeString(first))}`);
  }

  private idealConstant(n: Extract<Operand, { kind: 'number' }>): GoValue {
    this.at(n);
    const v = n.value;
    if (v.isComplex) this.errorf(`complex constants are not supported: ${n.text}`);
    if (v.isFloat && !v.isHexInt && !v.isChar && /[.eEpP]/.test(n.text)) return goFloat(v.float);
    if (v.isInt) {
      if (!Number.isSafeInteger(v.int)) this.errorf(`${n.text} overflows int`);
      return goInt(v.int);
    }
    return undefined;
  }

  private evalFieldNode(dot: GoValue, field: Extract<Operand, { kind: 'field' }>, args: Operand[], final: Final): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, false, field, field.ident, args, final);
  }

  private evalChainNode(dot: GoValue, chain: Extract<Operand, { kind: 'chain' }>, args: Operand[], final: Final): GoValue {
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const pipe = this.evalArgAny(dot, chain.node);
    return this.evalFieldChain(dot, pipe, false, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: GoValue, variable: Extract<Operand, { kind: 'variable' }>, args: Operand[], final: Final): GoValue {
    this.at(variable);
    const value = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, false, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    fromInterface: boolean,
    node: Node,
    ident: string[],
    args: Operand[],
    final: Final,
  ): GoValue {
    let r = receiver;
    let iface = fromInterface;
    for (let i = 0; i < ident.length - 1; i++) {
      r = this.evalField(ident[i], [], MISSING, r, iface);
      iface = true; // map elements are interface{} values
    }
    void dot;
    void node;
    return this.evalField(ident[ident.length - 1], args, final, r, iface);
  }

  private evalField(fieldName: string, args: Operand[], final: Final, receiver: GoValue, fromInterface: boolean): GoValue {
    if (receiver === undefined) {
      if ((this.options.missingKey ?? 'error') === 'error') this.errorf(`nil data; no entry for key ${JSON.stringify(fieldName)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${fieldName}`);
    if (receiver instanceof Map) {
      if (args.length > 1 || final !== MISSING) this.errorf(`${fieldName} is not a method but has arguments`);
      if (receiver.has(fieldName)) return receiver.get(fieldName);
      if ((this.options.missingKey ?? 'error') === 'error') this.errorf(`map has no entry for key ${JSON.stringify(fieldName)}`);
      return undefined;
    }
    return this.errorf(`can't evaluate field ${fieldName} in type ${fromInterface ? 'interface {}' : typeName(receiver)}`);
  }

  private evalFunction(dot: GoValue, node: Extract<Operand, { kind: 'identifier' }>, cmd: Node, args: Operand[], final: Final): GoValue {
    this.at(node);
    const name = node.name;
    const rest = args.slice(1);
    const numIn = rest.length + (final !== MISSING ? 1 : 0);
    const custom = this.funcs.get(name);
    if (custom) {
      if (numIn !== custom.arity) this.errorf(`wrong number of args for ${name}: want ${custom.arity} got ${numIn}`);
      const argv = rest.map((a) => this.evalArgString(dot, a));
      if (final !== MISSING) argv.push(this.validateString(final));
      try {
        return custom.call(argv);
      } catch (e) {
        this.at(cmd);
        return this.errorf(`error calling ${name}: ${(e as Error).message}`);
      }
    }
    return this.evalBuiltin(dot, name, cmd, rest, final, numIn);
  }

  private evalBuiltin(dot: GoValue, name: string, cmd: Node, rest: Operand[], final: Final, numIn: number): GoValue {
    const fixed: Record<string, number> = { not: 1, len: 1, ne: 2, lt: 2, le: 2, gt: 2, ge: 2 };
    const minimum: Record<string, number> = {
      and: 1,
      or: 1,
      index: 1,
      slice: 1,
      eq: 1,
      call: 1,
      printf: 1,
      print: 0,
      println: 0,
      html: 0,
      js: 0,
      urlquery: 0,
    };
    if (name in fixed && numIn !== fixed[name]) this.errorf(`wrong number of args for ${name}: want ${fixed[name]} got ${numIn}`);
    if (name in minimum && numIn < minimum[name])
      this.errorf(`wrong number of args for ${name}: want at least ${minimum[name]} got ${numIn}`);
    if (name === 'and' || name === 'or') {
      // Go 1.18+: evaluate left to right and stop at the first decisive argument.
      let v: GoValue = undefined;
      for (const a of rest) {
        v = this.evalArgAny(dot, a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }
    const argv: GoValue[] = rest.map((a, i) => (name === 'printf' && i === 0 ? this.evalArgString(dot, a) : this.evalArgAny(dot, a)));
    if (final !== MISSING) argv.push(name === 'printf' && argv.length === 0 ? this.validateString(final) : final);
    try {
      return callBuiltin(name, argv);
    } catch (e) {
      if (!(e instanceof BuiltinError)) throw e;
      this.at(cmd);
      return this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  private validateString(v: GoValue): string {
    if (v === undefined) this.errorf('invalid value; expected string');
    if (typeof v !== 'string') this.errorf(`wrong type for value; expected string; got ${typeName(v)}`);
    return v as string;
  }

  /** evalArg for a parameter of type string. */
  private evalArgString(dot: GoValue, n: Operand): string {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateString(dot);
      case 'nil':
        return this.errorf('cannot assign nil to string');
      case 'field':
        return this.validateString(this.evalFieldNode(dot, n, [n], MISSING));
      case 'variable':
        return this.validateString(this.evalVariableNode(dot, n, [n], MISSING));
      case 'pipe':
        return this.validateString(this.evalPipeline(dot, n));
      case 'identifier':
        return this.validateString(this.evalFunction(dot, n, n, [n], MISSING));
      case 'chain':
        return this.validateString(this.evalChainNode(dot, n, [], MISSING));
      case 'string':
        return n.text;
    }
    return this.errorf(`expected string; found ${nodeString(n)}`);
  }

  /** evalArg for an interface{} / reflect.Value parameter (the builtins). */
  private evalArgAny(dot: GoValue, n: Operand): GoValue {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'field':
        return this.evalFieldNode(dot, n, [n], MISSING);
      case 'variable':
        return this.evalVariableNode(dot, n, [n], MISSING);
      case 'pipe':
        return this.evalPipeline(dot, n);
      case 'identifier':
        return this.evalFunction(dot, n, n, [n], MISSING);
      case 'chain':
        return this.evalChainNode(dot, n, [], MISSING);
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type interface {}`);
  }

  private printValue(n: Node, v: GoValue): void {
    this.at(n);
    this.write(v === undefined ? '<no value>' : sprintValue(v));
  }
}

type ControlNode = Extract<Node, { kind: 'if' | 'range' | 'with' }>;
const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;

class BuiltinError extends Error {}

type Kind = 'bool' | 'int' | 'uint' | 'float' | 'string' | 'invalid';

function basicKind(v: GoValue): Kind {
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  if (isNum(v)) return v.num === 'float64' ? 'float' : v.num === 'uint8' ? 'uint' : 'int';
  return 'invalid';
}

function numVal(v: GoValue): number {
  return isNum(v) ? v.v : 0;
}

function eq(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return numVal(a) === numVal(b);
    if (a !== undefined && a !== null && b !== undefined && b !== null) throw new BuiltinError('incompatible types for comparison');
    return (a === undefined || a === null) && (b === undefined || b === null);
  }
  switch (k1) {
    case 'bool':
    case 'string':
      return a === b;
    case 'int':
    case 'uint':
    case 'float':
      return numVal(a) === numVal(b);
  }
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  throw new BuiltinError('invalid type for comparison');
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new BuiltinError('invalid type for comparison');
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return numVal(a) < numVal(b);
    throw new BuiltinError('incompatible types for comparison');
  }
  if (k1 === 'bool') throw new BuiltinError('invalid type for comparison');
  if (k1 === 'string') return (a as string) < (b as string);
  return numVal(a) < numVal(b);
}

function indexArg(index: GoValue, cap: number): number {
  const k = basicKind(index);
  if (k !== 'int' && k !== 'uint') throw new BuiltinError(`cannot index slice/array with type ${typeName(index)}`);
  const x = numVal(index);
  if (x < 0 || x >= cap) throw new BuiltinError(`index out of range: ${x}`);
  return x;
}

function evalArgsString(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '\\':
        out += '\\\\';
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case '<':
        out += '\\u003C';
        continue;
      case '>':
        out += '\\u003E';
        continue;
      case '&':
        out += '\\u0026';
        continue;
      case '=':
        out += '\\u003D';
        continue;
    }
    if (c < 0x20) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else if (c < 0x80 || /^[\p{L}\p{M}\p{N}\p{P}\p{S}\u0020]$/u.test(ch)) out += ch;
    else out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function callBuiltin(name: string, a: GoValue[]): GoValue {
  switch (name) {
    case 'not':
      return !isTrue(a[0]);
    case 'len': {
      const v = a[0];
      if (typeof v === 'string') return goInt(byteLength(v));
      if (v instanceof Map) return goInt(v.size);
      if (v === null || v === undefined) throw new BuiltinError('len of nil pointer');
      throw new BuiltinError(`len of type ${typeName(v)}`);
    }
    case 'index': {
      let item = a[0];
      if (item === undefined || item === null) throw new BuiltinError('index of untyped nil');
      for (const index of a.slice(1)) {
        if (typeof item === 'string') {
          const bytes: Buffer = Buffer.from(item, 'utf8');
          item = { num: 'uint8', v: bytes[indexArg(index, bytes.length)] };
        } else if (item instanceof Map) {
          if (typeof index !== 'string')
            throw new BuiltinError(`value has type ${index === undefined || index === null ? 'nil' : typeName(index)}; should be string`);
          item = item.get(index);
        } else if (item === undefined || item === null) {
          throw new BuiltinError('index of nil pointer');
        } else throw new BuiltinError(`can't index item of type ${typeName(item)}`);
      }
      return item;
    }
    case 'slice': {
      const item = a[0];
      if (item === undefined || item === null) throw new BuiltinError('slice of untyped nil');
      if (typeof item !== 'string') throw new BuiltinError(`can't slice item of type ${typeName(item)}`);
      const bytes = Buffer.from(item, 'utf8');
      const idx = a.slice(1);
      if (idx.length > 3) throw new BuiltinError(`too many slice indexes: ${idx.length}`);
      if (idx.length === 3) throw new BuiltinError('cannot 3-index slice a string');
      const bounds = [0, bytes.length];
      idx.forEach((x, i) => {
        bounds[i] = indexArg(x, bytes.length + 1);
      });
      if (bounds[0] > bounds[1]) throw new BuiltinError(`invalid slice index: ${bounds[0]} > ${bounds[1]}`);
      return bytes.subarray(bounds[0], bounds[1]).toString('utf8');
    }
    case 'eq': {
      if (a.length < 2) throw new BuiltinError('missing argument for comparison');
      return a.slice(1).some((b) => eq(a[0], b));
    }
    case 'ne':
      return !eq(a[0], a[1]);
    case 'lt':
      return lt(a[0], a[1]);
    case 'le':
      return lt(a[0], a[1]) || eq(a[0], a[1]);
    case 'gt':
      return !(lt(a[0], a[1]) || eq(a[0], a[1]));
    case 'ge':
      return !lt(a[0], a[1]);
    case 'print':
      return sprint(a);
    case 'printf':
      return sprintf(a[0] as string, a.slice(1));
    case 'println':
      return sprintln(a);
    case 'html':
      return htmlEscape(evalArgsString(a));
    case 'js':
      return jsEscape(evalArgsString(a));
    case 'urlquery':
      return queryEscape(evalArgsString(a));
    case 'call': {
      const fn = a[0];
      if (fn === undefined || fn === null) throw new BuiltinError('call of nil');
      throw new BuiltinError(`non-function of type ${typeName(fn)}`);
    }
  }
  throw new BuiltinError(`unknown function ${name}`);
}
